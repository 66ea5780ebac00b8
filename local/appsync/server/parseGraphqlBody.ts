// AppSync's reading of a POST /graphql body: an empty body and anything that is not a GraphQL
// request object are refused before authentication with 400 MalformedHttpRequestException
// (docs/appsync-facts.md §5, observed on deployed APIs).

/** A GraphQL request as AppSync accepts it. */
export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** The parsed request, or the 400 body AppSync answers with. */
export type ParsedBody = { ok: true; request: GraphqlRequest } | { ok: false; message: string };

/** Parses a POST /graphql body the way AppSync does. */
export function parseGraphqlBody(body: string): ParsedBody {
  if (body.trim() === '') {
    return { ok: false, message: 'Request body is empty.' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, message: 'Unable to parse GraphQL query.' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, message: 'Unable to parse GraphQL query.' };
  }
  const { query, variables, operationName } = parsed as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') {
    return { ok: false, message: 'Unable to parse GraphQL query.' };
  }
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return { ok: false, message: 'Unable to parse GraphQL query.' };
  }
  return {
    ok: true,
    request: {
      query,
      variables: (variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof operationName === 'string' ? operationName : undefined,
    },
  };
}
