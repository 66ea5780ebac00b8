// The `runtime` global: runtime.earlyReturn stops the handler (docs/appsync-facts.md §1.6).
import { EarlyReturnSignal } from './contract.ts';

/** Creates the `runtime` global whose earlyReturn throws EarlyReturnSignal for the evaluator. */
export function createRuntimeGlobal(): Record<string, unknown> {
  return {
    earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never {
      const skipTo = options?.skipTo;
      if (skipTo !== undefined && skipTo !== 'END' && skipTo !== 'NEXT') {
        throw new TypeError(`runtime.earlyReturn: skipTo must be 'END' or 'NEXT', got ${JSON.stringify(skipTo)}`);
      }
      throw new EarlyReturnSignal(value, skipTo);
    },
  };
}
