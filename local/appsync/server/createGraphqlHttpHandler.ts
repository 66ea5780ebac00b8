// POST /graphql as AppSync serves it: body parsing (400 MalformedHttpRequestException), request
// authentication (401/403 before any resolver runs), then the engine; CORS for browser clients.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { faultMessage, stderrFaults } from '../../http/internalFaults.ts';
import type { InternalFaultSink } from '../../http/internalFaults.ts';
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

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  { engine, auth, log, hub }: GraphqlHttpHandlerOptions,
): Promise<void> {
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
  const body = await readBody(req);
  const parsed = parseGraphqlBody(body);
  if (!parsed.ok) {
    send(res, 400, { errors: [{ errorType: 'MalformedHttpRequestException', message: parsed.message }] });
    log({
      operation: '(unparsed)',
      authMode: '-',
      status: 400,
      durationMs: performance.now() - started,
      errorTypes: ['MalformedHttpRequestException'],
    });
    return;
  }

  const label = operationLabel(parsed.request);
  const authenticated = await authenticateRequest(
    { method: req.method, path, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
