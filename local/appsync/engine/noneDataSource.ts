// The NONE data source: "the value of the payload field will be forwarded to the function
// response handler and set on the context.result property"; payload is optional
// (resolver-reference-none-js [D]).
import type { DataSource, DataSourceOutcome } from '../runtime/contract.ts';

/** Creates a NONE data source whose result is the request's `payload` (null when absent). */
export function createNoneDataSource(name: string): DataSource {
  return {
    name,
    type: 'NONE',
    invoke(request: unknown): Promise<DataSourceOutcome> {
      const payload =
        request !== null && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
      return Promise.resolve({ result: payload ?? null });
    },
  };
}
