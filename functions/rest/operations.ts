// The GraphQL operation behind each REST endpoint (docs/architecture.md §4 "REST shim": one route, one
// operation). The public documents are the only ones sent with the function's IAM role, so
// PUBLIC_IAM_FIELDS lists exactly the fields they select: the CDK grants appsync:GraphQL on
// those and nothing else (a test checks the list against the documents and the schema).

const FULL_PROFILE = `
  username fullName title bio skills
  socialLinks { platform url }
  projects { id title description link imageKey imageUrl techStack order }
  avatarKey avatarUrl profileImageUrl resumeKey resumeUrl
  email phone showEmail showPhone showResume favoriteColor dateOfBirth isOwner
  links { title url }
  createdAt updatedAt`;

/** GET /users/me (Cognito). */
export const ME_QUERY = `query RestMe {
  me { userId username email profileComplete dateOfBirth fullName }
}`;

/** POST /profiles (Cognito). */
export const SAVE_PROFILE_MUTATION = `mutation RestSaveProfile($input: ProfileInput!) {
  saveProfile(input: $input) {${FULL_PROFILE}
  }
}`;

/** GET /profiles/{username} (the caller's token, or IAM). */
export const PUBLIC_PROFILE_QUERY = `query RestPublicProfile($username: String!) {
  profile(username: $username) {
    username fullName title bio skills
    socialLinks { platform url }
    projects { id title description link imageUrl techStack order }
    profileImageUrl avatarUrl resumeUrl
    email phone showEmail showPhone showResume isOwner
    links { title url }
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

/** Every type → field the IAM-signed documents (PUBLIC_PROFILE_QUERY, USERNAME_AVAILABLE_QUERY) select. */
export const PUBLIC_IAM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Query: ['profile', 'usernameAvailable'],
  Profile: [
    'username',
    'fullName',
    'title',
    'bio',
    'skills',
    'socialLinks',
    'projects',
    'profileImageUrl',
    'avatarUrl',
    'resumeUrl',
    'email',
    'phone',
    'showEmail',
    'showPhone',
    'showResume',
    'isOwner',
    'links',
  ],
  SocialLink: ['platform', 'url'],
  Project: ['id', 'title', 'description', 'link', 'imageUrl', 'techStack', 'order'],
  Link: ['title', 'url'],
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
