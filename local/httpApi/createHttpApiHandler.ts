// One HTTP API stage served locally (docs/architecture.md §5 "HTTP API"): the node request listener
// around HttpApiStage (httpApiStage.ts), which applies API Gateway's checks and the Lambda proxy
// integration. Here the checks before the body run as the request arrives (so throttling counts
// requests when they come, not when their bodies end), the body is read within API Gateway's 10 MB,
// CORS headers are set on the way out, and faults are reported. Create-only: the caller binds the port.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { stderrFaults } from '../http/internalFaults.ts';
import { readBodyWithin, refuseRest } from '../http/readBody.ts';
import { isPreflight, responseCorsHeaders, withoutIntegrationCorsHeaders } from './cors.ts';
import type { HttpApiCors } from './definitions.ts';
import { newRequestId } from './event.ts';
import { HttpApiStage, MAX_BODY_BYTES, TOO_LARGE, stageHeaders } from './httpApiStage.ts';
import type { HttpApiHandlerOptions } from './httpApiStage.ts';
import type { RouteMatch } from './matchRoute.ts';
import { gatewayError } from './response.ts';
import type { GatewayResponse } from './response.ts';

export type { HttpApiHandlerOptions } from './httpApiStage.ts';

/** A request listener serving `api`'s stage as API Gateway would. */
export function createHttpApiHandler(options: HttpApiHandlerOptions): RequestListener {
  const stage = new HttpApiStage(options);
  const faults = options.faults ?? stderrFaults;
  return (request: IncomingMessage, response: ServerResponse) => {
    const requestId = newRequestId();
    const activity = `${request.method} ${request.url}`;
    const headers = stageHeaders(request);
    const nowMs = stage.now();
    const send = (result: GatewayResponse) =>
      writeResponse(response, withCors(options.api.cors, request, result), requestId);
    const admission = stage.admit(request, headers, nowMs);
    if ('response' in admission) {
      // Answered without reading the body: whatever the client still sends is not read.
      if (hasBody(request)) refuseRest(request, response);
      send(admission.response);
      return;
    }
    answer(stage, admission.match, { request, headers, requestId, nowMs })
      .catch((error: unknown) => {
        faults({ component: 'HTTP API', activity, error });
        return gatewayError(500, 'Internal Server Error');
      })
      .then((result) => (result === undefined ? response.destroy() : send(result)))
      .catch((error: unknown) => {
        faults({ component: 'HTTP API', activity: `answering ${activity}`, error });
        response.destroy();
      });
  };
}

// The body within the limit, then the rest of the stage; undefined when the client went away.
async function answer(
  stage: HttpApiStage,
  match: RouteMatch,
  arrived: { request: IncomingMessage; headers: Record<string, string>; requestId: string; nowMs: number },
): Promise<GatewayResponse | undefined> {
  const read = await readBodyWithin(arrived.request, MAX_BODY_BYTES);
  if (!read.ok) {
    if (read.reason === 'aborted') return undefined;
    return TOO_LARGE();
  }
  return stage.complete({ ...arrived, body: read.body }, match);
}

function hasBody(request: IncomingMessage): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

// Every answer but a preflight's carries the stage's CORS headers, replacing the integration's.
function withCors(cors: HttpApiCors | undefined, request: IncomingMessage, result: GatewayResponse): GatewayResponse {
  if (!cors) return result;
  const headers = stageHeaders(request);
  if (result.statusCode === 204 && isPreflight(request.method ?? '', headers)) return result;
  return {
    ...result,
    headers: { ...withoutIntegrationCorsHeaders(result.headers), ...responseCorsHeaders(cors, headers.origin) },
  };
}

function writeResponse(response: ServerResponse, result: GatewayResponse, requestId: string): void {
  response.writeHead(result.statusCode, {
    ...result.headers,
    ...(result.cookies.length > 0 ? { 'set-cookie': result.cookies } : {}),
    'apigw-requestid': requestId,
    'content-length': String(result.body.length),
  });
  response.end(result.body);
}
