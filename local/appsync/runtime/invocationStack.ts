// Handlers are synchronous, so "the invocation util is working for" is simply the one installed
// around the handler call that is running now (contract.ts).
import type { Invocation, InvocationSource } from './contract.ts';

/** An InvocationSource the evaluator fills around each handler call. */
export interface InvocationStack extends InvocationSource {
  run<T>(invocation: Invocation, call: () => T): T;
}

/** Creates the holder of the running Invocation that `util`/`runtime`/`extensions` read. */
export function createInvocationStack(): InvocationStack {
  const stack: Invocation[] = [];
  return {
    current(): Invocation {
      const invocation = stack[stack.length - 1];
      if (!invocation) throw new Error('No APPSYNC_JS handler is running');
      return invocation;
    },
    run<T>(invocation: Invocation, call: () => T): T {
      stack.push(invocation);
      try {
        return call();
      } finally {
        stack.pop();
      }
    },
  };
}
