// What the Hono app receives besides the request: hono/aws-lambda passes the API Gateway event's
// requestContext as a binding; the routes record which GraphQL operation they ran, for the log.

/** The parts of an HTTP API (payload 2.0) requestContext the shim reads. */
export interface HttpApiRequestContext {
  requestId?: string;
  authorizer?: { jwt?: { claims?: Record<string, unknown> } };
}

/** The Hono environment of the REST app. */
export interface RestEnv {
  Bindings: { requestContext?: HttpApiRequestContext };
  Variables: { operation: string };
}
