// Calls one request or response handler inside its Invocation and classifies how it ended:
// a return value, runtime.earlyReturn, util.error, or a JavaScript exception.
import { EarlyReturnSignal, UtilErrorSignal } from '../runtime/contract.ts';
import type { FieldError, HandlerSite, Invocation } from '../runtime/contract.ts';
import type { InvocationStack } from '../runtime/invocationStack.ts';
import type { CompiledHandlers } from '../runtime/sandbox.ts';
import type { ResolverOutcome } from './resolverTypes.ts';

export type HandlerOutcome =
  | { kind: 'value'; value: unknown }
  | { kind: 'early'; value: unknown; skipTo: 'END' | 'NEXT' | undefined }
  | { kind: 'error'; error: FieldError };

/** The per-resolver records every handler of one field writes to. */
export type InvocationRecords = Omit<Invocation, 'site' | 'identity'>;

/** Creates empty records for one field resolution. */
export function createInvocationRecords(): InvocationRecords {
  return { appendedErrors: [], extensionCalls: [], responseHeaders: {}, logs: [] };
}

/** Runs `handlers[site.handler](ctx)`; a missing handler behaves like `fallback`. */
export function runHandler(
  handlers: CompiledHandlers,
  site: HandlerSite,
  ctx: unknown,
  identity: unknown,
  records: InvocationRecords,
  invocations: InvocationStack,
  fallback: () => unknown,
): HandlerOutcome {
  const handler = handlers[site.handler];
  if (!handler) return { kind: 'value', value: fallback() };
  const invocation: Invocation = { site, identity, ...records };
  try {
    return { kind: 'value', value: invocations.run(invocation, () => handler(ctx)) };
  } catch (thrown) {
    if (thrown instanceof EarlyReturnSignal) return { kind: 'early', value: thrown.value, skipTo: thrown.skipTo };
    if (thrown instanceof UtilErrorSignal)
      return { kind: 'error', error: unauthorizedAsAppSyncSays(thrown.fieldError, site) };
    return { kind: 'error', error: codeError(thrown, site, handlers.name) };
  }
}

// util.unauthorized() in a live request is reported as "Not Authorized to access <field> on type
// <Type>" (the same text as a directive denial, §5); only EvaluateCode shows the bare "Unauthorized".
function unauthorizedAsAppSyncSays(error: FieldError, site: HandlerSite): FieldError {
  if (error.message !== 'Unauthorized' || error.errorType !== 'Unauthorized') return error;
  return { ...error, message: `Not Authorized to access ${site.fieldName} on type ${site.parentTypeName}` };
}

// What AppSync reports for an exception in APPSYNC_JS code is not documented (docs/appsync-facts.md §5 [?]);
// like LocalStack we use errorType "Code", and the message names the handler so it can be found.
function codeError(thrown: unknown, site: HandlerSite, bundleName: string): FieldError {
  const described =
    thrown !== null && typeof thrown === 'object' && 'message' in thrown
      ? `${String((thrown as { name?: unknown }).name ?? 'Error')}: ${String((thrown as { message: unknown }).message)}`
      : String(thrown);
  const owner =
    site.kind === 'function' ? `function ${bundleName}` : `resolver ${site.parentTypeName}.${site.fieldName}`;
  return {
    message: `Runtime error in the ${site.handler} handler of ${owner}: ${described}`,
    errorType: 'Code',
    data: null,
    errorInfo: null,
  };
}

/** Packs what a resolver produced; an aborting error makes the field null. */
export function finish(records: InvocationRecords, data: unknown, abortedBy?: FieldError): ResolverOutcome {
  return {
    data: abortedBy ? null : (data ?? null),
    errors: abortedBy ? [...records.appendedErrors, abortedBy] : [...records.appendedErrors],
    aborted: abortedBy !== undefined,
    extensionCalls: records.extensionCalls,
    responseHeaders: records.responseHeaders,
    logs: records.logs,
  };
}
