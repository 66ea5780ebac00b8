// Real and deliberately broken Cognito tokens for the local stack. Real ones come from
// cognito-local through the AWS SDK, as a client gets them; broken ones copy a real token's header
// and claims and change exactly one thing, so a rejection can only be due to that one thing.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { LOCAL_CREDENTIALS } from '../../local/index.ts';
import type { LocalOutputs } from '../../local/index.ts';

/** A confirmed, signed-in user of the local pool. */
export interface TestUser {
  email: string;
  password: string;
  sub: string;
  idToken: string;
  accessToken: string;
}

const PASSWORD = 'Local-Passw0rd!';

/** An SDK client for the stack's cognito-local, with the local credentials admin calls need. */
export function cognitoClient(stack: LocalOutputs): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: stack.cognitoEndpoint,
    region: stack.region,
    credentials: { ...LOCAL_CREDENTIALS },
  });
}

/** Signs a new user up, confirms them as an admin (no emailed code locally) and signs in with USER_PASSWORD_AUTH. */
export async function signUpUser(stack: LocalOutputs, email = `user-${randomUUID()}@example.com`): Promise<TestUser> {
  const client = cognitoClient(stack);
  try {
    await client.send(
      new SignUpCommand({
        ClientId: stack.userPoolClientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: stack.userPoolId, Username: email }));
  } finally {
    client.destroy();
  }
  return signIn(stack, email);
}

/** Signs an existing user in with USER_PASSWORD_AUTH (the flow Amplify must use against cognito-local). */
export async function signIn(stack: LocalOutputs, email: string, password = PASSWORD): Promise<TestUser> {
  const client = cognitoClient(stack);
  try {
    const { AuthenticationResult: result } = await client.send(
      new InitiateAuthCommand({
        ClientId: stack.userPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    if (!result?.IdToken || !result.AccessToken) throw new Error(`sign-in for ${email} returned no tokens`);
    return {
      email,
      password,
      sub: String(decodeJwt(result.IdToken).sub),
      idToken: result.IdToken,
      accessToken: result.AccessToken,
    };
  } finally {
    client.destroy();
  }
}

// cognito-local signs every token with one key pair shipped in its package (local/services/cognito.ts).
function cognitoLocalPrivateJwk(): JWK {
  const entry = createRequire(import.meta.url).resolve('cognito-local');
  const file = join(dirname(entry), 'keys', 'cognitoLocal.private.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { jwk: JWK }).jwk;
}

async function resign(token: string, key: CryptoKey | Uint8Array, claims: JWTPayload): Promise<string> {
  const header = decodeProtectedHeader(token);
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: header.kid, typ: header.typ }).sign(key);
}

/** `token` with iat/exp moved an hour into the past, signed by cognito-local's real key: only `exp` is wrong. */
export async function expiredCopy(token: string): Promise<string> {
  const claims = decodeJwt(token);
  const now = Math.floor(Date.now() / 1000);
  const key = await importJWK(cognitoLocalPrivateJwk(), 'RS256');
  return resign(token, key, { ...claims, auth_time: now - 7200, iat: now - 7200, exp: now - 3600 });
}

/** `token`'s exact header (kid) and claims, signed by a fresh RSA key the pool never published. */
export async function foreignKeyCopy(token: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return resign(token, privateKey, decodeJwt(token));
}
