// What every local control-plane operation on the API's port shares with AWS's: a SigV4 signature
// for the service `appsync`, verified against the local credentials by the same code as the
// GraphQL endpoint's AWS_IAM mode; restJson1 answers with a request id; CORS for the console.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { authenticateIamRequest } from '../auth/iam.ts';
import type { IamCredentials } from '../auth/iam.ts';
import { headerValue } from '../auth/requestHeaders.ts';
import { sourceIpList } from '../auth/sourceIp.ts';
import { readBodyWithin, refuseRest } from '../../http/readBody.ts';
import type { ControlPlaneError } from './controlPlaneErrors.ts';

/** How callers are verified, and the clock. */
export interface ControlPlaneAuth {
  region: string;
  /** Defaults to the local stack's "local"/"local". */
  credentials?: IamCredentials;
  now?: () => number;
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256, amz-sdk-invocation-id, amz-sdk-request',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
};

/**
 * A request listener around one operation's `handle`: browsers' preflights answered, and a fault of
 * the emulator itself reported on stderr and answered as InternalFailureException.
 */
export function controlPlaneListener(
  name: string,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): RequestListener {
  return (req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, CORS_HEADERS).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`local ${name}: internal error: ${error instanceof Error ? error.stack : error}\n`);
      if (!res.headersSent)
        sendControlPlaneError(res, { status: 500, errorType: 'InternalFailureException', message: String(error) });
    });
  };
}

// AWS answers an unsigned call with 403 MissingAuthenticationTokenException [?]; every other
// signature problem is worded by the shared SigV4 verifier (InvalidSignatureException, …).
/** The refusal of a request whose signature does not verify; undefined when it does. */
export async function verifyControlPlaneSignature(
  req: IncomingMessage,
  body: string,
  auth: ControlPlaneAuth,
): Promise<ControlPlaneError | undefined> {
  if (!headerValue(req.headers, 'authorization'))
    return { status: 403, errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const verified = await authenticateIamRequest(
    { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers, body },
    {
      credentials: auth.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
      region: auth.region,
      sourceIp: sourceIpList(req.headers, req.socket.remoteAddress ?? '127.0.0.1'),
      nowMs: (auth.now ?? Date.now)(),
    },
  );
  if (verified.ok) return undefined;
  const [first] = verified.body.errors;
  return {
    status: verified.status,
    errorType: first?.errorType ?? 'AccessDeniedException',
    message: first?.message ?? '',
  };
}

/** A control-plane error answer. */
export function sendControlPlaneError(res: ServerResponse, error: ControlPlaneError): void {
  sendControlPlane(res, error.status, { message: error.message }, { 'x-amzn-ErrorType': error.errorType });
}

/** A JSON answer with AWS's request id header. */
export function sendControlPlane(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...headers,
    'x-amzn-RequestId': randomUUID(),
    'content-type': 'application/json',
  });
  res.end(JSON.stringify(body));
}

// AppSync documents no request size for its control plane [?]; EvaluateCode, the largest of these
// requests, carries at most 32,768 characters of code and a 28,000-character context (API_EvaluateCode).
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The whole request body as text, read within MAX_BODY_BYTES; undefined when the client went away
 * or the body was too large, which has then been answered (413 PayloadTooLargeException).
 */
export async function readControlPlaneBody(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  const read = await readBodyWithin(req, MAX_BODY_BYTES);
  if (read.ok) return read.body.toString('utf8');
  if (read.reason === 'too-large') {
    refuseRest(req, res);
    sendControlPlaneError(res, {
      status: 413,
      errorType: 'PayloadTooLargeException',
      message: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
    });
  }
  return undefined;
}
