// The auth header object of a realtime connection, from wherever the client put it
// (docs/appsync-facts.md §8.1): `?header=<base64 JSON>&payload=e30=`, the `header-<base64url JSON>`
// subprotocol that Amplify JS v6 sends (docs/appsync-facts.md §9.2), or the upgrade request's own
// HTTP headers.
import type { IncomingMessage } from 'node:http';
import type { RequestHeaders } from '../auth/requestHeaders.ts';

/** The subprotocol AppSync requires (its own protocol, not Apollo's graphql-ws). */
export const REALTIME_SUBPROTOCOL = 'graphql-ws';
const HEADER_SUBPROTOCOL_PREFIX = 'header-';

/** The subprotocols the client offered, in order. */
function offeredSubprotocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  return (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The headers the connection authenticates with; a header that does not decode to an object gives {}. */
export function connectionHeaders(req: IncomingMessage): RequestHeaders {
  const fromQuery = new URL(req.url ?? '/', 'http://localhost').searchParams.get('header');
  if (fromQuery !== null) return decodeHeaderObject(fromQuery);
  const fromSubprotocol = offeredSubprotocols(req).find((p) => p.startsWith(HEADER_SUBPROTOCOL_PREFIX));
  if (fromSubprotocol !== undefined) return decodeHeaderObject(fromSubprotocol.slice(HEADER_SUBPROTOCOL_PREFIX.length));
  return req.headers;
}

// Node's base64 decoder accepts both alphabets and missing padding, which covers both forms.
function decodeHeaderObject(encoded: string): RequestHeaders {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    return isHeaderObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Whether a value is a plain object of header strings (the shape of every auth header object). */
export function isHeaderObject(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}
