// POST /v1/dataplane-evaluatecode on the API's port: AppSync's control-plane EvaluateCode, so the
// unmodified AWS SDK (`EvaluateCodeCommand` with `endpoint` set) and `aws appsync evaluate-code
// --endpoint-url` work offline. Like AWS it requires a SigV4 signature (service `appsync`,
// controlPlane/controlPlaneHttp.ts).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isControlPlaneError } from '../controlPlane/controlPlaneErrors.ts';
import {
  controlPlaneListener,
  readControlPlaneBody,
  sendControlPlane,
  sendControlPlaneError,
  verifyControlPlaneSignature,
} from '../controlPlane/controlPlaneHttp.ts';
import type { ControlPlaneAuth } from '../controlPlane/controlPlaneHttp.ts';
import { evaluateCode } from './evaluateCode.ts';
import type { EvaluateCodeOptions } from './evaluateCode.ts';
import { parseEvaluateCodeRequest } from './evaluateCodeRequest.ts';

/** The control-plane path of EvaluateCode (API_EvaluateCode, Request Syntax). */
export const EVALUATE_CODE_PATH = '/v1/dataplane-evaluatecode';

/** How callers are verified, and the clock and randomness handlers see. */
export interface EvaluateCodeHandlerOptions extends EvaluateCodeOptions, ControlPlaneAuth {}

/** A node request listener answering EvaluateCode. */
export function createEvaluateCodeHandler(options: EvaluateCodeHandlerOptions): RequestListener {
  return controlPlaneListener('EvaluateCode', (req, res) => handle(req, res, options));
}

async function handle(req: IncomingMessage, res: ServerResponse, options: EvaluateCodeHandlerOptions): Promise<void> {
  if (req.method !== 'POST') {
    sendControlPlaneError(res, {
      status: 404,
      errorType: 'UnknownOperationException',
      message: `No operation for ${req.method}.`,
    });
    return;
  }
  const body = await readControlPlaneBody(req, res);
  if (body === undefined) return;
  const denied = await verifyControlPlaneSignature(req, body, options);
  if (denied) {
    sendControlPlaneError(res, denied);
    return;
  }
  const request = parseEvaluateCodeRequest(body);
  if (isControlPlaneError(request)) {
    sendControlPlaneError(res, request);
    return;
  }
  sendControlPlane(res, 200, evaluateCode(request, options));
}
