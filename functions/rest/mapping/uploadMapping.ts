// POST /upload-url body ⇄ GraphQL createUploadUrl (docs/rest-contract.md "Upload Endpoints"), plus the hardening
// the GraphQL API adds: the exact size is part of the signature, so the body must carry it.
import type { CreateUploadUrlInput, UploadUrl } from '../../../generated/graphql.ts';
import { HttpError } from '../httpErrors.ts';
import type { JsonObject } from './requestBody.ts';
import { copyIfPresent, requireFields } from './requestBody.ts';

/** The UploadUrl fields the REST answer reads (what CREATE_UPLOAD_URL_MUTATION selects). */
export type UploadUrlFields = Pick<
  UploadUrl,
  'uploadUrl' | 'key' | 'url' | 'contentType' | 'contentLength' | 'expiresAt'
> & { headers: { name: string; value: string }[] };

/** The 400 message for a body without content_length. */
export const CONTENT_LENGTH_REQUIRED = 'content_length is required: the upload size is part of the signature';

/** Maps a POST /upload-url body to createUploadUrl's input; 400 when a required field is missing. */
export function toUploadInput(body: JsonObject): CreateUploadUrlInput {
  requireFields(body, ['file_type', 'content_type']);
  if (body.content_length === undefined || body.content_length === null || body.content_length === '') {
    throw new HttpError(400, CONTENT_LENGTH_REQUIRED);
  }
  const input: Record<string, unknown> = {
    fileType: body.file_type,
    contentType: body.content_type,
    // Form posts send numbers as text; anything else goes through for GraphQL's Int check.
    contentLength:
      typeof body.content_length === 'string' && /^\d+$/.test(body.content_length)
        ? Number(body.content_length)
        : body.content_length,
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
