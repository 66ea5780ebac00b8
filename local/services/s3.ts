// s3rver (npm `@20minutes/s3rver` 4.0.4) in-process: a Koa app over a folder, path-style only,
// checking SigV2/SigV4 signatures (headers and presigned query strings, expiry included).
//
// Findings (lib/middleware/authentication.js, lib/models/account.js, lib/s3rver.js):
// - Keys: it knows one key pair, S3RVER/S3RVER, in a process-wide registry. We add local/local
//   there so the project's fixed local credentials sign valid requests; any region is accepted.
// - A request with no signature at all is served as if authorised, writes included. AWS refuses
//   anonymous requests that no bucket policy allows, so here anonymous writes get 403
//   AccessDenied, and anonymous reads too when the bucket lists its public key patterns.
// - Its bucket-level SigV4 check disagrees with current SDKs about a trailing "/" (docs/architecture.md §5),
//   so buckets come from its own configureBuckets option, never CreateBucket; listing and
//   multi-object deletes ("/bucket/?…") verify against the path as sent (s3/bucketLevelSignatures.ts).
// - It has no object versions: ListObjectVersions is answered from its store (s3/objectVersions.ts).
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import type { CORSRule } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '../awsConfig.ts';
import { signBucketRequestsAsSent } from './s3/bucketLevelSignatures.ts';
import { listObjectVersions } from './s3/objectVersions.ts';
import { listenSupervised } from './supervisedListener.ts';

/** CloudFormation's `AWS::S3::Bucket` CorsConfiguration. */
export interface CfnCorsConfiguration {
  CorsRules: {
    AllowedMethods: string[];
    AllowedOrigins: string[];
    AllowedHeaders?: string[];
    ExposedHeaders?: string[];
    Id?: string;
    MaxAge?: number;
  }[];
}

export interface LocalBucket {
  name: string;
  /** CloudFormation's CorsConfiguration, the S3 API's CORSRule list (PutBucketCors), or CORSConfiguration XML. */
  cors?: CfnCorsConfiguration | CORSRule[] | string;
  /**
   * Keys anyone may GET/HEAD without signing, as a bucket policy's resource patterns (`*` matches
   * any run of characters, `/` included), e.g. `users/*\/profile/*`. Absent: every key is public.
   */
  publicReadKeyPatterns?: string[];
}

export interface S3LocalOptions {
  /** One folder per bucket; created if missing, kept across restarts. */
  dataDir: string;
  /** 0 or absent: an ephemeral port. */
  port?: number;
  host?: string;
  buckets: LocalBucket[];
  /** Default true; false logs every request. */
  silent?: boolean;
  /** Where a restart after its server closed unasked is told (default: stderr). */
  notify?: (line: string) => void;
}

export interface RunningS3Local {
  endpoint: string;
  port: number;
  /** The server listening now (a new one after a restart). */
  server(): Server;
  stop(): Promise<void>;
}

interface S3rverInstance {
  middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void> | void)[];
  configureBuckets(): Promise<void>;
  callback(): RequestListener;
  logger: { close(): void };
}
interface KoaContext {
  method: string;
  req: IncomingMessage;
  query: Record<string, unknown>;
  status: number;
  type: string;
  body: unknown;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

const requireHere = createRequire(import.meta.url);
const requireS3rver = createRequire(requireHere.resolve('@20minutes/s3rver'));

/** Starts s3rver with its data under dataDir and creates the given buckets through its own config. */
export async function startS3Local(options: S3LocalOptions): Promise<RunningS3Local> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolvePath(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  registerLocalCredentials();

  const S3rver = requireS3rver('./s3rver') as S3rverConstructor;
  const s3rver = new S3rver({
    address: host,
    port: options.port ?? 0,
    directory: dataDir,
    silent: options.silent ?? true,
    // Path-style only: virtual-host parsing would treat any non-IP hostname as a bucket name.
    vhostBuckets: false,
    configureBuckets: options.buckets.map((bucket) => ({
      name: bucket.name,
      configs: bucket.cors === undefined ? [] : [corsXml(bucket.cors)],
    })),
  });
  // Koa composes its middleware in callback(), so this runs first.
  s3rver.middleware.unshift(refuseUnauthorisedAnonymousRequests(options.buckets));
  // Just before s3rver's router, after its XML encoding of object bodies.
  s3rver.middleware.splice(
    s3rver.middleware.length - 1,
    0,
    signBucketRequestsAsSent(requireS3rver) as S3rverInstance['middleware'][number],
    listObjectVersions(requireS3rver) as unknown as S3rverInstance['middleware'][number],
  );

  await s3rver.configureBuckets();
  // Our own listen instead of s3rver.run(): its listen leaves a bind error unhandled; ours is
  // opened again on the same port when it closes unasked (supervisedListener.ts).
  const listener = await listenSupervised({
    name: 's3rver',
    app: s3rver.callback(),
    host,
    port: options.port ?? 0,
    where: `data in ${dataDir}`,
    notify: options.notify,
  });
  const stop = async (): Promise<void> => {
    await listener.stop();
    s3rver.logger.close();
  };
  try {
    await waitUntilServing(listener.endpoint);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: listener.endpoint, port: listener.port, server: listener.server, stop };
}

function registerLocalCredentials(): void {
  const { DUMMY_ACCOUNT } = requireS3rver('./models/account') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const ACCESS_DENIED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';

/** Koa middleware answering AWS's 403 AccessDenied to unsigned requests that no public-read rule allows. */
function refuseUnauthorisedAnonymousRequests(buckets: LocalBucket[]) {
  const publicRead = new Map(
    buckets.map((bucket) => [bucket.name, bucket.publicReadKeyPatterns?.map(keyPatternRegExp)]),
  );
  return async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    const signed =
      ctx.req.headers.authorization !== undefined || 'X-Amz-Algorithm' in ctx.query || 'Signature' in ctx.query;
    // CORS preflights are never signed, on AWS either.
    if (signed || ctx.method === 'OPTIONS') return next();
    const [bucket, key] = bucketAndKey(ctx.req.url ?? '/');
    if (bucket === undefined) return next();
    const patterns = publicRead.get(bucket);
    const allowed =
      READ_METHODS.has(ctx.method) &&
      (patterns === undefined || (key !== undefined && patterns.some((pattern) => pattern.test(key))));
    if (allowed) return next();
    ctx.status = 403;
    ctx.type = 'application/xml';
    ctx.body = ACCESS_DENIED;
  };
}

function bucketAndKey(url: string): [string | undefined, string | undefined] {
  const path = url.split('?')[0] ?? '';
  const [, bucket, ...rest] = path.split('/');
  const encodedKey = rest.join('/');
  return [bucket === '' ? undefined : bucket, encodedKey === '' ? undefined : safeDecode(encodedKey)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function keyPatternRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

function corsXml(cors: NonNullable<LocalBucket['cors']>): string {
  if (typeof cors === 'string') return cors;
  if (Array.isArray(cors)) {
    return corsConfigurationXml({
      CorsRules: cors.map((rule) => ({
        AllowedMethods: rule.AllowedMethods ?? [],
        AllowedOrigins: rule.AllowedOrigins ?? [],
        AllowedHeaders: rule.AllowedHeaders,
        ExposedHeaders: rule.ExposeHeaders,
        Id: rule.ID,
        MaxAge: rule.MaxAgeSeconds,
      })),
    });
  }
  return corsConfigurationXml(cors);
}

/** Renders CloudFormation's CorsConfiguration as the CORSConfiguration XML that S3 (and s3rver) read. */
export function corsConfigurationXml(cors: CfnCorsConfiguration): string {
  const element = (name: string, value: string | number): string => `<${name}>${escapeXml(String(value))}</${name}>`;
  const rules = cors.CorsRules.map((rule) =>
    [
      '<CORSRule>',
      rule.Id === undefined ? '' : element('ID', rule.Id),
      ...rule.AllowedOrigins.map((origin) => element('AllowedOrigin', origin)),
      ...rule.AllowedMethods.map((method) => element('AllowedMethod', method)),
      ...(rule.AllowedHeaders ?? []).map((header) => element('AllowedHeader', header)),
      ...(rule.ExposedHeaders ?? []).map((header) => element('ExposeHeader', header)),
      rule.MaxAge === undefined ? '' : element('MaxAgeSeconds', rule.MaxAge),
      '</CORSRule>',
    ].join(''),
  );
  return `<CORSConfiguration>${rules.join('')}</CORSConfiguration>`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

async function waitUntilServing(endpoint: string): Promise<void> {
  // The service root (ListBuckets) answers unsigned: a cheap proof that routing and the store work.
  const response = await fetch(`${endpoint}/`);
  if (!response.ok)
    throw new Error(`s3rver at ${endpoint} is not serving (HTTP ${response.status}: ${await response.text()}).`);
  await response.body?.cancel();
}
