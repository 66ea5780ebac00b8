// util.authType(): AWS reads the mode back from the SHAPE of ctx.identity (docs/appsync-facts.md §1.1 [O],
// pinned by LocalStack's EvaluateCode-recorded authType snapshots).
import { isPlainObject } from './dynamodb.ts';

const has = (o: Record<string, unknown>, key: string) => Object.hasOwn(o, key);

/** Names the authorization mode the identity's shape implies, as util.authType() does. */
export function authTypeOf(identity: unknown): string {
  if (!isPlainObject(identity)) return 'API Key Authorization';
  const keys = Object.keys(identity);
  // A Lambda authorizer that returns no resolverContext leaves an empty identity.
  if (keys.length === 0 || has(identity, 'resolverContext') || has(identity, 'handlerContext'))
    return 'Lambda Authorization';
  if (has(identity, 'accountId') || has(identity, 'userArn')) {
    return identity.userArn != null && Array.isArray(identity.sourceIp) ? 'IAM Authorization' : 'API Key Authorization';
  }
  if (has(identity, 'sub') && has(identity, 'issuer') && has(identity, 'claims')) {
    if (keys.length === 3) return 'Open ID Connect Authorization';
    const complete =
      has(identity, 'username') && Array.isArray(identity.sourceIp) && has(identity, 'defaultAuthStrategy');
    return complete ? 'User Pool Authorization' : 'API Key Authorization';
  }
  return 'API Key Authorization';
}
