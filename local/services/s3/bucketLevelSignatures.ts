// s3rver checks a SigV4 signature against a canonical URI rebuilt from the route's parameters, so
// for a bucket-level request it signs "/bucket" — but current AWS SDKs send path-style bucket
// operations as "/bucket/?list-type=2", "/bucket/?versions", "/bucket/?delete" and sign that path
// as sent, as S3 itself does. Every ListObjectsV2, ListObjectVersions and DeleteObjects from an
// SDK would be refused with SignatureDoesNotMatch. This middleware remembers each request's raw
// path, and s3rver's v4 string-to-sign is wrapped (once per process) to use it when the request is
// exactly "/<bucket>/".
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

interface CanonicalRequest {
  uri: string;
  headers: IncomingHttpHeaders;
}
interface V4Signature {
  getStringToSign(canonical: CanonicalRequest, request: unknown): string;
}
type Middleware = (ctx: { req: IncomingMessage }, next: () => Promise<void>) => Promise<void>;

const rawPaths = new WeakMap<IncomingHttpHeaders, string>();
const BUCKET_WITH_SLASH = /^\/[^/]+\/$/;
let wrapped = false;

/** Koa middleware (before s3rver's router) making bucket-level SigV4 requests verify against the path they were signed for. */
export function signBucketRequestsAsSent(requireS3rver: NodeJS.Require): Middleware {
  if (!wrapped) {
    const v4 = requireS3rver('./signature/v4') as V4Signature;
    const original = v4.getStringToSign.bind(v4);
    v4.getStringToSign = (canonical, request) => {
      const path = rawPaths.get(canonical.headers);
      const asSent = path !== undefined && BUCKET_WITH_SLASH.test(path) && canonical.uri === path.slice(0, -1);
      return original(asSent ? { ...canonical, uri: path } : canonical, request);
    };
    wrapped = true;
  }
  return async (ctx, next) => {
    rawPaths.set(ctx.req.headers, (ctx.req.url ?? '/').split('?')[0]);
    await next();
  };
}
