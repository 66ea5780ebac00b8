// POST /upload-url body ⇄ GraphQL createUploadUrl (docs/rest-contract.md "Upload Endpoints"), plus the hardening
// the GraphQL API adds: the exact size is part of the signature, so the body must carry it.
import type { CreateUploadUrlInput, UploadFileType, UploadUrl } from '../../../generated/graphql.ts';
import { HttpError } from '../httpErrors.ts';
import type { JsonObject } from './requestBody.ts';
import { checkKind, copyIfPresent, requireFields } from './requestBody.ts';

/** The UploadUrl fields the REST answer reads (what CREATE_UPLOAD_URL_MUTATION selects). */
export type UploadUrlFields = Pick<
  UploadUrl,
  'uploadUrl' | 'key' | 'url' | 'contentType' | 'contentLength' | 'expiresAt'
> & { headers: { name: string; value: string }[] };

/** The 400 message for a body without content_length. */
export const CONTENT_LENGTH_REQUIRED = 'content_length is required: the upload size is part of the signature';

/** CreateUploadUrlInput's fields by GraphQL name: the REST key of each. */
export const UPLOAD_INPUT_KEYS = {
  fileType: 'file_type',
  contentType: 'content_type',
  contentLength: 'content_length',
  fileExtension: 'file_extension',
} as const satisfies Record<keyof CreateUploadUrlInput, string>;

// The seed's file types (UploadFileType), listed in its words.
const FILE_TYPES: readonly UploadFileType[] = ['profile_image', 'project_image', 'resume'];

/** Maps a POST /upload-url body to createUploadUrl's input; 400 when a field is missing or of the wrong type. */
export function toUploadInput(body: JsonObject): CreateUploadUrlInput {
  requireFields(body, ['file_type', 'content_type']);
  if (body.content_length === undefined || body.content_length === null || body.content_length === '') {
    throw new HttpError(400, CONTENT_LENGTH_REQUIRED);
  }
  if (!FILE_TYPES.includes(body.file_type as UploadFileType)) {
    throw new HttpError(400, 'file_type must be profile_image, project_image or resume');
  }
  // Form posts send numbers as text.
  const contentLength =
    typeof body.content_length === 'string' && /^\d+$/.test(body.content_length)
      ? Number(body.content_length)
      : body.content_length;
  checkKind(body.content_type, 'string', 'content_type');
  checkKind(contentLength, 'integer', 'content_length');
  checkKind(body.file_extension, 'string', 'file_extension');
  const input: Record<string, unknown> = {
    fileType: body.file_type,
    contentType: body.content_type,
    contentLength,
  };
  copyIfPresent(body, 'file_extension', input, 'fileExtension');
  return input as CreateUploadUrlInput;
}

/** The seed's upload JSON, plus what the PUT must carry (headers) and when the URL expires. */
export function toUploadJson(upload: UploadUrlFields): Record<string, unknown> {
  return {
    upload_url: upload.uploadUrl,
    key: upload.key,
    url: upload.url,
    content_type: upload.contentType,
    content_length: upload.contentLength,
    expires_at: upload.expiresAt,
    headers: Object.fromEntries(upload.headers.map((header) => [header.name, header.value])),
  };
}
