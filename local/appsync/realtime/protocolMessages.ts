// The server's messages of AppSync's real-time protocol (docs/appsync-facts.md §8.2), built in one place so
// every frame has AWS's shape.
import type { AuthFailure } from '../auth/authResult.ts';
import type { SubscriptionErrorEntry } from '../engine/resolveSubscription.ts';

/** What AppSync tells clients to wait between keep-alives before giving up (connection_ack). */
const CONNECTION_TIMEOUT_MS = 300_000;

/** A server → client frame. */
export type ServerMessage =
  | { type: 'connection_ack'; payload: { connectionTimeoutMs: number } }
  | { type: 'connection_error'; payload: { errors: { errorType: string; message: string; errorCode: number }[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: { data: Record<string, unknown> } }
  | { type: 'complete'; id: string }
  | { type: 'error'; id?: string; payload: { errors: SubscriptionErrorEntry[] } };

/** connection_ack with AppSync's fixed timeout. */
export const connectionAck = (): ServerMessage => ({
  type: 'connection_ack',
  payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS },
});

/**
 * connection_error for a refused connection_init. AWS was seen answering auth failures with
 * `com.amazonaws.deepdish.graphql.auth#UnauthorizedException` and "You are not authorized to make
 * this call."; the errorCode is the HTTP status the same credentials get on /graphql (401, or 403
 * for signature problems) — reported as 400 by one mock and 401 elsewhere [?].
 */
export function connectionError(failure: AuthFailure): ServerMessage {
  const [first] = failure.body.errors;
  const type = first?.errorType ?? 'UnauthorizedException';
  const message =
    type === 'UnauthorizedException' ? 'You are not authorized to make this call.' : (first?.message ?? '');
  return {
    type: 'connection_error',
    payload: {
      errors: [{ errorType: `com.amazonaws.deepdish.graphql.auth#${type}`, message, errorCode: failure.status }],
    },
  };
}

/** An error frame, for one subscription (id) or for the connection (no id). */
export function errorMessage(errors: SubscriptionErrorEntry[], id?: string): ServerMessage {
  return id === undefined ? { type: 'error', payload: { errors } } : { type: 'error', id, payload: { errors } };
}

/** AppSync's answer to a message type it does not know ([O], e.g. graphql-transport-ws's "subscribe"). */
export const unsupportedMessage = (): ServerMessage =>
  errorMessage([{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }]);
