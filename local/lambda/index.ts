// The local Lambda runtime: functions from the template, run from their bundles (docs/architecture.md §5).
export { loadLambdaFunctions } from './loadLambdaFunctions.ts';
export type { LambdaFunctionDefinition } from './loadLambdaFunctions.ts';
export { createLambdaRunner, FunctionNotFoundError } from './createLambdaRunner.ts';
export type {
  LambdaFunctionError,
  LambdaInvokeResult,
  LambdaRunner,
  LambdaRunnerOptions,
} from './createLambdaRunner.ts';
export { createLambdaInvokeHandler } from './invoke.ts';
