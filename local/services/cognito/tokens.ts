// Sign-up-if-needed plus sign-in against the local user pool, for `npm run token`, tests and the
// stack: the same calls a client makes on AWS (SignUp, then an admin confirmation and a verified
// email instead of the emailed code, then InitiateAuth with USER_PASSWORD_AUTH).
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  InvalidPasswordException,
  NotAuthorizedException,
  SignUpCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CREDENTIALS } from '../../awsConfig.ts';

/** Satisfies AWS's default password policy (upper, lower, digit, symbol, 8+). */
export const DEFAULT_LOCAL_PASSWORD = 'Local-Passw0rd!';

export interface LocalTokenRequest {
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  region: string;
  email: string;
  password: string;
  /** Sent as `custom:username` when the user is created; ignored for an existing user. */
  username?: string;
}

export interface LocalTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** The user's `sub`. */
  sub: string;
  /** True when this call signed the user up. */
  created: boolean;
}

/** Creates and confirms the user if needed, signs in with USER_PASSWORD_AUTH and returns the tokens. */
export async function getLocalTokens(request: LocalTokenRequest): Promise<LocalTokens> {
  const client = new CognitoIdentityProviderClient({
    endpoint: request.cognitoEndpoint,
    region: request.region,
    credentials: { ...LOCAL_CREDENTIALS },
  });
  try {
    const created = await signUpIfNew(client, request);
    await confirmIfUnconfirmed(client, request);
    const tokens = await signIn(client, request);
    return { ...tokens, sub: subOf(tokens.idToken), created };
  } finally {
    client.destroy();
  }
}

async function signUpIfNew(client: CognitoIdentityProviderClient, request: LocalTokenRequest): Promise<boolean> {
  const attributes: AttributeType[] = [{ Name: 'email', Value: request.email }];
  if (request.username !== undefined) attributes.push({ Name: 'custom:username', Value: request.username });
  try {
    await client.send(
      new SignUpCommand({
        ClientId: request.clientId,
        Username: request.email,
        Password: request.password,
        UserAttributes: attributes,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof UsernameExistsException) return false;
    throw error;
  }
}

async function confirmIfUnconfirmed(client: CognitoIdentityProviderClient, request: LocalTokenRequest): Promise<void> {
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: request.userPoolId, Username: request.email }));
  if (user.UserStatus === 'UNCONFIRMED') {
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: request.userPoolId, Username: request.email }));
    // Confirming with the emailed code verifies the address on AWS; an admin confirmation does not.
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: request.userPoolId,
        Username: request.email,
        UserAttributes: [
          // cognito-local wants the address in the same request.
          { Name: 'email', Value: request.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  }
}

async function signIn(
  client: CognitoIdentityProviderClient,
  request: LocalTokenRequest,
): Promise<Pick<LocalTokens, 'idToken' | 'accessToken' | 'refreshToken'>> {
  try {
    const { AuthenticationResult: result, ChallengeName } = await client.send(
      new InitiateAuthCommand({
        ClientId: request.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: request.email, PASSWORD: request.password },
      }),
    );
    if (result?.IdToken === undefined || result.AccessToken === undefined || result.RefreshToken === undefined) {
      throw new Error(`Sign-in for ${request.email} returned no tokens (challenge: ${ChallengeName ?? 'none'}).`);
    }
    return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
  } catch (error) {
    // AWS answers a wrong password with NotAuthorizedException; cognito-local with InvalidPasswordException.
    if (error instanceof NotAuthorizedException || error instanceof InvalidPasswordException) {
      throw new Error(`${request.email} exists with a different password; pass the right one with --password.`, {
        cause: error,
      });
    }
    throw error;
  }
}

function subOf(jwt: string): string {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
  if (typeof payload.sub !== 'string') throw new Error('The ID token carries no sub claim.');
  return payload.sub;
}
