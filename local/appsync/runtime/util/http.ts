// util.http (docs/appsync-facts.md §1.5): header copying and custom response headers.
import type { InvocationSource } from '../contract.ts';
import { isPlainObject } from './dynamodb.ts';
import { usageError } from './errors.ts';

// Hop-by-hop and transport headers a downstream HTTP call must not inherit; AWS's exact list is [?].
const RESTRICTED_COPY = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
  'proxy-authenticate',
  'proxy-connection',
  'via',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'cloudfront-viewer-country',
]);

// Response headers AppSync itself sets; custom headers may not reuse them (docs/appsync-facts.md §1.5).
const RESERVED_RESPONSE = new Set([
  'content-type',
  'content-length',
  'connection',
  'date',
  'via',
  'access-control-allow-origin',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-credentials',
  'transfer-encoding',
  'server',
  'vary',
]);

// All custom response headers together, names and values, may not exceed 4 KB.
const MAX_CUSTOM_HEADER_BYTES = 4096;

const headerValue = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Creates util.http writing response headers onto the running invocation. */
export function createHttpUtils(invocations: InvocationSource): Record<string, unknown> {
  const addResponseHeader = (name: unknown, value: unknown): undefined => {
    const headerName = String(name);
    const lower = headerName.toLowerCase();
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(headerName))
      throw usageError(`util.http.addResponseHeader: invalid header name ${JSON.stringify(headerName)}`);
    if (lower.startsWith('x-amz-') || lower.startsWith('x-amzn-') || RESERVED_RESPONSE.has(lower)) {
      throw usageError(`util.http.addResponseHeader: the header name ${headerName} is restricted by AppSync`);
    }
    const headers = invocations.current().responseHeaders;
    const next = { ...headers, [headerName]: headerValue(value) };
    const size = Object.entries(next).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (size > MAX_CUSTOM_HEADER_BYTES)
      throw usageError('util.http.addResponseHeader: custom response headers exceed the 4 KB limit');
    headers[headerName] = next[headerName];
    return undefined;
  };
  return {
    copyHeaders(headers: unknown): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      if (!isPlainObject(headers)) return out;
      for (const [k, v] of Object.entries(headers)) {
        const lower = k.toLowerCase();
        if (RESTRICTED_COPY.has(lower) || lower.startsWith('x-amz-') || lower.startsWith('x-amzn-')) continue;
        out[k] = v;
      }
      return out;
    },
    addResponseHeader,
    addResponseHeaders(headers: unknown): undefined {
      if (!isPlainObject(headers))
        throw usageError('util.http.addResponseHeaders: expects a map of header names to values');
      for (const [k, v] of Object.entries(headers)) addResponseHeader(k, v);
      return undefined;
    },
  };
}
