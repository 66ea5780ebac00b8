// The REST shim's routes, listed once (docs/rest-contract.md): the CDK construct creates one API
// Gateway route per row (JWT authorizer or none), the Hono app registers the named handler for
// each, and the tests read the same rows. Adding an endpoint is one row here plus its handler,
// exported under the row's `handler` name from routes/index.ts. Plain data: the CDK imports it.

/** An HTTP method API Gateway routes and Hono serves. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One endpoint of the REST API. */
export interface RestRoute {
  method: RouteMethod;
  /** The path in API Gateway syntax: literal segments and `{name}` parameters. */
  path: string;
  /** `jwt`: API Gateway's Cognito JWT authorizer refuses calls without a valid token; `public`: no authorizer. */
  auth: 'jwt' | 'public';
  /** The name under which routes/index.ts exports the route's handler. */
  handler: string;
}

/** The seed's seven endpoints (docs/rest-contract.md "API Endpoints") and the ones added since. */
export const REST_ROUTES = [
  { method: 'GET', path: '/users/me', auth: 'jwt', handler: 'getMe' },
  { method: 'POST', path: '/profiles', auth: 'jwt', handler: 'saveProfile' },
  { method: 'GET', path: '/profiles/{username}', auth: 'public', handler: 'getPublicProfile' },
  { method: 'GET', path: '/username/check', auth: 'public', handler: 'checkUsername' },
  { method: 'POST', path: '/links', auth: 'jwt', handler: 'saveLink' },
  { method: 'DELETE', path: '/links/{id}', auth: 'jwt', handler: 'deleteLink' },
  { method: 'POST', path: '/upload-url', auth: 'jwt', handler: 'createUploadUrl' },
  // Not a seed endpoint: the owner's profile stats (README "Profile stats").
  { method: 'GET', path: '/users/me/stats', auth: 'jwt', handler: 'getMyStats' },
  // Not seed endpoints: leaving ProLynk (README "Leaving ProLynk").
  { method: 'DELETE', path: '/users/me', auth: 'jwt', handler: 'deleteAccount' },
  { method: 'GET', path: '/users/me/export', auth: 'jwt', handler: 'exportAccount' },
] as const satisfies readonly RestRoute[];

/** The handler names the table uses; routes/index.ts must export one handler under each. */
export type RouteHandlerName = (typeof REST_ROUTES)[number]['handler'];

/** `{name}` path parameters in Hono's `:name` syntax. */
export function honoPath(path: string): string {
  return path.replace(/\{([^}/]+)\}/g, ':$1');
}

/** A route as API Gateway names it: `GET /profiles/{username}`. */
export function routeKey(route: Pick<RestRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
