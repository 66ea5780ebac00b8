// One Lambda execution environment: a worker_thread with its own process.env (runtime variables,
// the template's environment, the local overrides) that imports the handler once (the cold start)
// and serves one invocation at a time (its owner, the pool, never hands it a second one while busy).
// A timeout, an uncaught exception, an exit or a failed init ends it, as on Lambda; the pool is told
// so it starts a fresh one next time.
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

/** How environments are set up. */
export interface EnvironmentSettings {
  /** Variables set on top of each function's template environment (local endpoints, credentials, …). */
  envOverrides?: Record<string, string>;
  /** 'inherit' (default): function output goes to this process's stdout/stderr; 'ignore' drops it. */
  logs?: 'inherit' | 'ignore';
}

/** What the worker answers (workerSource.ts). */
interface WorkerMessage {
  id: string;
  payload?: string;
  error?: LambdaFunctionError;
  initDurationMs?: number;
  initFailed?: boolean;
}

/** A running environment for `fn`; `onEnd` is called when it can serve no more invocations. */
export class ExecutionEnvironment {
  private readonly worker: Worker;
  private pending: { id: string; resolve: (result: LambdaInvokeResult) => void } | undefined;
  /** It can serve no more invocations (timed out, crashed, failed to init, or terminated). */
  ended = false;

  constructor(
    readonly fn: LambdaFunctionDefinition,
    settings: EnvironmentSettings,
    private readonly onEnd: (environment: ExecutionEnvironment) => void,
  ) {
    const ignore = settings.logs === 'ignore';
    this.worker = new Worker(LAMBDA_WORKER_SOURCE, {
      eval: true,
      env: { ...runtimeEnvironment(fn), ...fn.environment, ...settings.envOverrides },
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
      this.worker.stdout.resume();
      this.worker.stderr.resume();
    }
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    // An uncaught exception ends the process on Lambda too: the invocation fails, the environment is replaced.
    this.worker.on('error', (error) =>
      this.fail({
        errorType: error.name || 'Error',
        errorMessage: error.message,
        trace: String(error.stack ?? '').split('\n'),
      }),
    );
    this.worker.on('exit', (code) =>
      this.fail({
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: local Error: Runtime exited with error: exit status ${code}`,
      }),
    );
  }

  /** Runs one invocation of the event (JSON text); resolves with its result or error, Sandbox.Timedout after the function's timeout. */
  invoke(eventJson: string): Promise<LambdaInvokeResult> {
    const id = randomUUID();
    const { timeoutSeconds } = this.fn;
    const timeoutMs = timeoutSeconds * 1000;
    return new Promise<LambdaInvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.end();
        resolve({
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
          },
        });
      }, timeoutMs);
      this.pending = {
        id,
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      };
      this.worker.postMessage({
        id,
        requestId: id,
        event: eventJson,
        deadline: Date.now() + timeoutMs,
      });
    });
  }

  /** Ends the worker. */
  async terminate(): Promise<void> {
    this.ended = true;
    await this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    const pending = this.pending;
    if (pending === undefined || pending.id !== message.id) return;
    this.pending = undefined;
    // A failed init leaves the handler's module errored in this worker: the next invocation needs a fresh one.
    if (message.initFailed) this.end();
    const timing = message.initDurationMs === undefined ? {} : { initDurationMs: message.initDurationMs };
    pending.resolve(
      message.error
        ? { error: message.error, ...timing }
        : { payload: JSON.parse(message.payload ?? 'null'), ...timing },
    );
  }

  private fail(error: LambdaFunctionError): void {
    this.end();
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ error });
  }

  // Once only: the owner drops this environment and terminates it.
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this);
  }
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
