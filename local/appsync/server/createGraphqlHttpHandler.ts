// POST /graphql as AppSync serves it: the body read within the request size limit (413, answered as
// soon as the size is known, before authentication), body parsing (400 MalformedHttpRequestException),
// request authentication (401/403 before any resolver runs), then the engine; CORS for browser clients.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { faultMessage, stderrFaults } from '../../http/internalFaults.ts';
import type { InternalFaultSink } from '../../http/internalFaults.ts';
import { readBodyWithin, refuseRest } from '../../http/readBody.ts';
import type { RequestLogSink } from '../../http/requestLog.ts';
import { authenticateRequest } from '../auth/authenticate.ts';
import type { AuthConfig } from '../auth/authenticate.ts';
import type { AppSyncEngine } from '../engine/createAppSyncEngine.ts';
import { parseGraphqlBody } from './parseGraphqlBody.ts';
import { operationLabel } from './operationLabel.ts';
import type { SubscriptionHub } from '../realtime/subscriptionHub.ts';

/** What the handler needs: the engine for the API, and how its callers authenticate. */
export interface GraphqlHttpHandlerOptions {
  engine: AppSyncEngine;
  auth: AuthConfig;
  log: RequestLogSink;
  /** Where successful mutations are published for subscriptions (docs/appsync-facts.md §8.3); none: no fan-out. */
  hub?: SubscriptionHub;
  /** Where the emulator's own faults go (default: stderr). */
  faults?: InternalFaultSink;
}

// AppSync documents no request size quota; 5 MB is the largest size its quotas name (an evaluated
// template, a response), and locally bounds what one request may make the emulator hold [?]
// (docs/appsync-facts.md §5.1).
const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
};

/** A node request listener serving the API at POST /graphql. */
export function createGraphqlHttpHandler(options: GraphqlHttpHandlerOptions): RequestListener {
  return (req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      // An emulator bug must not look like an API answer: say what broke, with AppSync's 500 shape.
      (options.faults ?? stderrFaults)({ component: 'AppSync', activity: `${req.method} ${req.url}`, error });
      if (!res.headersSent) {
        send(res, 500, {
          errors: [{ errorType: 'InternalFailure', message: `Local AppSync emulator error: ${faultMessage(error)}` }],
        });
      }
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: GraphqlHttpHandlerOptions): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'OPTIONS') {
    res.writeHead(200, CORS_HEADERS).end();
    return;
  }
  if (path !== '/graphql') {
    send(res, 404, {
      errors: [
        { errorType: 'NotFoundException', message: `No route for ${req.method} ${path}; the API is at POST /graphql.` },
      ],
    });
    return;
  }
  if (req.method !== 'POST') {
    send(res, 405, { errors: [{ errorType: 'MethodNotAllowedException', message: 'Use POST /graphql.' }] });
    return;
  }

  const started = performance.now();
  const read = await readBodyWithin(req, MAX_REQUEST_BYTES);
  if (read.ok) {
    await answer(req, res, read.body.toString('utf8'), options, started);
    return;
  }
  if (read.reason === 'aborted') return;
  refuseRest(req, res);
  const message = `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`;
  refuse(res, options.log, started, {
    operation: '(unread)',
    status: 413,
    errorType: 'PayloadTooLargeException',
    message,
  });
}

// A body within the limit: parsed, the caller authenticated, then the engine.
async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  { engine, auth, log, hub }: GraphqlHttpHandlerOptions,
  started: number,
): Promise<void> {
  const parsed = parseGraphqlBody(body);
  if (!parsed.ok) {
    const refusal = { status: 400, errorType: 'MalformedHttpRequestException', message: parsed.message };
    refuse(res, log, started, { operation: '(unparsed)', ...refusal });
    return;
  }

  const label = operationLabel(parsed.request);
  const authenticated = await authenticateRequest(
    {
      method: 'POST',
      path: '/graphql',
      headers: req.headers,
      body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    },
    auth,
  );
  if (!authenticated.ok) {
    send(res, authenticated.status, authenticated.body, authenticated.headers);
    log({
      operation: label,
      authMode: '-',
      status: authenticated.status,
      durationMs: performance.now() - started,
      errorTypes: authenticated.body.errors.map((e) => e.errorType),
    });
    return;
  }

  const response = await engine.execute(parsed.request, {
    authMode: authenticated.authMode,
    identity: authenticated.identity,
    headers: distinctHeaders(req),
    cognitoGroups: authenticated.cognitoGroups,
  });
  send(res, 200, response.body, response.headers);
  hub?.publish(response.mutationResults);
  const errors = (response.body as { errors?: { errorType?: string | null }[] }).errors ?? [];
  log({
    operation: label,
    authMode: authenticated.authMode,
    status: 200,
    durationMs: performance.now() - started,
    errorTypes: errors.map((e) => e.errorType ?? 'ValidationError'),
  });
}

// A request refused before authentication: AppSync's error envelope, and its log line.
function refuse(
  res: ServerResponse,
  log: RequestLogSink,
  started: number,
  refusal: { operation: string; status: number; errorType: string; message: string },
): void {
  send(res, refusal.status, { errors: [{ errorType: refusal.errorType, message: refusal.message }] });
  log({
    operation: refusal.operation,
    authMode: '-',
    status: refusal.status,
    durationMs: performance.now() - started,
    errorTypes: [refusal.errorType],
  });
}

// Node joins a repeated header into one "a, b" string; AppSync gives its values as an array
// (ctx.request.headers.custom[1], docs/appsync-facts.md §4), so read each header's values separately.
function distinctHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values === undefined) continue;
    headers[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return headers;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS_HEADERS, ...headers, 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}
