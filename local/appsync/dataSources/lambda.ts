// The AppSync Lambda data source: the request handler returns
// { operation: 'Invoke' | 'BatchInvoke', payload?, invocationType? } and the function receives
// `payload` as its event; ctx.result is what the function returned. A function error becomes
// ctx.error { type: 'Lambda:Unhandled', message: errorMessage } (docs/appsync-facts.md §5), which
// the response handler must re-raise.
import { FunctionNotFoundError } from '../../lambda/createLambdaRunner.ts';
import type { LambdaRunner } from '../../lambda/createLambdaRunner.ts';
import { stderrFaults } from '../../http/internalFaults.ts';
import type { InternalFaultSink } from '../../http/internalFaults.ts';
import type { DataSource, DataSourceOutcome } from '../runtime/contract.ts';

export interface LambdaDataSourceOptions {
  /** The data source name from the template. */
  name: string;
  /** The function's name, logical ID or ARN (the data source's LambdaConfig.LambdaFunctionArn). */
  functionName: string;
  runner: LambdaRunner;
  /** Where a runner that refuses an Event invocation is reported (default: stderr). */
  faults?: InternalFaultSink;
}

/** Creates an AWS_LAMBDA data source that invokes `functionName` through the local runner. */
export function createLambdaDataSource({
  name,
  functionName,
  runner,
  faults = stderrFaults,
}: LambdaDataSourceOptions): DataSource {
  return {
    name,
    type: 'AWS_LAMBDA',
    async invoke(request: unknown): Promise<DataSourceOutcome> {
      const requestObject = (request ?? {}) as { operation?: unknown; payload?: unknown; invocationType?: unknown };
      const operation = requestObject.operation;
      if (operation !== 'Invoke' && operation !== 'BatchInvoke') {
        return {
          error: {
            type: 'MappingTemplate',
            message: `Unsupported operation '${String(operation)}': a Lambda request's operation is Invoke or BatchInvoke.`,
          },
        };
      }
      const payload = requestObject.payload ?? null;
      // Without a batch size configured, AppSync sends a BatchInvoke as a list of one payload and
      // expects a list of one result back.
      const event = operation === 'BatchInvoke' ? [payload] : payload;
      try {
        if (requestObject.invocationType === 'Event') {
          // Lambda refuses an unknown function at once for Event invocations too; what the function
          // later does never reaches AppSync, and must not surface as an unhandled rejection here.
          if (runner.find(functionName) === undefined) throw new FunctionNotFoundError(functionName);
          runner.invoke(functionName, event).catch((error: unknown) =>
            faults({
              component: 'AppSync Lambda data source',
              activity: `the Event invocation of ${functionName}`,
              error,
            }),
          );
          return { result: null };
        }
        const outcome = await runner.invoke(functionName, event);
        if (outcome.error) return { error: { type: 'Lambda:Unhandled', message: outcome.error.errorMessage } };
        const result =
          operation === 'BatchInvoke' && Array.isArray(outcome.payload)
            ? (outcome.payload[0] ?? null)
            : (outcome.payload ?? null);
        return { result };
      } catch (error) {
        return {
          error: { type: `Lambda:${(error as Error).name || 'ServiceException'}`, message: (error as Error).message },
        };
      }
    },
  };
}
