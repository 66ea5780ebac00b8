// AWS_IAM: a SigV4-signed request for service `appsync`, verified by signing the same request again
// with the local credentials and comparing signatures. AppSync answers signature problems with
// HTTP 403 and the `x-amzn-ErrorType` header set to the error type (InvalidSignatureException is
// recorded in aws-amplify/amplify-js#2422); the messages are the wording AWS's SigV4 front end uses
// across services, not recorded from AppSync itself (docs/appsync-facts.md §5 marks them [?]).
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { ALGORITHM_IDENTIFIER, SignatureV4, getCanonicalHeaders, getPayloadHash } from '@smithy/signature-v4';
import { LOCAL_ACCOUNT_ID } from '../../awsConfig.ts';
import { authFailure } from './authResult.ts';
import type { AuthFailure, AuthResult } from './authResult.ts';
import { lowerCaseHeaders } from './requestHeaders.ts';
import type { RequestHeaders } from './requestHeaders.ts';

/** The one set of credentials the local endpoint accepts (DynamoDB Local's "local"/"local" by default). */
export interface IamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** ctx.identity for AWS_IAM (docs/appsync-facts.md §4), for an IAM user of the local account. */
export interface IamIdentity {
  accountId: string;
  cognitoIdentityPoolId: null;
  cognitoIdentityId: null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: null;
  cognitoIdentityAuthProvider: null;
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: RequestHeaders;
  body: string;
}

// AWS rejects SigV4 requests whose x-amz-date is more than 5 minutes from its clock.
const MAX_SKEW_MS = 5 * 60 * 1000;
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const forbidden = (errorType: string, message: string): AuthFailure => authFailure(403, errorType, message);

/** Whether an Authorization header value is a SigV4 signature rather than a token. */
export function isSigV4Authorization(value: string): boolean {
  return value.startsWith(`${ALGORITHM_IDENTIFIER} `);
}

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(value: string): ParsedAuthorization | string {
  const params = new Map<string, string>();
  for (const part of value.slice(ALGORITHM_IDENTIFIER.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !params.get(name));
  if (missing.length > 0) {
    return `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${value}`;
  }
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = params
    .get('Credential')!
    .split('/');
  return {
    accessKeyId,
    date,
    region,
    service,
    terminator,
    signedHeaders: params
      .get('SignedHeaders')!
      .split(';')
      .map((h) => h.toLowerCase()),
    signature: params.get('Signature')!,
  };
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function skewProblem(amzDate: string, signedAt: number, nowMs: number): string | undefined {
  if (signedAt < nowMs - MAX_SKEW_MS) {
    return `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - MAX_SKEW_MS)} (${formatAmzDate(nowMs)} - 5 min.)`;
  }
  if (signedAt > nowMs + MAX_SKEW_MS) {
    return `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + MAX_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`;
  }
  return undefined;
}

function scopeProblem(auth: ParsedAuthorization, amzDate: string, region: string): string | undefined {
  if (auth.date !== amzDate.slice(0, 8)) {
    return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`;
  }
  if (auth.region !== region) return 'Credential should be scoped to a valid region.';
  if (auth.service !== 'appsync') return "Credential should be scoped to correct service: 'appsync'.";
  if (auth.terminator !== 'aws4_request')
    return `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`;
  return undefined;
}

// Exposes the canonical request and string-to-sign so a mismatch can explain itself the way AWS
// does ("The Canonical String for this request should have been …").
class ExplainingSigner extends SignatureV4 {
  async explain(request: HttpRequest, longDate: string, scope: string, signed: Set<string>): Promise<string> {
    const canonical = this.createCanonicalRequest(
      request,
      getCanonicalHeaders(request, undefined, signed),
      await getPayloadHash(request, this.sha256),
    );
    const stringToSign = await this.createStringToSign(longDate, scope, canonical, ALGORITHM_IDENTIFIER);
    return `\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`;
  }
}

function toHttpRequest(request: SignedRequest, signedHeaders: string[]): HttpRequest {
  const all = lowerCaseHeaders(request.headers);
  const headers = Object.fromEntries(signedHeaders.filter((name) => name in all).map((name) => [name, all[name]]));
  const [path, rawQuery = ''] = request.path.split('?', 2);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return new HttpRequest({
    method: request.method.toUpperCase(),
    protocol: 'https:',
    hostname: headers.host ?? 'localhost',
    path,
    query,
    headers,
    body: request.body,
  });
}

function sha256Hex(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Verifies a SigV4-signed request against the local credentials and builds the IAM ctx.identity. */
export async function authenticateIamRequest(
  request: SignedRequest,
  options: { credentials: IamCredentials; region: string; sourceIp: string[]; nowMs: number },
): Promise<AuthResult> {
  const headers = lowerCaseHeaders(request.headers);
  const auth = parseAuthorization(headers.authorization ?? '');
  if (typeof auth === 'string') return forbidden('IncompleteSignatureException', auth);

  const amzDate = headers['x-amz-date'];
  const signedAt = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signedAt) {
    return forbidden(
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const skew = skewProblem(amzDate, signedAt.getTime(), options.nowMs);
  if (skew) return forbidden('InvalidSignatureException', skew);
  const scope = scopeProblem(auth, amzDate, options.region);
  if (scope) return forbidden('InvalidSignatureException', scope);
  if (auth.accessKeyId !== options.credentials.accessKeyId) {
    return forbidden('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }

  const httpRequest = toHttpRequest(request, auth.signedHeaders);
  const signer = new ExplainingSigner({
    service: 'appsync',
    region: options.region,
    credentials: {
      ...options.credentials,
      // The signer adds the token header itself; only pass it when the client signed it.
      sessionToken: auth.signedHeaders.includes('x-amz-security-token') ? headers['x-amz-security-token'] : undefined,
    },
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const signed = new Set(auth.signedHeaders);
  const expected = await signer.sign(httpRequest, { signingDate: signedAt, signableHeaders: signed });
  const expectedSignature = /Signature=([0-9a-f]+)/.exec(String(expected.headers.authorization))?.[1] ?? '';

  // A signed x-amz-content-sha256 replaces the body in the signature, so it must match the body
  // actually received; otherwise a replayed signature would cover any body.
  const contentSha = httpRequest.headers['x-amz-content-sha256'];
  const bodyMatches = contentSha === undefined || contentSha === sha256Hex(request.body);
  const signatureMatches =
    expectedSignature.length === auth.signature.length &&
    timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(auth.signature));
  if (!bodyMatches || !signatureMatches) {
    const scopeString = `${auth.date}/${auth.region}/appsync/aws4_request`;
    const detail = await signer.explain(httpRequest, amzDate, scopeString, signed);
    return forbidden('InvalidSignatureException', MISMATCH + detail);
  }

  const identity: IamIdentity = {
    accountId: LOCAL_ACCOUNT_ID,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: options.sourceIp,
    username: auth.accessKeyId,
    userArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/${auth.accessKeyId}`,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
  return { ok: true, authMode: 'AWS_IAM', identity };
}
