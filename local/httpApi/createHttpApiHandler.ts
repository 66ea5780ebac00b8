// One HTTP API stage served locally (docs/architecture.md §5 "HTTP API"): the node request listener
// around HttpApiStage (httpApiStage.ts), which applies API Gateway's checks and the Lambda proxy
// integration; here the body is read, CORS headers are set on the way out, and faults are reported.
// Create-only: the caller binds the port.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { stderrFaults } from '../http/internalFaults.ts';
import { isPreflight, responseCorsHeaders, withoutIntegrationCorsHeaders } from './cors.ts';
import type { HttpApiCors } from './definitions.ts';
import { newRequestId } from './event.ts';
import { HttpApiStage, stageHeaders } from './httpApiStage.ts';
import type { HttpApiHandlerOptions } from './httpApiStage.ts';
import { gatewayError } from './response.ts';
import type { GatewayResponse } from './response.ts';

export type { HttpApiHandlerOptions } from './httpApiStage.ts';

/** A request listener serving `api`'s stage as API Gateway would. */
export function createHttpApiHandler(options: HttpApiHandlerOptions): RequestListener {
  const stage = new HttpApiStage(options);
  const faults = options.faults ?? stderrFaults;
  return (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => response.destroy());
    request.on('end', () => {
      const requestId = newRequestId();
      const activity = `${request.method} ${request.url}`;
      stage
        .respond({
          request,
          headers: stageHeaders(request),
          body: Buffer.concat(chunks),
          requestId,
          nowMs: stage.now(),
        })
        .catch((error: unknown) => {
          faults({ component: 'HTTP API', activity, error });
          return gatewayError(500, 'Internal Server Error');
        })
        .then((result) => writeResponse(response, withCors(options.api.cors, request, result), requestId))
        .catch((error: unknown) => {
          faults({ component: 'HTTP API', activity: `answering ${activity}`, error });
          response.destroy();
        });
    });
  };
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
