// How API Gateway turns a payload 2.0 Lambda result into the HTTP response (developer guide,
// "Lambda function response format"): an object with statusCode is used as is (headers, body,
// isBase64Encoded, cookies → one set-cookie each); any other valid JSON is the body of a 200
// with content-type application/json — a string as its text, anything else as JSON. A function
// error or an unusable result is API Gateway's 500 {"message":"Internal Server Error"}.

/** An HTTP response ready to write. */
export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/** API Gateway's own JSON error responses ({"message": …}). */
export function gatewayError(
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/** Maps a Lambda invocation outcome to the response the client receives. */
export function mapLambdaResult(result: { payload?: unknown; error?: unknown }): GatewayResponse {
  if (result.error !== undefined) return gatewayError(500, 'Internal Server Error');
  const payload = result.payload;
  if (!isStructured(payload)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload ?? null)),
    };
  }

  const statusCode = Number(payload.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    return gatewayError(500, 'Internal Server Error');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((payload.headers ?? {}) as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') return gatewayError(500, 'Internal Server Error');
    headers[name.toLowerCase()] = String(value);
  }
  const cookies = payload.cookies ?? [];
  if (!Array.isArray(cookies) || cookies.some((cookie) => typeof cookie !== 'string'))
    return gatewayError(500, 'Internal Server Error');
  const body = payload.body ?? '';
  if (typeof body !== 'string') return gatewayError(500, 'Internal Server Error');
  return {
    statusCode,
    headers,
    cookies: cookies as string[],
    body: payload.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body),
  };
}

interface StructuredResponse {
  statusCode: unknown;
  headers?: unknown;
  cookies?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
}

function isStructured(payload: unknown): payload is StructuredResponse {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) && 'statusCode' in payload;
}
