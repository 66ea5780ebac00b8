// The subset of Lambda's Invoke REST API that AWS SDKs (cognito-local's v2 Lambda client
// included) use: POST /2015-03-31/functions/{FunctionName}/invocations.
// - RequestResponse (default): 200 with the function's JSON result; a function error is ALSO 200,
//   flagged by `X-Amz-Function-Error: Unhandled`, with body { errorType, errorMessage, trace }.
// - Event: 202, empty body, the function runs in the background. DryRun: 204.
// - Unknown function: 404 ResourceNotFoundException; a body that is not JSON: 400
//   InvalidRequestContentException; a body over 6 MB: 413 RequestEntityTooLargeException, answered
//   as soon as the size is known; a throttled invocation: 429 TooManyRequestsException with its
//   Reason (error type in `x-amzn-ErrorType`, as AWS's REST-JSON services do; lambdaErrors.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultMessage, stderrFaults } from '../http/internalFaults.ts';
import type { InternalFaultSink } from '../http/internalFaults.ts';
import { readBodyWithin, refuseRest } from '../http/readBody.ts';
import type { LambdaRunner } from './createLambdaRunner.ts';
import { LambdaServiceError, MAX_SYNC_PAYLOAD_BYTES, RequestTooLargeError } from './lambdaErrors.ts';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

/** A node:http request listener serving Lambda Invoke for the runner's functions; emulator faults go to `faults`. */
export function createLambdaInvokeHandler(
  runner: LambdaRunner,
  faults: InternalFaultSink = stderrFaults,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void handleInvoke(runner, request, response, faults).catch((error: unknown) => {
      if (error instanceof LambdaServiceError) {
        sendServiceError(response, error);
        return;
      }
      faults({ component: 'Lambda Invoke', activity: `${request.method} ${request.url}`, error });
      if (!response.headersSent) sendError(response, 500, 'ServiceException', faultMessage(error));
      else response.end();
    });
  };
}

async function handleInvoke(
  runner: LambdaRunner,
  request: IncomingMessage,
  response: ServerResponse,
  faults: InternalFaultSink,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  const match = INVOKE_PATH.exec(path);
  if (request.method !== 'POST' || match === null) {
    sendError(
      response,
      404,
      'UnknownOperationException',
      `${request.method} ${path} is not a Lambda operation served locally.`,
    );
    return;
  }
  const nameOrArn = decodeURIComponent(match[1]);
  const read = await readBodyWithin(request, MAX_SYNC_PAYLOAD_BYTES);
  if (!read.ok) {
    if (read.reason === 'aborted') return;
    refuseRest(request, response);
    throw new RequestTooLargeError();
  }
  const body = read.body.toString('utf8');
  const fn = runner.find(nameOrArn);
  if (fn === undefined) {
    sendError(response, 404, 'ResourceNotFoundException', `Function not found: ${nameOrArn}`);
    return;
  }
  let event: unknown;
  try {
    // Lambda treats an empty payload as {}.
    event = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    sendError(
      response,
      400,
      'InvalidRequestContentException',
      'Could not parse request body into json: Unexpected character.',
    );
    return;
  }

  const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (invocationType === 'DryRun') {
    response.writeHead(204).end();
    return;
  }
  if (invocationType === 'Event') {
    // Nobody waits for an Event invocation: a runner that refuses it is reported, not left unhandled.
    runner
      .invoke(fn.logicalId, event)
      .catch((error: unknown) =>
        faults({ component: 'Lambda Invoke', activity: `the Event invocation of ${fn.logicalId}`, error }),
      );
    response.writeHead(202, { 'Content-Length': '0' }).end();
    return;
  }
  const result = await runner.invoke(fn.logicalId, event);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST' };
  if (result.error) {
    headers['X-Amz-Function-Error'] = 'Unhandled';
    const text = JSON.stringify({
      errorType: result.error.errorType,
      errorMessage: result.error.errorMessage,
      trace: result.error.trace ?? [],
    });
    response.writeHead(200, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
    return;
  }
  const text = JSON.stringify(result.payload ?? null);
  response.writeHead(200, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
}

function sendServiceError(response: ServerResponse, error: LambdaServiceError): void {
  sendError(response, error.statusCode, error.name, error.message, error.extra);
}

function sendError(
  response: ServerResponse,
  status: number,
  type: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify({ ...extra, Type: 'User', message });
  response
    .writeHead(status, {
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': type,
      'Content-Length': String(Buffer.byteLength(text)),
    })
    .end(text);
}
