// Runs one GraphQL operation for a route and turns AppSync's refusals into HTTP errors.
import type { GraphqlAuth, GraphqlClient, GraphqlRequest, GraphqlResponse } from '../lib/appsyncClient.ts';
import { mapGraphqlErrors } from './graphqlErrors.ts';
import { HttpError } from './httpErrors.ts';
import type { RestFieldNamer } from './restFieldNames.ts';

/**
 * Sends `request` and returns `data[field]` (null when absent); throws HttpError for refusals, Error
 * for our faults. `namer` turns the input paths a BadRequest names into the body's REST keys.
 */
export async function runOperation<T>(
  graphql: GraphqlClient,
  request: GraphqlRequest,
  field: string,
  namer?: RestFieldNamer,
): Promise<T | null> {
  return resultOf<T>(await graphql(request), field, request.auth, namer);
}

/**
 * runOperation for a public route: when AppSync refuses the caller's optional token outright
 * (HTTP 401: expired, malformed), the read is retried as the public view with IAM, because the
 * seed's public endpoints never looked at the header at all.
 */
export async function runPublicOperation<T>(
  graphql: GraphqlClient,
  request: GraphqlRequest,
  field: string,
): Promise<T | null> {
  const first = await graphql(request);
  const retry = request.auth.mode === 'token' && first.status === 401;
  const auth: GraphqlAuth = retry ? { mode: 'iam' } : request.auth;
  return resultOf<T>(retry ? await graphql({ ...request, auth }) : first, field, auth);
}

function resultOf<T>(response: GraphqlResponse, field: string, auth: GraphqlAuth, namer?: RestFieldNamer): T | null {
  const mapped = mapGraphqlErrors(response.status, response.errors, namer);
  if (mapped !== null) {
    // With the function's own role, a refusal ("Not Authorized to access email on type Profile")
    // means our IAM policy misses a field, not that the anonymous caller lacks credentials.
    const ours = auth.mode === 'iam' && mapped.status === 401;
    if (mapped.expose && !ours) throw new HttpError(mapped.status, mapped.message);
    // Logged by the app's error handler; the caller sees only a generic message.
    throw new Error(`GraphQL ${field} failed: ${mapped.message}`);
  }
  return (response.data?.[field] ?? null) as T | null;
}
