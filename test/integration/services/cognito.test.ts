import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SignUpCommand,
  UserLambdaValidationException,
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_REGION,
  ensureUserPool,
  getLocalTokens,
  localClientConfig,
  startCognitoLocal,
} from '../../../local/index.ts';
import type { UserPoolDefinition } from '../../../local/index.ts';

// The seed's pool: sign-in by email, custom attributes, one public client (USER_PASSWORD_AUTH).
const POOL: UserPoolDefinition = {
  name: 'prolynk-test-user-pool',
  usernameAttributes: ['email'],
  autoVerifiedAttributes: ['email'],
  passwordPolicy: {
    minimumLength: 8,
    requireUppercase: true,
    requireLowercase: true,
    requireNumbers: true,
    requireSymbols: true,
  },
  customAttributes: [
    { name: 'fullname', mutable: true },
    { name: 'date_of_birth', mutable: true },
    { name: 'username', mutable: false },
    { name: 'picture', mutable: true },
  ],
  clients: [{ name: 'web', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
};
const PASSWORD = 'Local-Passw0rd!';

function sdk(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(localClientConfig(endpoint));
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prolynk-cognito-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('cognito-local service', () => {
  it('starts on an ephemeral loopback port and answers its health check', async () => {
    const cognito = await startCognitoLocal({ dataDir: await tempDir(), port: 0 });
    try {
      expect(cognito.endpoint).toBe(`http://127.0.0.1:${cognito.port}`);
      const response = await fetch(`${cognito.endpoint}/health`);
      expect(await response.json()).toEqual({ ok: true });
    } finally {
      await cognito.stop();
    }
    await expect(fetch(`${cognito.endpoint}/health`)).rejects.toThrow();
  });

  it('names the port when it is already taken', async () => {
    const first = await startCognitoLocal({ dataDir: await tempDir() });
    try {
      await expect(startCognitoLocal({ dataDir: await tempDir(), port: first.port })).rejects.toThrow(
        `cognito-local cannot listen on 127.0.0.1:${first.port}: the port is in use.`,
      );
    } finally {
      await first.stop();
    }
  });

  it('reuses the pool and client by name after a restart over the same data folder', async () => {
    const dataDir = await tempDir();
    const first = await startCognitoLocal({ dataDir });
    const created = await ensureUserPool(first.endpoint, POOL);
    const again = await ensureUserPool(first.endpoint, POOL);
    await first.stop();

    const second = await startCognitoLocal({ dataDir });
    try {
      const reused = await ensureUserPool(second.endpoint, POOL);
      expect(again.userPoolId).toBe(created.userPoolId);
      expect(reused.userPoolId).toBe(created.userPoolId);
      expect(reused.clients).toEqual(created.clients);
      const client = sdk(second.endpoint);
      const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      const clients = await client.send(
        new ListUserPoolClientsCommand({ UserPoolId: reused.userPoolId, MaxResults: 60 }),
      );
      expect(pools.UserPools?.map((pool) => pool.Name)).toEqual([POOL.name]);
      expect(clients.UserPoolClients?.map((appClient) => appClient.ClientName)).toEqual(['web']);
    } finally {
      await second.stop();
    }
  });

  it('brings an existing pool up to date with a definition read from the template', async () => {
    const dataDir = await tempDir();
    const cognito = await startCognitoLocal({ dataDir });
    try {
      const before = await ensureUserPool(cognito.endpoint, {
        name: 'from-template',
        createInput: { UsernameAttributes: ['email'] },
        clients: [],
      });
      const after = await ensureUserPool(cognito.endpoint, {
        name: 'from-template',
        createInput: {
          UsernameAttributes: ['email'],
          Schema: [{ Name: 'username', AttributeDataType: 'String', Mutable: false }],
        },
        clients: [
          {
            name: 'web',
            explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
            createInput: { ClientName: 'web', AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'hours' } },
          },
        ],
      });
      const tokens = await getLocalTokens({
        cognitoEndpoint: cognito.endpoint,
        userPoolId: after.userPoolId,
        clientId: after.clients[0]!.clientId,
        region: LOCAL_REGION,
        email: 'template@example.com',
        password: PASSWORD,
        username: 'templated',
      });

      expect(after.userPoolId).toBe(before.userPoolId);
      const { UserPool } = await sdk(cognito.endpoint).send(
        new DescribeUserPoolCommand({ UserPoolId: after.userPoolId }),
      );
      expect(UserPool?.SchemaAttributes).toContainEqual(
        expect.objectContaining({ Name: 'custom:username', Mutable: false }),
      );
      const { payload: id } = await jwtVerify(tokens.idToken, createRemoteJWKSet(new URL(after.jwksUri)), {
        issuer: after.issuer,
      });
      const { payload: access } = await jwtVerify(tokens.accessToken, createRemoteJWKSet(new URL(after.jwksUri)), {
        issuer: after.issuer,
      });
      expect(id['custom:username']).toBe('templated');
      expect((access.exp ?? 0) - (access.iat ?? 0)).toBe(7_200);
      expect((id.exp ?? 0) - (id.iat ?? 0)).toBe(3_600);
    } finally {
      await cognito.stop();
    }
  });

  it('keeps a user signed up before a restart', async () => {
    const dataDir = await tempDir();
    const first = await startCognitoLocal({ dataDir });
    const pool = await ensureUserPool(first.endpoint, POOL);
    const request = {
      userPoolId: pool.userPoolId,
      clientId: pool.clients[0]!.clientId,
      region: LOCAL_REGION,
      email: 'keep@example.com',
      password: PASSWORD,
    };
    const before = await getLocalTokens({ ...request, cognitoEndpoint: first.endpoint });
    await first.stop();

    const second = await startCognitoLocal({ dataDir });
    try {
      const after = await getLocalTokens({ ...request, cognitoEndpoint: second.endpoint });
      expect(after.created).toBe(false);
      expect(after.sub).toBe(before.sub);
    } finally {
      await second.stop();
    }
  });
});

describe('tokens from cognito-local', () => {
  let endpoint: string;
  let stop: () => Promise<void>;
  let pool: Awaited<ReturnType<typeof ensureUserPool>>;
  let clientId: string;

  beforeAll(async () => {
    const cognito = await startCognitoLocal({ dataDir: await tempDir() });
    endpoint = cognito.endpoint;
    stop = cognito.stop;
    pool = await ensureUserPool(endpoint, POOL);
    clientId = pool.clients[0]!.clientId;
  });
  afterAll(async () => {
    await stop();
  });

  function tokensFor(email: string, extra: { password?: string; username?: string } = {}) {
    return getLocalTokens({
      cognitoEndpoint: endpoint,
      userPoolId: pool.userPoolId,
      clientId,
      region: LOCAL_REGION,
      email,
      password: extra.password ?? PASSWORD,
      username: extra.username,
    });
  }

  it('names its issuer and JWKS after the pool on the port it listens on', () => {
    expect(pool.issuer).toBe(`${endpoint}/${pool.userPoolId}`);
    expect(pool.jwksUri).toBe(`${endpoint}/${pool.userPoolId}/.well-known/jwks.json`);
    expect(pool.userPoolId).toMatch(/^local_[0-9A-Za-z]+$/);
  });

  it('signs up, confirms and signs in a user whose RS256 tokens verify against the JWKS and issuer', async () => {
    const tokens = await tokensFor('alice@example.com', { username: 'alice' });
    const jwks = createRemoteJWKSet(new URL(pool.jwksUri));

    const id = await jwtVerify(tokens.idToken, jwks, {
      issuer: pool.issuer,
      audience: clientId,
      algorithms: ['RS256'],
    });
    const access = await jwtVerify(tokens.accessToken, jwks, { issuer: pool.issuer, algorithms: ['RS256'] });

    expect(tokens.created).toBe(true);
    expect(decodeProtectedHeader(tokens.idToken).alg).toBe('RS256');
    expect(id.payload).toMatchObject({
      token_use: 'id',
      sub: tokens.sub,
      aud: clientId,
      email: 'alice@example.com',
      'cognito:username': tokens.sub,
      'custom:username': 'alice',
    });
    expect(access.payload).toMatchObject({
      token_use: 'access',
      sub: tokens.sub,
      client_id: clientId,
      username: tokens.sub,
    });
    // Access tokens carry no user attributes and no audience, as on AWS.
    expect(access.payload).not.toHaveProperty('email');
    expect(access.payload).not.toHaveProperty('aud');
  });

  it('issues tokens that live one hour, the AWS default for an app client', async () => {
    const tokens = await tokensFor('lifetime@example.com');
    for (const token of [tokens.idToken, tokens.accessToken]) {
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(pool.jwksUri)), { issuer: pool.issuer });
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3_600);
    }
  });

  it('signs an existing user in again without creating a second one', async () => {
    const first = await tokensFor('bob@example.com');
    const second = await tokensFor('bob@example.com');
    expect(second.created).toBe(false);
    expect(second.sub).toBe(first.sub);
  });

  it('refuses an existing user with the wrong password, saying how to fix it', async () => {
    await tokensFor('carol@example.com');
    await expect(tokensFor('carol@example.com', { password: 'Other-Passw0rd!' })).rejects.toThrow(
      /different password.*--password/,
    );
  });

  it('serves a JWKS that rejects a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ token_use: 'access', client_id: clientId })
      .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
      .setIssuer(pool.issuer)
      .setSubject('someone')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(jwtVerify(forged, createRemoteJWKSet(new URL(pool.jwksUri)), { issuer: pool.issuer })).rejects.toThrow(
      /signature/i,
    );
  });
});

describe('cognito-local triggers', () => {
  // Plays the Lambda Invoke API (POST /2015-03-31/functions/<name>/invocations) that the local
  // stack will serve, recording each event.
  let lambda: Server;
  let lambdaEndpoint: string;
  const invocations: { functionName: string; event: Record<string, unknown> }[] = [];
  let stopCognito: (() => Promise<void>) | undefined;
  const REFUSALS: Record<string, string> = {
    'preSignUpFn:taken': 'Username taken is not available',
    'postConfirmationFn:lost': 'Username lost was claimed by someone else',
  };

  beforeAll(async () => {
    lambda = createServer(async (req, res) => {
      const functionName = decodeURIComponent(/\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '');
      const event = JSON.parse(await readBody(req)) as Record<string, unknown> & {
        request: { userAttributes: Record<string, string> };
      };
      invocations.push({ functionName, event });
      const refusal = REFUSALS[`${functionName}:${event.request.userAttributes['custom:username']}`];
      if (refusal !== undefined) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled' });
        res.end(JSON.stringify({ errorType: 'Error', errorMessage: refusal }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(event));
    });
    await new Promise<void>((resolve) => lambda.listen(0, '127.0.0.1', resolve));
    lambdaEndpoint = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    invocations.length = 0;
    await stopCognito?.();
    stopCognito = undefined;
  });
  afterAll(async () => {
    await new Promise((resolve) => lambda.close(resolve));
  });

  async function startWithTriggers() {
    const cognito = await startCognitoLocal({
      dataDir: await tempDir(),
      lambdaEndpoint,
      triggers: { PreSignUp: 'preSignUpFn', PostConfirmation: 'postConfirmationFn' },
    });
    stopCognito = cognito.stop;
    const pool = await ensureUserPool(cognito.endpoint, POOL);
    return { client: sdk(cognito.endpoint), pool, clientId: pool.clients[0]!.clientId };
  }

  it('refuses to start with triggers but nowhere to invoke them', async () => {
    await expect(startCognitoLocal({ dataDir: await tempDir(), triggers: { PreSignUp: 'fn' } })).rejects.toThrow(
      /lambdaEndpoint/,
    );
  });

  it('invokes PreSignUp with the attributes as a record, then PostConfirmation on confirmation', async () => {
    const { client, pool, clientId } = await startWithTriggers();

    const signUp = await client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'dave@example.com',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'custom:username', Value: 'dave' }],
      }),
    );
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: 'dave@example.com' }));

    expect(invocations.map((invocation) => invocation.functionName)).toEqual(['preSignUpFn', 'postConfirmationFn']);
    const [preSignUp, postConfirmation] = invocations.map((invocation) => invocation.event);
    expect(preSignUp).toMatchObject({
      triggerSource: 'PreSignUp_SignUp',
      userPoolId: pool.userPoolId,
      userName: signUp.UserSub,
      callerContext: { clientId },
      request: { userAttributes: { sub: signUp.UserSub, email: 'dave@example.com', 'custom:username': 'dave' } },
    });
    expect(postConfirmation).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      userName: signUp.UserSub,
      request: {
        userAttributes: { sub: signUp.UserSub, 'custom:username': 'dave', 'cognito:user_status': 'CONFIRMED' },
      },
    });
  });

  it('refuses a sign-up that PreSignUp rejects, with the function error in the message', async () => {
    const { client, clientId } = await startWithTriggers();
    const attempt = client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'erin@example.com',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'custom:username', Value: 'taken' }],
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(UserLambdaValidationException);
    await expect(attempt).rejects.toThrow('PreSignUp failed with error Username taken is not available.');
  });

  it('reports a failing PostConfirmation to the caller while the user stays confirmed, as AWS does', async () => {
    const { client, pool, clientId } = await startWithTriggers();
    await client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'frank@example.com',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'custom:username', Value: 'lost' }],
      }),
    );

    const confirmation = client.send(
      new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: 'frank@example.com' }),
    );

    await expect(confirmation).rejects.toBeInstanceOf(UserLambdaValidationException);
    await expect(confirmation).rejects.toThrow(
      'PostConfirmation failed with error Username lost was claimed by someone else.',
    );
    const user = await client.send(
      new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: 'frank@example.com' }),
    );
    expect(user.UserStatus).toBe('CONFIRMED');
  });
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
