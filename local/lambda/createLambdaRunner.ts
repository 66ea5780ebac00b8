// Runs the template's functions locally from their bundles. Each execution environment is a
// worker_thread with its own process.env (template environment + overrides) that imports the
// handler once (the cold start) and then serves invocations one at a time, as a Lambda execution
// environment does; concurrent invocations get more environments. A timeout ends the environment.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { LambdaFunctionDefinition } from './loadLambdaFunctions.ts';
import { LAMBDA_WORKER_SOURCE } from './workerSource.ts';

/** A function error as Lambda reports it (X-Amz-Function-Error: Unhandled). */
export interface LambdaFunctionError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** The outcome of one invocation: the JSON payload the handler returned, or its error. */
export interface LambdaInvokeResult {
  payload?: unknown;
  error?: LambdaFunctionError;
  /** How long importing the handler took, when this invocation started a new environment. */
  initDurationMs?: number;
}

export interface LambdaRunnerOptions {
  /** Variables set on top of each function's template environment (local endpoints, credentials, …). */
  envOverrides?: Record<string, string>;
  /** 'inherit' (default): function output goes to this process's stdout/stderr; 'ignore' drops it. */
  logs?: 'inherit' | 'ignore';
}

export interface LambdaRunner {
  readonly functions: LambdaFunctionDefinition[];
  /** The function a name, logical ID, ARN or partial ARN designates, if any. */
  find(nameOrArn: string): LambdaFunctionDefinition | undefined;
  /** Invokes synchronously (RequestResponse); rejects only when no such function exists. */
  invoke(nameOrArn: string, event: unknown): Promise<LambdaInvokeResult>;
  /** Ends every execution environment. */
  close(): Promise<void>;
}

/** Thrown by invoke for a function the template does not define (Lambda: ResourceNotFoundException). */
export class FunctionNotFoundError extends Error {
  constructor(readonly nameOrArn: string) {
    super(`Function not found: ${nameOrArn}`);
    this.name = 'ResourceNotFoundException';
  }
}

interface Environment {
  worker: Worker;
  busy: boolean;
  pending?: { id: string; resolve: (result: LambdaInvokeResult) => void };
}

/** Creates a runner for `functions`; environments start lazily on first invocation. */
export function createLambdaRunner(
  functions: LambdaFunctionDefinition[],
  options: LambdaRunnerOptions = {},
): LambdaRunner {
  const environments = new Map<string, Environment[]>();
  let closed = false;

  const find = (nameOrArn: string): LambdaFunctionDefinition | undefined => {
    // ARNs and partial ARNs: [arn:aws:lambda:region:]account:function:name[:qualifier]
    const marker = nameOrArn.indexOf('function:');
    const name = marker >= 0 ? nameOrArn.slice(marker + 'function:'.length).split(':')[0] : nameOrArn;
    return functions.find((fn) => fn.functionName === name || fn.logicalId === name);
  };

  const discard = (fn: LambdaFunctionDefinition, environment: Environment): void => {
    const pool = environments.get(fn.logicalId) ?? [];
    environments.set(
      fn.logicalId,
      pool.filter((candidate) => candidate !== environment),
    );
    void environment.worker.terminate();
  };

  const startEnvironment = (fn: LambdaFunctionDefinition): Environment => {
    const ignore = options.logs === 'ignore';
    const worker = new Worker(LAMBDA_WORKER_SOURCE, {
      eval: true,
      env: { ...runtimeEnvironment(fn), ...fn.environment, ...options.envOverrides },
      workerData: {
        codeDirectory: fn.codeDirectory,
        handler: fn.handler,
        functionName: fn.functionName,
        arn: fn.arn,
        memorySize: fn.memorySize,
        enableSourceMaps: (fn.environment.NODE_OPTIONS ?? '').includes('--enable-source-maps'),
      },
      stdout: ignore,
      stderr: ignore,
      // Lambda's memory setting bounds the environment's heap.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, fn.memorySize) },
    });
    if (ignore) {
      worker.stdout.resume();
      worker.stderr.resume();
    }
    const environment: Environment = { worker, busy: false };
    worker.on(
      'message',
      (message: {
        id: string;
        payload?: string;
        error?: LambdaFunctionError;
        initDurationMs?: number;
        initFailed?: boolean;
      }) => {
        const pending = environment.pending;
        if (pending === undefined || pending.id !== message.id) return;
        environment.pending = undefined;
        environment.busy = false;
        if (message.initFailed) discard(fn, environment);
        const timing = message.initDurationMs === undefined ? {} : { initDurationMs: message.initDurationMs };
        pending.resolve(
          message.error
            ? { error: message.error, ...timing }
            : { payload: JSON.parse(message.payload ?? 'null'), ...timing },
        );
      },
    );
    // An uncaught exception ends the process on Lambda too: the invocation fails, the environment is replaced.
    const fail = (error: LambdaFunctionError): void => {
      discard(fn, environment);
      const pending = environment.pending;
      environment.pending = undefined;
      pending?.resolve({ error });
    };
    worker.on('error', (error) =>
      fail({
        errorType: error.name || 'Error',
        errorMessage: error.message,
        trace: String(error.stack ?? '').split('\n'),
      }),
    );
    worker.on('exit', (code) =>
      fail({
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: local Error: Runtime exited with error: exit status ${code}`,
      }),
    );
    const pool = environments.get(fn.logicalId) ?? [];
    pool.push(environment);
    environments.set(fn.logicalId, pool);
    return environment;
  };

  const invoke = async (nameOrArn: string, event: unknown): Promise<LambdaInvokeResult> => {
    if (closed) throw new Error('The Lambda runner is closed.');
    const fn = find(nameOrArn);
    if (fn === undefined) throw new FunctionNotFoundError(nameOrArn);
    const environment =
      (environments.get(fn.logicalId) ?? []).find((candidate) => !candidate.busy) ?? startEnvironment(fn);
    environment.busy = true;
    const id = randomUUID();
    const timeoutMs = fn.timeoutSeconds * 1000;
    return new Promise<LambdaInvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        if (environment.pending?.id !== id) return;
        environment.pending = undefined;
        discard(fn, environment);
        resolve({
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
          },
        });
      }, timeoutMs);
      environment.pending = {
        id,
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      };
      environment.worker.postMessage({
        id,
        requestId: id,
        event: JSON.stringify(event ?? null),
        deadline: Date.now() + timeoutMs,
      });
    });
  };

  const close = async (): Promise<void> => {
    closed = true;
    const all = [...environments.values()].flat();
    environments.clear();
    await Promise.all(all.map((environment) => environment.worker.terminate()));
  };

  return { functions, find, invoke, close };
}

/** The variables Lambda's Node.js runtime sets in every execution environment. */
function runtimeEnvironment(fn: LambdaFunctionDefinition): Record<string, string> {
  return {
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    LAMBDA_TASK_ROOT: fn.codeDirectory,
    TZ: ':UTC',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  };
}
