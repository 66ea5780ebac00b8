// Query/Scan pagination tokens. AppSync's nextToken is opaque and only valid for the resolver that
// issued it (docs/appsync-facts.md §2.3); ours is base64url JSON bound to the table and index, so a
// token handed to another table or index is refused instead of silently reading the wrong place.
import { toSdkItem, toTypedItem } from './attributeValues.ts';
import type { SdkItem } from './attributeValues.ts';
import { InvalidRequestObjectError } from './dynamodbErrors.ts';

export interface PaginationScope {
  table: string;
  index: string | null;
}

interface TokenBody {
  v: 1;
  table: string;
  index: string | null;
  key: Record<string, unknown>;
}

/** Encodes DynamoDB's LastEvaluatedKey as an opaque nextToken, or null when there is no next page. */
export function encodeNextToken(lastEvaluatedKey: SdkItem | undefined, scope: PaginationScope): string | null {
  if (lastEvaluatedKey === undefined || Object.keys(lastEvaluatedKey).length === 0) return null;
  const body: TokenBody = { v: 1, table: scope.table, index: scope.index, key: toTypedItem(lastEvaluatedKey) };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Decodes a nextToken into an ExclusiveStartKey, refusing tokens issued for another table or index. */
export function decodeNextToken(token: unknown, scope: PaginationScope): SdkItem | undefined {
  if (token === undefined || token === null) return undefined;
  if (typeof token !== 'string') throw new InvalidRequestObjectError('nextToken must be a string.');
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw new InvalidRequestObjectError('Invalid nextToken: it was not issued by this API.');
  }
  if (body?.v !== 1 || typeof body.key !== 'object' || body.key === null) {
    throw new InvalidRequestObjectError('Invalid nextToken: it was not issued by this API.');
  }
  if (body.table !== scope.table || (body.index ?? null) !== scope.index) {
    throw new InvalidRequestObjectError(
      `Invalid nextToken: it was issued for ${describe(body.table, body.index ?? null)}, not ${describe(scope.table, scope.index)}.`,
    );
  }
  return toSdkItem(body.key, 'nextToken');
}

function describe(table: unknown, index: string | null): string {
  return index === null ? `table '${String(table)}'` : `index '${index}' of table '${String(table)}'`;
}
