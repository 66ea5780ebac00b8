// Every per-stage setting of the CDK app, in one typed table. `-c stage=<name>` picks an entry
// (default `local`, what `npm start` and the tests run); `-c alarmEmail=…` and `-c corsOrigins=…`
// override the two values that belong to whoever deploys (contextOverrides below).
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { FederationConfig } from './federation.ts';
import type { AdoptionTargets } from '../adopt/adoptionTargets.ts';

/** The stages this app knows. */
export const STAGE_NAMES = ['local', 'dev', 'prod', 'adopt'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * How physical names are chosen:
 * - `seed`: the original system's fixed names (`{project}-users`, `{project}-profiles`,
 *   `{project}-links`, `{project}-assets-{account}`, `{project}-user-pool`, `{project}-api`):
 *   the local stack's, and an adopting stage's that takes over the running system's resources.
 * - `generated`: CloudFormation generates every name that must be unique (tables, bucket), so two
 *   stages in one account never collide and a redeploy after a destroy (with retained resources
 *   left behind) creates fresh ones; names without a uniqueness rule carry `{project}-{stage}-`.
 */
export type NamingStrategy = 'seed' | 'generated';

/** A custom domain name for one endpoint; the certificate must cover it (us-east-1 for GraphQL and assets, which CloudFront serves). */
export interface CustomDomain {
  domainName: string;
  certificateArn: string;
}

/** Cognito's mail through SES instead of its default sender (about 50 mails a day). */
export interface SesSender {
  /** A verified SES identity (the address itself, or an address of `verifiedDomain`). */
  fromAddress: string;
  fromName?: string;
  replyTo?: string;
  /** The verified domain when `fromAddress` is not itself verified. */
  verifiedDomain?: string;
  /** The SES region of the identity (Cognito accepts a few; see README "Mail"). */
  region: string;
}

/** Everything that differs between stages. */
export interface StageConfig {
  name: StageName;
  naming: NamingStrategy;
  /** What happens to the tables, the bucket and the user pool when the stack (or the resource) goes. */
  removalPolicy: RemovalPolicy;
  /** DynamoDB and Cognito deletion protection: a delete by hand or by CloudFormation is refused. */
  deletionProtection: boolean;
  /** Browser origins the REST API answers (CORS); `*` is never used with credentials. */
  corsOrigins: string[];
  /** Browser origins that may PUT presigned uploads and GET assets directly from the bucket. */
  uploadCorsOrigins: string[];
  /** How long function, API and access logs are kept. */
  logRetention: RetentionDays;
  /** Who the alarm topic mails; none → alarms are recorded but nobody is told (a synth warning says so). */
  alarmEmail?: string;
  /** Cognito mail through SES; none → Cognito's default sender. */
  sesSender?: SesSender;
  customDomains: { graphql?: CustomDomain; rest?: CustomDomain; assets?: CustomDomain };
  /** Sign-in flows of the app client besides SRP and refresh tokens, which every stage allows. */
  auth: { userPasswordAuth: boolean };
  /** A per-IP rate rule (AWS WAF) on the GraphQL API's API-key requests, the public reads. */
  waf: { enabled: boolean; requestsPerFiveMinutes: number };
  /** AppSync's per-request guards (README "Guards"; test/infra/apiLimits.test.ts derives the need). */
  apiLimits: { queryDepth: number; resolverCount: number };
  /** The REST API's throttling: the whole stage, and each public (unauthenticated) route. */
  restThrottle: { burstLimit: number; rateLimit: number; publicBurstLimit: number; publicRateLimit: number };
  /**
   * How public assets are read: `bucket-policy` (the seed's public prefixes, which the local S3
   * serves; refused by accounts that enforce Block Public Access) or `cloudfront` (origin access
   * control, the bucket fully private).
   */
  publicAssets: 'bucket-policy' | 'cloudfront';
  /** Powertools: X-Ray tracing (functions and AppSync), EMF metrics, log level and debug sampling. */
  observability: {
    tracing: boolean;
    metrics: boolean;
    logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
    /** Share of invocations that log at DEBUG whatever the level (0–1). */
    debugSampleRate: number;
  };
  /** The public-read API key: renewed daily to this many days ahead (AppSync allows 1–365). */
  apiKey: { validityDays: number };
  /**
   * Managed login with Google and LinkedIn (cdk/config/federation.ts): `development` is the seed's
   * localhost callbacks with development client ids (secrets `<project>/dev/oauth/*` in Secrets
   * Manager); absent, the stage signs in with email and password only.
   */
  federation?: 'development' | FederationConfig;
  /** Shards per day of each profile's view and click counters (cdk/constructs/profileStats.ts, 1–32). */
  statsShards: number;
  /**
   * An adopting stage: the running seed system whose tables, bucket and user pool this stage
   * imports instead of creating (README "Adopting the running ProLynk"; `npm run adopt`).
   */
  adopt?: AdoptionTargets;
}

const LOCAL_ORIGINS = ['http://localhost:3000', 'http://localhost:8080'];

// The sizes README "Guards" explains: the API's own documents need depth 4 (myStats → days → clicks →
// linkId) and 2 resolvers; the limit admits every query the schema allows.
const API_LIMITS = { queryDepth: 5, resolverCount: 10 };
// The seed's HTTP API throttling; public routes get a share of it of their own.
const SEED_THROTTLE = { burstLimit: 100, rateLimit: 50, publicBurstLimit: 50, publicRateLimit: 25 };

const STAGES: Record<StageName, StageConfig> = {
  // What `npm start` and the tests run: today's names and behaviour, on local services.
  local: {
    name: 'local',
    naming: 'seed',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: false,
    corsOrigins: LOCAL_ORIGINS,
    uploadCorsOrigins: ['*'],
    logRetention: RetentionDays.ONE_WEEK,
    customDomains: {},
    // cognito-local has no SRP: the token CLI and the tests sign in with USER_PASSWORD_AUTH.
    auth: { userPasswordAuth: true },
    waf: { enabled: false, requestsPerFiveMinutes: 0 },
    apiLimits: API_LIMITS,
    restThrottle: SEED_THROTTLE,
    publicAssets: 'bucket-policy',
    // No X-Ray daemon and no CloudWatch locally: traces off, metrics not emitted.
    observability: { tracing: false, metrics: false, logLevel: 'INFO', debugSampleRate: 0 },
    apiKey: { validityDays: 365 },
    federation: 'development',
    statsShards: 10,
  },
  dev: {
    name: 'dev',
    naming: 'generated',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    // A developer's front end on localhost against the deployed dev API.
    corsOrigins: LOCAL_ORIGINS,
    uploadCorsOrigins: LOCAL_ORIGINS,
    logRetention: RetentionDays.TWO_WEEKS,
    customDomains: {},
    auth: { userPasswordAuth: false },
    waf: { enabled: false, requestsPerFiveMinutes: 0 },
    apiLimits: API_LIMITS,
    restThrottle: SEED_THROTTLE,
    publicAssets: 'cloudfront',
    observability: { tracing: true, metrics: true, logLevel: 'DEBUG', debugSampleRate: 0 },
    apiKey: { validityDays: 365 },
    federation: 'development',
    statsShards: 10,
  },
  prod: {
    name: 'prod',
    naming: 'generated',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    // Replace with the web front end's origin, or pass -c corsOrigins=https://app.example.org.
    corsOrigins: ['https://prolynk.example.com'],
    uploadCorsOrigins: ['https://prolynk.example.com'],
    logRetention: RetentionDays.THREE_MONTHS,
    customDomains: {},
    auth: { userPasswordAuth: false },
    waf: { enabled: true, requestsPerFiveMinutes: 1000 },
    apiLimits: API_LIMITS,
    restThrottle: SEED_THROTTLE,
    publicAssets: 'cloudfront',
    observability: { tracing: true, metrics: true, logLevel: 'INFO', debugSampleRate: 0.01 },
    apiKey: { validityDays: 365 },
    statsShards: 10,
  },
  // Production, taking over the running seed system (README "Adopting the running ProLynk"): its
  // names (naming 'seed'), everything retained and deletion-protected, the bucket's public reads
  // and any-origin CORS as the seed serves them. Replace the adopt values with the running
  // system's (`terraform output`, the Cognito console) before `npm run adopt -- --stage adopt --plan`.
  adopt: {
    name: 'adopt',
    naming: 'seed',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    // The web front end's origins; or -c corsOrigins=https://app.example.org.
    corsOrigins: LOCAL_ORIGINS,
    uploadCorsOrigins: ['*'],
    logRetention: RetentionDays.THREE_MONTHS,
    customDomains: {},
    auth: { userPasswordAuth: false },
    waf: { enabled: true, requestsPerFiveMinutes: 1000 },
    apiLimits: API_LIMITS,
    restThrottle: SEED_THROTTLE,
    // Stored profiles hold https://{bucket}.s3.amazonaws.com/{key} URLs: keep serving them.
    publicAssets: 'bucket-policy',
    observability: { tracing: true, metrics: true, logLevel: 'INFO', debugSampleRate: 0.01 },
    apiKey: { validityDays: 365 },
    statsShards: 10,
    adopt: {
      account: '111111111111',
      region: 'us-east-1',
      project: 'prolynk',
      tables: { users: 'prolynk-users', profiles: 'prolynk-profiles', links: 'prolynk-links' },
      bucket: 'prolynk-assets-111111111111',
      userPool: {
        id: 'us-east-1_PLACEHOLDER',
        arn: 'arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_PLACEHOLDER',
      },
      existingClientIds: [],
    },
  },
};

/** The named stage's settings; an unknown name is an error listing the known ones. */
export function stageConfig(name: string): StageConfig {
  if (!isStageName(name)) {
    throw new Error(`Unknown stage "${name}": use one of ${STAGE_NAMES.join(', ')} (-c stage=<name>).`);
  }
  return STAGES[name];
}

/** True when `name` is one of STAGE_NAMES. */
export function isStageName(name: string): name is StageName {
  return (STAGE_NAMES as readonly string[]).includes(name);
}

/** Context values a deployer may set per deploy instead of editing this file. */
export interface StageContext {
  alarmEmail?: unknown;
  corsOrigins?: unknown;
}

/** `config` with `-c alarmEmail=…` and `-c corsOrigins=a,b` applied (both origin lists take corsOrigins). */
export function contextOverrides(config: StageConfig, context: StageContext): StageConfig {
  const origins =
    typeof context.corsOrigins === 'string' && context.corsOrigins.trim() !== ''
      ? context.corsOrigins.split(',').map((origin) => origin.trim())
      : undefined;
  const alarmEmail =
    typeof context.alarmEmail === 'string' && context.alarmEmail !== '' ? context.alarmEmail : undefined;
  return {
    ...config,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(origins ? { corsOrigins: origins, uploadCorsOrigins: origins } : {}),
  };
}
