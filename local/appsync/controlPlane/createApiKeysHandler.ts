// AppSync's ListApiKeys (GET /v1/apis/{apiId}/apikeys) and UpdateApiKey (POST
// /v1/apis/{apiId}/apikeys/{id}) on the API's port, so the unmodified AWS SDK reaches them with
// `endpoint` set: the stack's renew-api-key function runs against them on its schedule, and
// `aws appsync list-api-keys --endpoint-url` works offline.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ApiKeyDefinition } from '../engine/definitions.ts';
import { listApiKeys, updateApiKey } from './apiKeyOperations.ts';
import { badRequest, isControlPlaneError, notFound } from './controlPlaneErrors.ts';
import {
  controlPlaneListener,
  readControlPlaneBody,
  sendControlPlane,
  sendControlPlaneError,
  verifyControlPlaneSignature,
} from './controlPlaneHttp.ts';
import type { ControlPlaneAuth } from './controlPlaneHttp.ts';

/** The paths of the API key operations: the API's id, and the key's for one key. */
export const API_KEYS_PATH = /^\/v1\/apis\/([^/]+)\/apikeys(?:\/([^/]+))?\/?$/;

/** The one local API whose keys are served, and how callers are verified. */
export interface ApiKeysHandlerOptions extends ControlPlaneAuth {
  apiId: string;
  /** The API's keys, shared with its API_KEY authorization. */
  apiKeys: ApiKeyDefinition[];
}

/** A node request listener answering ListApiKeys and UpdateApiKey. */
export function createApiKeysHandler(options: ApiKeysHandlerOptions): RequestListener {
  return controlPlaneListener('AppSync API keys', (req, res) => handle(req, res, options));
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ApiKeysHandlerOptions): Promise<void> {
  const [path, query = ''] = (req.url ?? '/').split('?', 2);
  const match = API_KEYS_PATH.exec(path);
  const body = await readControlPlaneBody(req, res);
  if (body === undefined) return;
  const operation = match && (match[2] === undefined ? req.method === 'GET' : req.method === 'POST');
  if (!match || !operation) {
    const message = `No operation for ${req.method} ${path}; served here: GET /v1/apis/{apiId}/apikeys, POST /v1/apis/{apiId}/apikeys/{id}.`;
    sendControlPlaneError(res, { status: 404, errorType: 'UnknownOperationException', message });
    return;
  }
  const denied = await verifyControlPlaneSignature(req, body, options);
  if (denied) {
    sendControlPlaneError(res, denied);
    return;
  }
  const [, apiId, keyId] = match;
  if (decodeURIComponent(apiId) !== options.apiId) {
    sendControlPlaneError(res, notFound(`GraphQL API ${decodeURIComponent(apiId)} not found.`));
    return;
  }
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  if (keyId === undefined) {
    // One page holds every key (a template defines a handful): any nextToken is one we never gave.
    if (new URLSearchParams(query).has('nextToken')) {
      sendControlPlaneError(res, badRequest('Invalid nextToken.'));
      return;
    }
    sendControlPlane(res, 200, listApiKeys(options.apiKeys, nowSeconds));
    return;
  }
  const result = updateApiKey(options.apiKeys, decodeURIComponent(keyId), parseJson(body), nowSeconds);
  if (isControlPlaneError(result)) sendControlPlaneError(res, result);
  else sendControlPlane(res, 200, result);
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
