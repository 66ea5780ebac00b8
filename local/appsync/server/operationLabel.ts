// The name a request log line shows: the operation name, else the first root field.
import type { GraphqlRequest } from './parseGraphqlBody.ts';

const FIRST_FIELD = /^\s*(?:(query|mutation|subscription)\b[^{]*)?\{\s*(?:\w+\s*:\s*)?(\w+)/;

/** A short label for a GraphQL request, e.g. "mutation saveProfile". */
export function operationLabel(request: GraphqlRequest): string {
  const match = FIRST_FIELD.exec(request.query.replace(/#[^\n]*/g, ''));
  const kind = match?.[1] ?? 'query';
  return request.operationName ? `${kind} ${request.operationName}` : match ? `${kind} ${match[2]}` : kind;
}
