// cognito-local (npm `cognito-local` 5.3), assembled in-process from its own modules so that its
// data lives under a folder we choose (its CLI hard-codes `./.cognito` relative to the cwd) and
// its token issuer names the port it really listens on (its CLI computes it from $PORT up front).
//
// Findings (read from lib/services/tokenGenerator.js, lib/server/server.js; checked by
// test/integration/services/cognito.test.ts):
// - Tokens are RS256 JWTs with `kid: "CognitoLocal"`, signed by ONE key pair that ships inside the
//   npm package (lib/keys/cognitoLocal.private.json): every cognito-local install and every pool
//   shares it, so local tokens prove nothing outside this machine.
// - `iss` is `http://<host>:<port>/<userPoolId>` (AWS: `https://cognito-idp.<region>.amazonaws.com/<poolId>`);
//   the JWKS is served at `<iss>/.well-known/jwks.json`. Pool ids look like `local_AbCd1234`
//   (AWS: `<region>_<9 chars>`). Its `/.well-known/openid-configuration` hard-codes
//   `http://localhost:9229`, so verifiers must use the jwksUri/issuer returned here, not discovery.
// - Access token: sub, token_use "access", client_id, username (= the Cognito user name, which is
//   the sub when the pool signs in by email), scope "aws.cognito.signin.user.admin", auth_time,
//   iat, exp, jti, event_id, iss, cognito:groups when in groups. No `aud` (as AWS); lacks AWS's
//   `version` and `origin_jti`.
// - ID token: sub, token_use "id", aud (client id), cognito:username, email, email_verified,
//   custom:* attributes, auth_time, iat, exp, jti, event_id, iss; lacks AWS's `origin_jti`.
// - Lifetimes: 24 h access/ID tokens unless the client sets validities (AWS default: 60 min), so
//   ensureUserPool creates clients with AWS's defaults spelled out.
// - Triggers are global to the server (config TriggerFunctions), not read from a pool's
//   LambdaConfig; they are invoked through an AWS SDK v2 Lambda client (Invoke API), with
//   `userAttributes` as a record, region "local". Out of the box it names the *function* in a
//   trigger failure ("<fn> failed with error …") and swallows a failing PostConfirmation; both are
//   corrected below to AWS's behaviour (see nameFailuresAfterTrigger, surfacePostConfirmationFailures).
// - Not enforced: password policy, attribute schema on SignUp (unknown/immutable custom
//   attributes are accepted), the client's ExplicitAuthFlows. USER_SRP_AUTH is unsupported
//   (Amplify clients must use authFlowType USER_PASSWORD_AUTH locally).
import { mkdir } from 'node:fs/promises';
import type { RequestListener, Server } from 'node:http';
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../awsConfig.ts';
import { withExtraTargets } from './cognito/extraTargets.ts';
import type { ExtraCognitoTarget } from './cognito/extraTargets.ts';
import { userStoreOf } from './cognito/userStore.ts';
import type { CognitoLocalUserStore, CognitoService } from './cognito/userStore.ts';
import { listenSupervised } from './supervisedListener.ts';

export { ensureUserPool } from './cognito/userPool.ts';
export type { EnsuredUserPool, UserPoolDefinition } from './cognito/userPool.ts';
export type { CognitoLocalUserStore, StoredAppClient, StoredUser, StoredUserPool } from './cognito/userStore.ts';
export type { ExtraCognitoTarget } from './cognito/extraTargets.ts';

export type CognitoTrigger = 'PreSignUp' | 'PostConfirmation';
export type CognitoLogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export interface CognitoLocalOptions {
  /** Holds `clients.json` and one `<poolId>.json` per pool; created if missing. */
  dataDir: string;
  /** 0 or absent: an ephemeral port. A fixed port keeps issued tokens valid across restarts (the issuer names it). */
  port?: number;
  host?: string;
  /** Where trigger invocations go (Lambda Invoke API: POST /2015-03-31/functions/<name>/invocations). */
  lambdaEndpoint?: string;
  /** Trigger → function name sent to the Lambda endpoint. */
  triggers?: Partial<Record<CognitoTrigger, string>>;
  /** Default "silent"; "info" also prints confirmation codes. */
  logLevel?: CognitoLogLevel;
  /** Operations by x-amz-target name (without the service prefix) that cognito-local does not implement. */
  extraTargets?: Record<string, ExtraCognitoTarget>;
  /** Where a restart after its server closed unasked is told (default: stderr). */
  notify?: (line: string) => void;
}

export interface RunningCognitoLocal {
  endpoint: string;
  port: number;
  /** cognito-local's data, for what its API lacks (federated users, provider links). */
  store: CognitoLocalUserStore;
  /** The server listening now (a new one after a restart). */
  server(): Server;
  stop(): Promise<void>;
}

// cognito-local's modules are CommonJS without an exports map; load them relative to its own
// entry so its private dependencies (pino, aws-sdk v2) resolve wherever npm placed them.
const requireHere = createRequire(import.meta.url);
const requireCognito = createRequire(requireHere.resolve('cognito-local'));

// AWS's Cognito gives a trigger 5 seconds to answer before it retries.
const TRIGGER_TIMEOUT_MS = 5_000;

/** Starts cognito-local with its data under dataDir and resolves once it answers its health check. */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<RunningCognitoLocal> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolvePath(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const triggers = options.triggers ?? {};
  if (Object.keys(triggers).length > 0 && options.lambdaEndpoint === undefined) {
    throw new Error(`cognito-local triggers (${Object.keys(triggers).join(', ')}) need a lambdaEndpoint to invoke.`);
  }

  // The issuer is known only once the port is bound, so the token config object is shared and
  // filled in after listen (the token generator reads it on every sign-in).
  const tokenConfig = { IssuerDomain: '' };
  const { app, store } = await assembleCognitoLocal({
    dataDir,
    host,
    tokenConfig,
    triggers,
    lambdaEndpoint: options.lambdaEndpoint,
    logLevel: options.logLevel ?? 'silent',
    extraTargets: options.extraTargets ?? {},
  });
  // Opened again on the same port when it closes unasked (supervisedListener.ts): the issuer stays right.
  const listener = await listenSupervised({
    name: 'cognito-local',
    app,
    host,
    port: options.port ?? 0,
    where: `data in ${dataDir}`,
    notify: options.notify,
  });
  const { endpoint, port, server, stop } = listener;
  tokenConfig.IssuerDomain = endpoint;

  try {
    await waitUntilHealthy(endpoint);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, store, server, stop };
}

interface AssemblyOptions {
  dataDir: string;
  host: string;
  tokenConfig: { IssuerDomain: string };
  triggers: Partial<Record<CognitoTrigger, string>>;
  lambdaEndpoint: string | undefined;
  logLevel: CognitoLogLevel;
  extraTargets: Record<string, ExtraCognitoTarget>;
}

/** Mirrors cognito-local's createDefaultServer (lib/server/defaults.js) with our folder, config and logger. */
async function assembleCognitoLocal(
  options: AssemblyOptions,
): Promise<{ app: RequestListener; store: CognitoLocalUserStore }> {
  // aws-sdk v2 (cognito-local's Lambda client) prints an end-of-support notice on load.
  requireCognito('aws-sdk/lib/maintenance_mode_message').suppress = true;
  const Lambda = requireCognito('aws-sdk/clients/lambda');
  const { createServer: createCognitoApp } = requireCognito('./server/server');
  const { Router } = requireCognito('./server/Router');
  const { DateClock, TriggersService, LambdaService, MessagesService } = requireCognito('./services');
  const { CognitoServiceFactoryImpl } = requireCognito('./services/cognitoService');
  const { StormDBDataStoreFactory } = requireCognito('./services/dataStore/stormDb');
  const { ConsoleMessageSender } = requireCognito('./services/messageDelivery/consoleMessageSender');
  const { MessageDeliveryService } = requireCognito('./services/messageDelivery/messageDelivery');
  const { otp } = requireCognito('./services/otp');
  const { JwtTokenGenerator } = requireCognito('./services/tokenGenerator');
  const { UserPoolServiceFactoryImpl } = requireCognito('./services/userPoolService');

  const logger = createLogger(options.logLevel);
  const ctx = { logger };
  const lambdaClient = {
    credentials: { ...LOCAL_CREDENTIALS },
    region: LOCAL_REGION,
    endpoint: options.lambdaEndpoint,
    httpOptions: { timeout: TRIGGER_TIMEOUT_MS },
  };
  const config = {
    LambdaClient: lambdaClient,
    TriggerFunctions: options.triggers,
    // No implicit username attributes: the pool gets exactly what its definition says.
    UserPoolDefaults: {},
    KMSConfig: { credentials: { ...LOCAL_CREDENTIALS }, region: LOCAL_REGION },
    ServerConfig: { hostname: options.host, port: 0, development: false, https: false },
    TokenConfig: options.tokenConfig,
  };

  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(options.dataDir);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    options.dataDir,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  );
  const cognito = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  // Its KMS crypto (only for the CustomEmailSender trigger) costs ~0.4 s to load: load it on use.
  const crypto = {
    encrypt: (context: unknown, plaintext: string): Promise<string> => {
      const { CryptoService } = requireCognito('./services/crypto');
      return new CryptoService(config.KMSConfig).encrypt(context, plaintext);
    },
  };
  const lambda = new LambdaService(config.TriggerFunctions, new Lambda(lambdaClient));
  nameFailuresAfterTrigger(lambda, options.triggers);
  const triggers = new TriggersService(clock, cognito, lambda, crypto);
  surfacePostConfirmationFailures(triggers, lambda);
  const services = {
    clock,
    cognito,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const store = userStoreOf(cognito as CognitoService, ctx);
  const router = withExtraTargets(
    Router(services),
    options.extraTargets,
    store,
    requireCognito('./errors').CognitoError,
  );
  const app = createCognitoApp(router, logger, config.ServerConfig, services).application as RequestListener;
  return { app, store };
}

interface CognitoError extends Error {
  code?: string;
}
interface LambdaInvoker {
  invoke(ctx: unknown, trigger: string, event: Record<string, unknown>): Promise<unknown>;
}

/**
 * AWS reports a refusing trigger as "<Trigger> failed with error <message>." (e.g. "PreSignUp
 * failed with error …"); cognito-local names the function instead, which locally is our own id.
 */
function nameFailuresAfterTrigger(lambda: LambdaInvoker, functions: Partial<Record<CognitoTrigger, string>>): void {
  const invoke = lambda.invoke.bind(lambda);
  lambda.invoke = async (ctx, trigger, event) => {
    try {
      return await invoke(ctx, trigger, event);
    } catch (error) {
      const failure = error as CognitoError;
      const functionName = functions[trigger as CognitoTrigger];
      if (
        failure.code === 'UserLambdaValidationException' &&
        functionName !== undefined &&
        failure.message.startsWith(`${functionName} failed`)
      ) {
        failure.message = trigger + failure.message.slice(functionName.length);
      }
      throw error;
    }
  };
}

/**
 * cognito-local logs and swallows a failing PostConfirmation; AWS answers the confirmation with
 * UserLambdaValidationException (the user stays confirmed), which is how a client learns that
 * its account was not fully set up.
 */
function surfacePostConfirmationFailures(triggers: { postConfirmation: unknown }, lambda: LambdaInvoker): void {
  const { attributesToRecord } = requireCognito('./services/userPoolService');
  triggers.postConfirmation = async (
    ctx: unknown,
    params: { source: string; userAttributes: unknown } & Record<string, unknown>,
  ) => {
    const { source, userAttributes, ...rest } = params;
    await lambda.invoke(ctx, 'PostConfirmation', {
      ...rest,
      triggerSource: source,
      userAttributes: attributesToRecord(userAttributes),
    });
  };
}

function createLogger(level: CognitoLogLevel): unknown {
  const pino = requireCognito('pino');
  if (level === 'silent') return pino({ level });
  const pretty = requireCognito('pino-pretty');
  return pino({ level, name: 'cognito-local' }, pretty({ colorize: true, ignore: 'pid,hostname', singleLine: true }));
}

async function waitUntilHealthy(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/health`);
  if (!response.ok) throw new Error(`cognito-local at ${endpoint} failed its health check (HTTP ${response.status}).`);
  await response.body?.cancel();
}
