// One DynamoDB Local JVM on one port: spawned (dynamoDbProcess.ts), ready once it answers
// ListTables, stopped with SIGTERM (SIGKILL after a grace period), and watched for an exit nobody
// asked for (supervisor.ts restarts it).
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../../awsConfig.ts';
import { urlHost } from '../../http/serverLifecycle.ts';
import { spawnDynamoDbProcess } from './dynamoDbProcess.ts';
import { SHARED_DATABASE_FILE, indexStreamRecords } from './streamRecordIndexes.ts';

/** A ready JVM. */
export interface DynamoDbInstance {
  endpoint: string;
  port: number;
  /** Resolves, with how it ended, when the process exits after it was ready. */
  ended: Promise<string>;
  /** Stops the process and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Where the instance lives and whom to tell when it cannot be kept on its host. */
export interface InstanceSettings {
  host: string;
  dataDir?: string;
  warn: (line: string) => void;
}

/** Why a start failed: the process ended before it was ready (portInUse: another process holds the port). */
export class DynamoDbLocalExitedError extends Error {
  constructor(
    message: string,
    readonly portInUse: boolean,
  ) {
    super(message);
    this.name = 'DynamoDbLocalExitedError';
  }
}

/** The ListTables polling's bounds (also used while waiting for tables to become ACTIVE). */
export const READY_TIMEOUT_MS = 30_000;
export const READY_POLL_MS = 75;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** Starts DynamoDB Local on `port` and resolves once it answers ListTables. */
export async function startInstance(settings: InstanceSettings, port: number): Promise<DynamoDbInstance> {
  const { host, dataDir, warn } = settings;
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
    if (dataDir !== undefined) await addStreamRecordIndexes(dataDir, warn);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    polling.abort();
    client.destroy();
  }
  const ended = exited.then(
    () => 'exited',
    (error: unknown) => {
      process.removeListener('exit', killOnExit);
      return exitDescription(child, error);
    },
  );
  return { endpoint, port, ended, stop };
}

/** Indexes the stream store (streamRecordIndexes.ts); a failure only costs speed, so it is said and the start goes on. */
async function addStreamRecordIndexes(dataDir: string, warn: (line: string) => void): Promise<void> {
  const file = join(dataDir, SHARED_DATABASE_FILE);
  const slower = 'stream polling slows every request down as the tables grow';
  try {
    const outcome = await indexStreamRecords(file);
    if (outcome === 'unsupported') warn(`warning: this Node.js has no node:sqlite to index ${file}; ${slower}.`);
    if (outcome === 'absent') warn(`warning: ${file} has no stream record table to index; ${slower}.`);
  } catch (error) {
    warn(`warning: could not index the stream records in ${file} (${(error as Error).message}); ${slower}.`);
  }
}

function exitDescription(child: ChildProcess, error: unknown): string {
  if (child.signalCode) return `killed by ${child.signalCode}`;
  if (child.exitCode !== null) return `exit code ${child.exitCode}`;
  return error instanceof Error ? error.message : String(error);
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
