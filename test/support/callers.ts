// Callers as request authentication hands them to the engine (docs/appsync-facts.md §4 shapes).
import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../../local/index.ts';
import type { Caller } from '../../local/index.ts';

/** A Cognito user-pool caller with an access token's claims (no email, as Amplify sends). */
export function cognitoCaller(sub: string = randomUUID(), claims: Record<string, unknown> = {}): Caller {
  const issuer = 'http://127.0.0.1/local_test';
  return {
    authMode: 'AMAZON_COGNITO_USER_POOLS',
    identity: {
      sub,
      issuer,
      username: sub,
      claims: { sub, iss: issuer, token_use: 'access', client_id: 'test-client', username: sub, ...claims },
      sourceIp: ['127.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
      groups: null,
    },
    headers: {},
  };
}

/** An API key caller: AppSync leaves ctx.identity null. */
export function apiKeyCaller(): Caller {
  return { authMode: 'API_KEY', identity: null, headers: {} };
}

/** An IAM caller with the local credentials. */
export function iamCaller(): Caller {
  return {
    authMode: 'AWS_IAM',
    identity: {
      accountId: LOCAL_ACCOUNT_ID,
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: ['127.0.0.1'],
      username: LOCAL_CREDENTIALS.accessKeyId,
      userArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/${LOCAL_CREDENTIALS.accessKeyId}`,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    },
    headers: {},
  };
}
