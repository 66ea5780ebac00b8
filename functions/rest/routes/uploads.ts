// The seed's Upload endpoint: POST /upload-url.
//
// Deviation from the seed (docs/rest-contract.md "Our deviations", docs/architecture.md §4 "Uploads"):
// the body must also carry `content_length`, the exact size in bytes. The GraphQL API signs
// Content-Length into the presigned PUT so S3 itself enforces the size bound (5 MiB images, 10 MiB
// PDFs); a URL signed without it would accept any size. A body without it is answered 400
// {"error":"Bad Request","message":"content_length is required: the upload size is part of the signature"}.
import type { Context } from 'hono';
import type { GraphqlClient } from '../../lib/appsyncClient.ts';
import { parseJsonObject } from '../mapping/requestBody.ts';
import type { UploadUrlFields } from '../mapping/uploadMapping.ts';
import { toUploadInput, toUploadJson } from '../mapping/uploadMapping.ts';
import { CREATE_UPLOAD_URL_MUTATION } from '../operations.ts';
import { requireToken } from '../requestAuth.ts';
import type { RestEnv } from '../restEnv.ts';
import { runOperation } from '../runOperation.ts';

/** POST /upload-url: a presigned PUT for one of the caller's uploads. */
export async function createUploadUrl(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'createUploadUrl');
  const auth = requireToken(c);
  const input = toUploadInput(parseJsonObject(await c.req.text()));
  const upload = await runOperation<UploadUrlFields>(
    graphql,
    { query: CREATE_UPLOAD_URL_MUTATION, variables: { input }, auth },
    'createUploadUrl',
  );
  if (upload === null) throw new Error('createUploadUrl returned no upload URL and no error.');
  return c.json(toUploadJson(upload));
}
