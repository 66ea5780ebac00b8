// The GraphQL operation behind each REST endpoint (docs/architecture.md §4 "REST shim": one route, one
// operation). The public documents are the only ones sent with the function's IAM role, so
// PUBLIC_IAM_FIELDS lists exactly the fields they select: the CDK grants appsync:GraphQL on
// those and nothing else (a test checks the list against the documents and the schema). The
// profile documents select what the field table (resolvers/lib/profileFields.ts) gives REST, so a
// field in the table cannot be left out of a document.
import type { ProfileFieldName } from '../../resolvers/lib/profileFields.ts';
import { PROFILE_FIELDS, PROJECT_FIELDS } from '../../resolvers/lib/profileFields.ts';

const SOCIAL_LINK_FIELDS = ['platform', 'url'];
const LINK_FIELDS = ['title', 'url'];

const PROFILE_NAMES = Object.keys(PROFILE_FIELDS) as ProfileFieldName[];
/** The owner's answer reads every Profile field. */
const FULL_PROFILE_FIELDS = PROFILE_NAMES;
/** The public answer reads the fields with a public REST key, and isOwner for the `ifVisible` rule. */
const PUBLIC_PROFILE_FIELDS = PROFILE_NAMES.filter(
  (name) => PROFILE_FIELDS[name].restPublic !== 'no' || name === 'isOwner',
);
const PROJECT_NAMES = Object.keys(PROJECT_FIELDS) as (keyof typeof PROJECT_FIELDS)[];
const PUBLIC_PROJECT_FIELDS = PROJECT_NAMES.filter((name) => PROJECT_FIELDS[name].restPublic);

/** A Profile selection set: each field, with the sub-selection its value kind needs. */
function profileSelection(fields: readonly ProfileFieldName[], projectFields: readonly string[]): string {
  const nested: Record<string, readonly string[]> = {
    socialLinks: SOCIAL_LINK_FIELDS,
    projects: projectFields,
    links: LINK_FIELDS,
  };
  return fields
    .map((name) => {
      const kind = PROFILE_FIELDS[name].kind;
      return Object.hasOwn(nested, kind) ? `${name} { ${nested[kind].join(' ')} }` : name;
    })
    .join('\n    ');
}

/** GET /users/me (Cognito). */
export const ME_QUERY = `query RestMe {
  me { userId username email profileComplete dateOfBirth fullName }
}`;

/** POST /profiles (Cognito). */
export const SAVE_PROFILE_MUTATION = `mutation RestSaveProfile($input: ProfileInput!) {
  saveProfile(input: $input) {
    ${profileSelection(FULL_PROFILE_FIELDS, PROJECT_NAMES)}
  }
}`;

/** GET /profiles/{username} (the caller's token, or IAM). */
export const PUBLIC_PROFILE_QUERY = `query RestPublicProfile($username: String!) {
  profile(username: $username) {
    ${profileSelection(PUBLIC_PROFILE_FIELDS, PUBLIC_PROJECT_FIELDS)}
  }
}`;

/** GET /username/check (the caller's token, or IAM). */
export const USERNAME_AVAILABLE_QUERY = `query RestUsernameAvailable($username: String!) {
  usernameAvailable(username: $username) { username available }
}`;

/** POST /links (Cognito). */
export const SAVE_LINK_MUTATION = `mutation RestSaveLink($input: LinkInput!) {
  saveLink(input: $input) { linkId title url order isDeleted createdAt updatedAt }
}`;

/** DELETE /links/{id} (Cognito). */
export const DELETE_LINK_MUTATION = `mutation RestDeleteLink($linkId: ID!) {
  deleteLink(linkId: $linkId) { linkId }
}`;

/** POST /upload-url (Cognito). */
export const CREATE_UPLOAD_URL_MUTATION = `mutation RestCreateUploadUrl($input: CreateUploadUrlInput!) {
  createUploadUrl(input: $input) { uploadUrl key url contentType contentLength expiresAt headers { name value } }
}`;

/** GET /users/me/stats (Cognito). */
export const MY_STATS_QUERY = `query RestMyStats($from: AWSDate!, $to: AWSDate!) {
  myStats(from: $from, to: $to) { totalViews totalClicks days { date views clicks { linkId title clicks } } }
}`;

/** Every type → field the IAM-signed documents (PUBLIC_PROFILE_QUERY, USERNAME_AVAILABLE_QUERY) select. */
export const PUBLIC_IAM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Query: ['profile', 'usernameAvailable'],
  Profile: PUBLIC_PROFILE_FIELDS,
  SocialLink: SOCIAL_LINK_FIELDS,
  Project: PUBLIC_PROJECT_FIELDS,
  Link: LINK_FIELDS,
  UsernameAvailability: ['username', 'available'],
};

/** DELETE /users/me (Cognito). */
export const DELETE_ACCOUNT_MUTATION = `mutation RestDeleteAccount($input: DeleteAccountInput!) {
  deleteAccount(input: $input) { status requestedAt }
}`;

/** GET /users/me/export (Cognito). */
export const EXPORT_ACCOUNT_MUTATION = `mutation RestExportAccount {
  exportAccount { url expiresAt }
}`;
