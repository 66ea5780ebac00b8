// Builds the per-call Invocation the evaluator would install, for tests of the runtime globals.
import type { HandlerSite, Invocation, InvocationSource } from '../../../local/appsync/runtime/contract.ts';

/** A fresh invocation at `site` (a Query resolver's request handler unless told otherwise). */
export function invocation(overrides: { site?: Partial<HandlerSite>; identity?: unknown } = {}): Invocation {
  return {
    site: { parentTypeName: 'Query', fieldName: 'profile', kind: 'resolver', handler: 'request', ...overrides.site },
    identity: overrides.identity ?? null,
    appendedErrors: [],
    extensionCalls: [],
    responseHeaders: {},
    logs: [],
  };
}

/** An InvocationSource that always hands out `current`. */
export function sourceOf(current: Invocation): InvocationSource {
  return { current: () => current };
}
