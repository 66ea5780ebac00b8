// "Sign in as" a local user: list the pool's users, create one (SignUp, which runs the real
// pre-sign-up trigger, then an admin confirmation, which runs post-confirmation), sign in with
// USER_PASSWORD_AUTH and refresh tokens — the calls a client makes on AWS, against cognito-local.
import {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  InitiateAuthCommand,
  ListUsersCommand,
  NotAuthorizedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { Hono } from 'hono';
import { DEFAULT_LOCAL_PASSWORD, getLocalTokens } from '../../services/cognito/tokens.ts';
import { ConsoleError, jsonBody, requiredText } from './consoleError.ts';

/** The local user pool and how to reach it. */
export interface LocalUserPool {
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  region: string;
}

/** One user as the console lists it. */
export interface ConsoleUser {
  /** The Cognito user name (the sub, since the pool signs in by email). */
  cognitoUsername: string;
  email: string | null;
  /** The ProLynk username claimed at sign-up (custom:username), if any. */
  username: string | null;
  status: string | null;
  createdAt: string | null;
}

// cognito-local pages ListUsers like AWS (at most 60); a local pool is small, so two pages are plenty.
const LIST_LIMIT = 60;
const MAX_PAGES = 5;

/** The /users and /sessions routes. */
export function userRoutes(pool: LocalUserPool): Hono {
  const client = new CognitoIdentityProviderClient({
    endpoint: pool.cognitoEndpoint,
    region: pool.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const app = new Hono();

  app.get('/users', async (c) => c.json({ users: await listUsers(client, pool.userPoolId) }));

  // Creates the user if the email is new (the username is claimed by the real triggers), else signs in.
  app.post('/users', async (c) => {
    const body = await jsonBody(c);
    const email = requiredText(body, 'email');
    const username =
      typeof body.username === 'string' && body.username.trim() !== '' ? body.username.trim() : undefined;
    const tokens = await getLocalTokens({
      cognitoEndpoint: pool.cognitoEndpoint,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      region: pool.region,
      email,
      username,
      password: typeof body.password === 'string' && body.password !== '' ? body.password : DEFAULT_LOCAL_PASSWORD,
    }).catch(signUpFailure);
    return c.json({ ...tokens, email });
  });

  app.post('/sessions/refresh', async (c) => {
    const refreshToken = requiredText(await jsonBody(c), 'refreshToken');
    const out = await client
      .send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof NotAuthorizedException) throw new ConsoleError(401, error.message);
        throw error;
      });
    const result = out.AuthenticationResult;
    if (!result?.IdToken || !result.AccessToken) throw new ConsoleError(502, 'cognito-local returned no tokens.');
    return c.json({ idToken: result.IdToken, accessToken: result.AccessToken, refreshToken });
  });

  return app;
}

async function listUsers(client: CognitoIdentityProviderClient, userPoolId: string): Promise<ConsoleUser[]> {
  const users: UserType[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const out = await client.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Limit: LIST_LIMIT, PaginationToken: token }),
    );
    users.push(...(out.Users ?? []));
    token = out.PaginationToken;
    if (!token) break;
  }
  return users.map((user) => {
    const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value ?? null;
    return {
      cognitoUsername: user.Username ?? '',
      email: attribute('email'),
      username: attribute('custom:username'),
      status: user.UserStatus ?? null,
      createdAt: user.UserCreateDate?.toISOString() ?? null,
    };
  });
}

// A trigger's refusal (a taken or reserved username) or a wrong password is the user's to fix:
// 400 with Cognito's own words; anything else is a failure of cognito-local itself.
function signUpFailure(error: unknown): never {
  if (error instanceof UserNotFoundException) throw new ConsoleError(404, error.message);
  if (error instanceof Error && error.message.includes('exists with a different password'))
    throw new ConsoleError(400, 'This user exists with a different password: enter it in the password field.');
  if (error instanceof CognitoIdentityProviderServiceException) throw new ConsoleError(400, error.message);
  throw error;
}
