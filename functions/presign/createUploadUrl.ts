// The business of createUploadUrl, free of Lambda and of the S3 client: plan the upload, have it
// presigned, and describe to the client exactly which request the storage will accept.
import type { UploadUrl as GeneratedUploadUrl } from '../../generated/graphql.ts';
import { assetUrl } from '../../resolvers/lib/assets.ts';
import type { UploadInput, UploadPlan } from './uploadRules.ts';
import { planUpload } from './uploadRules.ts';

/** How long a presigned PUT stays valid (seed: 5 minutes). */
export const UPLOAD_URL_TTL_SECONDS = 300;

/** Signs a PUT of exactly `plan` (key, Content-Type, Content-Length) valid for `expiresIn` seconds from `signedAt`. */
export type PresignPut = (plan: UploadPlan, options: { signedAt: Date; expiresIn: number }) => Promise<string>;

export interface UploadUrlDependencies {
  presignPut: PresignPut;
  /** Public base URL of the assets bucket, no trailing slash. */
  assetsBaseUrl: string;
  now: () => Date;
  newId: () => string;
}

/** GraphQL's UploadUrl (generated from schema.graphql): the signed PUT, the key, the headers to send. */
export type UploadUrl = Omit<GeneratedUploadUrl, '__typename'>;

/** Validates an upload request for `sub` and returns a presigned PUT for a fresh key under the caller's prefix. */
export async function createUploadUrl(
  sub: string,
  input: UploadInput,
  deps: UploadUrlDependencies,
): Promise<UploadUrl> {
  const plan = planUpload(input, sub, deps.newId());
  const signedAt = deps.now();
  const uploadUrl = await deps.presignPut(plan, { signedAt, expiresIn: UPLOAD_URL_TTL_SECONDS });
  return {
    uploadUrl,
    key: plan.key,
    url: assetUrl(deps.assetsBaseUrl, plan.key),
    contentType: plan.contentType,
    contentLength: plan.contentLength,
    expiresAt: new Date(signedAt.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString(),
    // Both are in the signature (X-Amz-SignedHeaders): any other value is refused by S3.
    headers: [
      { name: 'Content-Type', value: plan.contentType },
      { name: 'Content-Length', value: String(plan.contentLength) },
    ],
  };
}
