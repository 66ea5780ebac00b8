// The Lambda event of an HTTP API route with payload format 2.0 (API Gateway developer guide,
// "Create AWS Lambda proxy integrations for HTTP APIs"): lowercase header names with repeats
// joined by commas, cookies moved to their own list, repeated query parameters joined by commas,
// and a body that is base64-encoded unless it is text.
import { randomBytes } from 'node:crypto';
import type { JwtAuthorizerContext } from './jwtAuthorizer.ts';

/** An API Gateway v2 (payload format 2.0) proxy event. */
export interface HttpApiEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    authorizer?: JwtAuthorizerContext;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

/** What the HTTP server saw, plus what routing and the authorizer decided. */
export interface IncomingHttpRequest {
  method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  url: string;
  /** Node's rawHeaders: alternating names and values, in arrival order. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  httpVersion: string;
}

export interface EventContext {
  routeKey: string;
  pathParameters?: Record<string, string>;
  authorizer?: JwtAuthorizerContext;
  accountId: string;
  apiId: string;
  stage: string;
  requestId: string;
  nowMs: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Bodies API Gateway passes as text; everything else (form posts and no content-type included) is base64.
const TEXT_CONTENT_TYPE =
  /^(text\/|application\/(json|xml|javascript|x-javascript|yaml|x-yaml|graphql)\b|application\/[\w.+-]+\+(json|xml)\b)/i;

/** A request ID shaped like API Gateway's (`apigw-requestid`, e.g. "Mc7UVioPPHcEKPA="). */
export function newRequestId(): string {
  return randomBytes(11).toString('base64');
}

/** The lowercase headers of a request, repeats joined with commas (Cookie included). */
export function joinedHeaders(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index].toLowerCase();
    headers[name] = name in headers ? `${headers[name]},${rawHeaders[index + 1]}` : rawHeaders[index + 1];
  }
  return headers;
}

/** Builds the payload 2.0 event for one request. */
export function buildHttpApiEvent(request: IncomingHttpRequest, context: EventContext): HttpApiEvent {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt >= 0 ? request.url.slice(0, queryAt) : request.url;
  const rawQueryString = queryAt >= 0 ? request.url.slice(queryAt + 1) : '';
  const allHeaders = joinedHeaders(request.rawHeaders);
  const { cookie, ...headers } = allHeaders;
  // The caller as API Gateway's edge forwards it.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= portOf(headers.host) ?? '80';
  const host = (headers.host ?? 'localhost').replace(/:\d+$/, '');

  const event: HttpApiEvent = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0],
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: context.stage,
      time: accessLogTime(context.nowMs),
      timeEpoch: context.nowMs,
    },
    isBase64Encoded: false,
  };
  if (cookie !== undefined)
    event.cookies = cookie
      .split(/;\s*|,/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
  const query = queryParameters(rawQueryString);
  if (query) event.queryStringParameters = query;
  if (context.pathParameters) event.pathParameters = context.pathParameters;
  if (context.authorizer) event.requestContext.authorizer = context.authorizer;
  if (request.body.length > 0) {
    const text = TEXT_CONTENT_TYPE.test(headers['content-type'] ?? '');
    event.body = text ? request.body.toString('utf8') : request.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  // Keys in the order of AWS's documented example, for readable logs.
  return reorder(event);
}

function queryParameters(raw: string): Record<string, string> | undefined {
  if (raw === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    if (name === '') continue;
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

function portOf(host: string | undefined): string | undefined {
  return host ? /:(\d+)$/.exec(host)?.[1] : undefined;
}

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
function accessLogTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function reorder(event: HttpApiEvent): HttpApiEvent {
  const order = [
    'version',
    'routeKey',
    'rawPath',
    'rawQueryString',
    'cookies',
    'headers',
    'queryStringParameters',
    'requestContext',
    'body',
    'pathParameters',
    'isBase64Encoded',
  ];
  const record = event as unknown as Record<string, unknown>;
  return Object.fromEntries(
    order.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]),
  ) as unknown as HttpApiEvent;
}
