// Where the ops tools (seed:legacy, migrate) read and write: the local stack (its
// .prolynk/outputs.json: DynamoDB Local's endpoint, region and the local credentials), any
// DynamoDB endpoint, or a deployed stage (region and credentials from the standard AWS chain).
// Table names follow the stage's naming (cdk/config/naming.ts); stages with generated names
// need them given explicitly.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { physicalNames } from '../cdk/config/naming.ts';
import type { PhysicalNames } from '../cdk/config/naming.ts';
import { stageConfig } from '../cdk/config/stages.ts';

/** The three tables of one deployment. */
export interface TableNames {
  users: string;
  profiles: string;
  links: string;
}

/** One deployment's DynamoDB: how to reach it and what its tables are called. */
export interface Target {
  /** For people: "local stack (http://127.0.0.1:4001)", "stage adopt (eu-west-1)". */
  label: string;
  /** A file-name-safe identity: checkpoints of different targets never mix. */
  id: string;
  client: DynamoDBClientConfig;
  tables: TableNames;
  /** The assets bucket, where the target says (the local stack's outputs). */
  bucket?: string;
  /** True for a deployed stage that holds real users' data (deletion-protected: prod, adopt). */
  production: boolean;
}

/** What a command line may say about the target; everything optional. */
export interface TargetOptions {
  /** Path of the local stack's outputs.json (default .prolynk/outputs.json). */
  outputs?: string;
  endpoint?: string;
  stage?: string;
  region?: string;
  project?: string;
  usersTable?: string;
  profilesTable?: string;
  linksTable?: string;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Resolves the target: `--stage` (AWS), else `--endpoint`, else the local stack's outputs.json. */
export function resolveTarget(options: TargetOptions): Target {
  if (options.stage !== undefined) {
    const stage = stageConfig(options.stage);
    // An adopting stage names its project and region (cdk/config/stages.ts `adopt`).
    const project = options.project ?? stage.adopt?.project ?? 'prolynk';
    const region = options.region ?? stage.adopt?.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    return {
      label: `stage ${stage.name} (${region ?? 'region from the AWS profile'})`,
      id: `stage-${stage.name}-${project}`,
      client: region ? { region } : {},
      tables: tableNames(options, project, stage.naming === 'seed' ? options.stage : undefined),
      production: stage.deletionProtection,
    };
  }
  const project = options.project ?? 'prolynk';
  if (options.endpoint !== undefined) {
    const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
    return {
      label: `DynamoDB at ${options.endpoint}`,
      id: `endpoint-${new URL(options.endpoint).host.replace(/[^a-zA-Z0-9]+/g, '-')}-${project}`,
      client: { endpoint: options.endpoint, region, credentials: endpointCredentials() },
      tables: tableNames(options, project, 'local'),
      production: false,
    };
  }
  const file = resolve(options.outputs ?? '.prolynk/outputs.json');
  const outputs = readOutputs(file);
  return {
    label: `local stack (${outputs.dynamoDbEndpoint})`,
    id: `local-${project}`,
    client: { endpoint: outputs.dynamoDbEndpoint, region: outputs.region, credentials: LOCAL_CREDENTIALS },
    tables: tableNames(options, project, 'local'),
    bucket: outputs.bucket,
    production: false,
  };
}

/** A DynamoDB client for the target, with the SDK's adaptive retries for throttling. */
export function dynamoDbClient(target: Target): DynamoDBClient {
  return new DynamoDBClient({ maxAttempts: 8, retryMode: 'adaptive', ...target.client });
}

function tableNames(options: TargetOptions, project: string, seedNamedStage: string | undefined): TableNames {
  const derived: Partial<PhysicalNames> = seedNamedStage
    ? physicalNames(stageConfig(seedNamedStage), project, 'unused')
    : {};
  const users = options.usersTable ?? derived.usersTable;
  const profiles = options.profilesTable ?? derived.profilesTable;
  const links = options.linksTable ?? derived.linksTable;
  if (!users || !profiles || !links) {
    throw new Error(
      'This stage lets CloudFormation name its tables: give them with --users-table, --profiles-table and --links-table.',
    );
  }
  return { users, profiles, links };
}

// An explicit endpoint is a local service unless the environment holds real credentials.
function endpointCredentials() {
  return process.env.AWS_ACCESS_KEY_ID ? undefined : LOCAL_CREDENTIALS;
}

function readOutputs(file: string): { dynamoDbEndpoint: string; region: string; bucket?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `No local stack outputs at ${file}: start the stack (npm start), or name a target with --endpoint or --stage.`,
    );
  }
  return JSON.parse(text) as { dynamoDbEndpoint: string; region: string; bucket?: string };
}
