// The user pool's domain and the stand-in identity providers on the local stack: started when the
// template gives the pool a domain (cdk/constructs/federatedSignIn.ts), on two ports of their own.
import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { getRequestListener } from '@hono/node-server';
import { decodeJwt } from 'jose';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../awsConfig.ts';
import { listenDualProtocol } from '../http/dualProtocolServer.ts';
import { stopServer } from '../http/serverLifecycle.ts';
import type { LambdaRunner } from '../lambda/index.ts';
import type { EnsuredUserPool, ExtraCognitoTarget, RunningCognitoLocal } from '../services/cognito.ts';
import { lateHandler } from '../stack/lateHandler.ts';
import type { UserPoolDefinition } from '../template/index.ts';
import type { ManagedLoginContext } from './context.ts';
import type { FederationDefinition } from './federationDefinition.ts';
import type { TriggerInvoker } from './federatedUsers.ts';
import { createManagedLogin } from './managedLogin.ts';
import { oneTimeStore } from './oneTimeStore.ts';
import { adminLinkProviderForUser } from './providerLinks.ts';
import { createStandInIdp } from './standInIdp/createStandInIdp.ts';
import type { UpstreamProvider } from './upstream.ts';

/** What the local stack tells clients about managed login (.prolynk/outputs.json). */
export interface ManagedLoginOutputs {
  /** The pool's domain: `/oauth2/authorize`, `/oauth2/token`, `/oauth2/userInfo`, `/logout`. */
  oauthDomain: string;
  /** Ready authorize URLs (COGNITO and each provider) for the first callback URL; add state and PKCE. */
  authorizeUrls: Record<string, string>;
  /** The stand-in identity providers' server, when the pool has providers. */
  identityProvidersUrl?: string;
}

/** The running domain (and stand-in providers). */
export interface RunningManagedLogin {
  outputs: ManagedLoginOutputs;
  close(): Promise<void>;
}

export interface ManagedLoginSetup {
  federation: FederationDefinition;
  pool: UserPoolDefinition;
  ensuredPool: EnsuredUserPool;
  clientId: string;
  cognito: RunningCognitoLocal;
  runner: LambdaRunner;
  host: string;
  ports: { domain: number; identityProviders: number };
  /** The development certificate: the domain answers https:// too (Amplify JS builds `https://<domain>/…`). */
  tls: { key: string; cert: string };
}

// Secrets Manager is not emulated: the stand-in provider and the domain share a local secret.
const localClientSecret = (provider: string) => `local-${provider.toLowerCase()}-client-secret`;

/** The Cognito API operations managed login needs that cognito-local lacks. */
export function managedLoginTargets(federation: FederationDefinition | null): Record<string, ExtraCognitoTarget> {
  return federation === null ? {} : { AdminLinkProviderForUser: adminLinkProviderForUser(federation.providers) };
}

/** Starts the domain and the stand-in providers; resolves once both listen. */
export async function serveManagedLogin(setup: ManagedLoginSetup): Promise<RunningManagedLogin> {
  const domain = lateHandler();
  const domainServer = await listenDualProtocol(domain.listener, {
    port: setup.ports.domain,
    host: setup.host,
    ...setup.tls,
  });
  const servers: Server[] = [];
  const close = () => Promise.all([domainServer.close(), ...servers.map(stopServer)]).then(() => undefined);
  try {
    const baseUrl = `http://localhost:${domainServer.port}`;
    const providers = new Map<string, UpstreamProvider>();
    let identityProvidersUrl: string | undefined;
    if (setup.federation.providers.length > 0) {
      const idp = lateHandler();
      servers.push(await listen(idp.listener, setup.host, setup.ports.identityProviders));
      identityProvidersUrl = `http://localhost:${(servers[0].address() as AddressInfo).port}`;
      const redirectUri = `${baseUrl}/oauth2/idpresponse`;
      const standIn = createStandInIdp(
        identityProvidersUrl,
        setup.federation.providers.map((provider) => ({
          name: provider.name,
          clientId: provider.clientId,
          clientSecret: localClientSecret(provider.name),
          redirectUri,
        })),
      );
      idp.attach(standIn.listener);
      for (const definition of setup.federation.providers) {
        providers.set(definition.name, {
          definition,
          issuer: standIn.issuerOf(definition.name),
          clientSecret: localClientSecret(definition.name),
        });
      }
    }
    const ctx: ManagedLoginContext = {
      baseUrl,
      issuer: setup.ensuredPool.issuer,
      userPoolId: setup.ensuredPool.userPoolId,
      store: setup.cognito.store,
      providers,
      invokeTrigger: triggerInvoker(setup.pool, setup.runner),
      nativeSignIn: (clientId, email, password) => nativeSignIn(setup.cognito.endpoint, clientId, email, password),
      // Cognito's codes live five minutes; a sign-in may wait ten at its provider.
      codes: oneTimeStore(5 * 60_000),
      pending: oneTimeStore(10 * 60_000),
      refreshGrants: new Map(),
      now: Date.now,
    };
    domain.attach(getRequestListener(createManagedLogin(ctx).fetch));
    return {
      outputs: {
        oauthDomain: baseUrl,
        authorizeUrls: await authorizeUrls(ctx, setup.clientId),
        ...(identityProvidersUrl ? { identityProvidersUrl } : {}),
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs the pool's trigger through the local Lambda runtime; a function error rejects with its message. */
function triggerInvoker(pool: UserPoolDefinition, runner: LambdaRunner): TriggerInvoker {
  return async (trigger, event) => {
    const functionId = pool.lambdaTriggers[trigger];
    if (functionId === undefined) return;
    const result = await runner.invoke(functionId, event);
    if (result.error) throw new Error(result.error.errorMessage);
  };
}

/** USER_PASSWORD_AUTH against cognito-local, as managed login checks a password; the user name signed in. */
async function nativeSignIn(endpoint: string, clientId: string, email: string, password: string): Promise<string> {
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { ...LOCAL_CREDENTIALS },
  });
  try {
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    const username = AuthenticationResult?.IdToken
      ? decodeJwt(AuthenticationResult.IdToken)['cognito:username']
      : undefined;
    if (typeof username !== 'string') throw new Error('The sign-in needs another step (a challenge).');
    return username;
  } finally {
    client.destroy();
  }
}

async function authorizeUrls(ctx: ManagedLoginContext, clientId: string): Promise<Record<string, string>> {
  const client = await ctx.store.appClient(clientId);
  const redirectUri = client?.CallbackURLs?.[0];
  if (client === null || redirectUri === undefined) return {};
  const urls: Record<string, string> = {};
  for (const provider of client.SupportedIdentityProviders ?? []) {
    const query = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: (client.AllowedOAuthScopes ?? []).join(' '),
      identity_provider: provider,
    });
    urls[provider] = `${ctx.baseUrl}/oauth2/authorize?${query.toString()}`;
  }
  return urls;
}

async function listen(listener: RequestListener, host: string, port: number): Promise<Server> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
