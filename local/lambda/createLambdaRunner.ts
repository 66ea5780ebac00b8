// Runs the template's functions locally from their bundles, as Lambda does: each execution
// environment (executionEnvironment.ts) is a worker_thread that imports the handler once (the cold
// start) and then serves invocations one at a time; concurrent invocations get more environments,
// up to the function's limits, and idle ones retire (environmentPool.ts). A timeout ends the
// environment. What Lambda's Invoke API refuses before any code runs is a LambdaServiceError
// (lambdaErrors.ts): an unknown function, a payload over 6 MB, a throttle.
import { EnvironmentPool } from './environmentPool.ts';
import type { ScalingSettings } from './environmentPool.ts';
import type { EnvironmentSettings, LambdaInvokeResult } from './executionEnvironment.ts';
import { FunctionNotFoundError, MAX_SYNC_PAYLOAD_BYTES, RequestTooLargeError } from './lambdaErrors.ts';
import type { LambdaFunctionDefinition } from './loadLambdaFunctions.ts';

export type { LambdaFunctionError, LambdaInvokeResult } from './executionEnvironment.ts';
export { FunctionNotFoundError } from './lambdaErrors.ts';

export type LambdaRunnerOptions = EnvironmentSettings & ScalingSettings;

export interface LambdaRunner {
  readonly functions: LambdaFunctionDefinition[];
  /** The function a name, logical ID, ARN or partial ARN designates, if any. */
  find(nameOrArn: string): LambdaFunctionDefinition | undefined;
  /**
   * Invokes synchronously (RequestResponse). Rejects with a LambdaServiceError where Lambda's
   * Invoke API would answer an error: no such function, a payload over 6 MB, throttled.
   */
  invoke(nameOrArn: string, event: unknown): Promise<LambdaInvokeResult>;
  /** How many execution environments the function has now. */
  environments(nameOrArn: string): number;
  /** Ends every execution environment. */
  close(): Promise<void>;
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
  const pool = new EnvironmentPool(options, options);
  let closed = false;
  return {
    functions,
    find: (nameOrArn) => findFunction(functions, nameOrArn),
    async invoke(nameOrArn, event) {
      if (closed) throw new Error('The Lambda runner is closed.');
      const fn = findFunction(functions, nameOrArn);
      if (fn === undefined) throw new FunctionNotFoundError(nameOrArn);
      const eventJson = JSON.stringify(event ?? null);
      // Lambda refuses the request before it reaches an environment (quotas: 6 MB synchronous payload).
      if (Buffer.byteLength(eventJson) > MAX_SYNC_PAYLOAD_BYTES) throw new RequestTooLargeError();
      return pool.invoke(fn, eventJson);
    },
    environments(nameOrArn) {
      const fn = findFunction(functions, nameOrArn);
      return fn === undefined ? 0 : pool.size(fn);
    },
    async close() {
      closed = true;
      await pool.closeAll();
    },
  };
}
