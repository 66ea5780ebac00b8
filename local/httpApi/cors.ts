// CORS as API Gateway HTTP APIs apply a CorsConfiguration ("Configuring CORS for an HTTP API"):
// API Gateway answers preflight OPTIONS requests itself, whatever routes exist, and on every other
// response it sets the configured headers for an allowed Origin, ignoring any CORS headers the
// integration returned.
import type { HttpApiCors } from './definitions.ts';

/** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(method: string, headers: Record<string, string>): boolean {
  return (
    method.toUpperCase() === 'OPTIONS' &&
    headers.origin !== undefined &&
    headers['access-control-request-method'] !== undefined
  );
}

/** The headers of API Gateway's own 204 answer to a preflight (none when the origin is not allowed). */
export function preflightHeaders(cors: HttpApiCors, origin: string): Record<string, string> {
  const allowOrigin = allowedOrigin(cors, origin);
  if (allowOrigin === undefined) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': allowOrigin };
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.allowMethods.length > 0) headers['access-control-allow-methods'] = cors.allowMethods.join(',');
  if (cors.allowHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
  if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
  return headers;
}

/** The CORS headers an actual (non-preflight) response carries for this Origin. */
export function responseCorsHeaders(cors: HttpApiCors, origin: string | undefined): Record<string, string> {
  const allowOrigin = origin === undefined ? undefined : allowedOrigin(cors, origin);
  if (allowOrigin === undefined) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': allowOrigin };
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  return headers;
}

/** Drops the integration's own access-control-* headers: with CORS configured, API Gateway's win. */
export function withoutIntegrationCorsHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
  );
}

// AllowOrigins takes exact origins, "*", or a wildcard subdomain such as "https://*.example.com".
function allowedOrigin(cors: HttpApiCors, origin: string): string | undefined {
  if (cors.allowOrigins.includes('*')) return '*';
  const lower = origin.toLowerCase();
  for (const allowed of cors.allowOrigins) {
    const pattern = allowed.toLowerCase();
    if (pattern === lower) return origin;
    const star = pattern.indexOf('://*.');
    if (star > 0) {
      const scheme = pattern.slice(0, star + 3);
      const suffix = pattern.slice(star + 4);
      if (lower.startsWith(scheme) && lower.endsWith(suffix) && lower.length > scheme.length + suffix.length)
        return origin;
    }
  }
  return undefined;
}
