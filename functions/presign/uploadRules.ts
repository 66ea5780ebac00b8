// What may be uploaded where (docs/rest-contract.md "S3 Storage Architecture and the Upload Lambda",
// docs/architecture.md §4 "Uploads"): the content types per upload kind, their size bounds, and the
// key layout users/{sub}/{profile|projects|resume}/{uuid}.{ext}. Pure, so it is tested without S3.
import type { AssetFolder } from '../../resolvers/lib/assets.ts';
import { assetKeyProblem } from '../../resolvers/lib/assets.ts';
import { isSafeId } from '../../resolvers/lib/text.ts';
import { BadRequestError, UnauthorizedError } from '../lib/errors.ts';

export type FileType = 'profile_image' | 'project_image' | 'resume';

const MIB = 1024 * 1024;
const IMAGE_TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/webp': 'webp',
};

/** The folder, allowed content types (→ the extension stored) and maximum size of each upload kind. */
export const UPLOAD_RULES: Record<
  FileType,
  { folder: AssetFolder; contentTypes: Record<string, string>; maxBytes: number }
> = {
  profile_image: { folder: 'profile', contentTypes: IMAGE_TYPES, maxBytes: 5 * MIB },
  project_image: { folder: 'projects', contentTypes: IMAGE_TYPES, maxBytes: 5 * MIB },
  resume: { folder: 'resume', contentTypes: { 'application/pdf': 'pdf' }, maxBytes: 10 * MIB },
};

// Extensions a client may name for a content type without contradicting it.
const EXTENSION_ALIASES: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  pdf: ['pdf'],
};

/** createUploadUrl's input as GraphQL delivers it. */
export interface UploadInput {
  fileType: string;
  contentType: string;
  contentLength: number;
  fileExtension?: string | null;
}

/** A checked upload: where it goes and exactly what the PUT must carry. */
export interface UploadPlan {
  key: string;
  contentType: string;
  contentLength: number;
}

/** Checks the input against the rules and names the object key, or throws BadRequest/Unauthorized. */
export function planUpload(input: UploadInput, sub: string, objectId: string): UploadPlan {
  // A Cognito sub is a UUID; anything else must never become part of a key.
  if (!isSafeId(sub, 128)) throw new UnauthorizedError('An upload needs a signed-in user.');
  const rules = UPLOAD_RULES[input.fileType as FileType] as (typeof UPLOAD_RULES)[FileType] | undefined;
  if (!Object.hasOwn(UPLOAD_RULES, input.fileType) || rules === undefined) {
    throw new BadRequestError(`input.fileType must be one of ${Object.keys(UPLOAD_RULES).join(', ')}.`);
  }
  const contentType = String(input.contentType ?? '')
    .trim()
    .toLowerCase();
  const extension = Object.hasOwn(rules.contentTypes, contentType) ? rules.contentTypes[contentType] : undefined;
  if (extension === undefined) {
    throw new BadRequestError(
      `input.contentType must be one of ${Object.keys(rules.contentTypes).join(', ')} for a ${input.fileType}.`,
    );
  }
  const length = input.contentLength;
  if (!Number.isInteger(length) || length <= 0 || length > rules.maxBytes) {
    throw new BadRequestError(
      `input.contentLength must be between 1 and ${rules.maxBytes} bytes (${rules.maxBytes / MIB} MiB) for a ${input.fileType}.`,
    );
  }
  if (input.fileExtension !== undefined && input.fileExtension !== null) {
    const named = input.fileExtension.trim().toLowerCase().replace(/^\./, '');
    if (!EXTENSION_ALIASES[extension].includes(named)) {
      throw new BadRequestError(
        `input.fileExtension "${input.fileExtension}" contradicts input.contentType ${contentType} (expected .${extension}).`,
      );
    }
  }
  const key = `users/${sub}/${rules.folder}/${objectId}.${extension}`;
  // The same rule saveProfile applies to the key later: never hand out a key it would refuse.
  const problem = assetKeyProblem(key, sub, rules.folder);
  if (problem !== null) throw new Error(`Generated key ${key} ${problem}`);
  return { key, contentType, contentLength: length };
}
