// Runs the template's functions locally from their bundles, as Lambda does: each execution
// environment (executionEnvironment.ts) is a worker_thread that imports the handler once (the cold
// start) and then serves invocations one at a time; concurrent invocations get more environments
// (environmentPool.ts). A timeout ends the environment.
import { EnvironmentPool } from './environmentPool.ts';
import type { EnvironmentSettings, LambdaInvokeResult } from './executionEnvironment.ts';
import type { LambdaFunctionDefinition } from './loadLambdaFunctions.ts';

export type { LambdaFunctionError, LambdaInvokeResult } from './executionEnvironment.ts';

export type LambdaRunnerOptions = EnvironmentSettings;

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

/** The function a name, logical ID, ARN or partial ARN ([arn:aws:lambda:region:]account:function:name[:qualifier]) designates. */
export function findFunction(
  functions: readonly LambdaFunctionDefinition[],
  nameOrArn: string,
): LambdaFunctionDefinition | undefined {
  const marker = nameOrArn.indexOf('function:');
  const name = marker >= 0 ? nameOrArn.slice(marker + 'function:'.length).split(':')[0] : nameOrArn;
  return functions.find((fn) => fn.functionName === name || fn.logicalId === name);
}

/** Creates a runner for `functions`; environments start lazily on first invocation. */
export function createLambdaRunner(
  functions: LambdaFunctionDefinition[],
  options: LambdaRunnerOptions = {},
): LambdaRunner {
  const pool = new EnvironmentPool(options);
  let closed = false;
  return {
    functions,
    find: (nameOrArn) => findFunction(functions, nameOrArn),
    async invoke(nameOrArn, event) {
      if (closed) throw new Error('The Lambda runner is closed.');
      const fn = findFunction(functions, nameOrArn);
      if (fn === undefined) throw new FunctionNotFoundError(nameOrArn);
      return pool.acquire(fn).invoke(event);
    },
    async close() {
      closed = true;
      await pool.closeAll();
    },
  };
}
