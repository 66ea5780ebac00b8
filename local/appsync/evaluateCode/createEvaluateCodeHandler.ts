// POST /v1/dataplane-evaluatecode on the API's port: AppSync's control-plane EvaluateCode, so the
// unmodified AWS SDK (`EvaluateCodeCommand` with `endpoint` set) and `aws appsync evaluate-code
// --endpoint-url` work offline. Like AWS it requires a SigV4 signature (service `appsync`), verified
// against the local credentials by the same code as the GraphQL endpoint's AWS_IAM mode.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { authenticateIamRequest } from '../auth/iam.ts';
import type { IamCredentials } from '../auth/iam.ts';
import { headerValue } from '../auth/requestHeaders.ts';
import { sourceIpList } from '../auth/sourceIp.ts';
import type { ControlPlaneError } from './controlPlaneErrors.ts';
import { isControlPlaneError } from './controlPlaneErrors.ts';
import { evaluateCode } from './evaluateCode.ts';
import type { EvaluateCodeOptions } from './evaluateCode.ts';
import { parseEvaluateCodeRequest } from './evaluateCodeRequest.ts';

/** The control-plane path of EvaluateCode (API_EvaluateCode, Request Syntax). */
export const EVALUATE_CODE_PATH = '/v1/dataplane-evaluatecode';

/** How callers are verified, and the clock and randomness handlers see. */
export interface EvaluateCodeHandlerOptions extends EvaluateCodeOptions {
  region: string;
  /** Defaults to the local stack's "local"/"local". */
  credentials?: IamCredentials;
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256, amz-sdk-invocation-id, amz-sdk-request',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
};

/** A node request listener answering EvaluateCode. */
export function createEvaluateCodeHandler(options: EvaluateCodeHandlerOptions): RequestListener {
  return (req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      process.stderr.write(`local EvaluateCode: internal error: ${error instanceof Error ? error.stack : error}\n`);
      if (!res.headersSent)
        sendError(res, { status: 500, errorType: 'InternalFailureException', message: String(error) });
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: EvaluateCodeHandlerOptions): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(200, CORS_HEADERS).end();
    return;
  }
  if (req.method !== 'POST') {
    sendError(res, { status: 404, errorType: 'UnknownOperationException', message: `No operation for ${req.method}.` });
    return;
  }
  const body = await readBody(req);
  const denied = await verifySignature(req, body, options);
  if (denied) {
    sendError(res, denied);
    return;
  }
  const request = parseEvaluateCodeRequest(body);
  if (isControlPlaneError(request)) {
    sendError(res, request);
    return;
  }
  send(res, 200, evaluateCode(request, options), {});
}

// AWS answers an unsigned call with 403 MissingAuthenticationTokenException [?]; every other
// signature problem is worded by the shared SigV4 verifier (InvalidSignatureException, …).
async function verifySignature(
  req: IncomingMessage,
  body: string,
  options: EvaluateCodeHandlerOptions,
): Promise<ControlPlaneError | undefined> {
  if (!headerValue(req.headers, 'authorization'))
    return { status: 403, errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const verified = await authenticateIamRequest(
    { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers, body },
    {
      credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
      region: options.region,
      sourceIp: sourceIpList(req.headers, req.socket.remoteAddress ?? '127.0.0.1'),
      nowMs: (options.now ?? Date.now)(),
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

function sendError(res: ServerResponse, error: ControlPlaneError): void {
  send(res, error.status, { message: error.message }, { 'x-amzn-ErrorType': error.errorType });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...headers,
    'x-amzn-RequestId': randomUUID(),
    'content-type': 'application/json',
  });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
