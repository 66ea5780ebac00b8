// AppSync's EvaluateCode, offline: one handler of APPSYNC_JS code evaluated against a context map
// by the same runtime that serves the local API (lint, sandbox, util, runtime.earlyReturn). The
// answer carries what the handler returned (`evaluationResult`, JSON), the error that stopped it,
// its console lines (`logs`, "INFO - code.js:13:5: …" as in AWS's guide), the stash and the errors
// it appended (`outErrors`), each as a JSON string (API_EvaluateCode; docs/appsync-facts.md §3).
import { EarlyReturnSignal, UtilErrorSignal } from '../runtime/contract.ts';
import type { FieldError, Invocation } from '../runtime/contract.ts';
import { CodeRejectedError } from '../runtime/codeErrors.ts';
import { createAppSyncGlobals } from '../runtime/globals.ts';
import { createInvocationStack } from '../runtime/invocationStack.ts';
import { lintBundleMessages } from '../runtime/lintBundle.ts';
import { compileBundle } from '../runtime/sandbox.ts';
import type { CompiledHandlers } from '../runtime/sandbox.ts';
import { codeErrorDetail, lintCodeErrors, unlocatedCodeErrors } from './codeErrorReport.ts';
import type { EvaluateCodeErrorDetail } from './codeErrorReport.ts';
import type { EvaluateCodeRequest } from './evaluateCodeRequest.ts';
import { evaluationContext } from './evaluationContext.ts';

/** EvaluateCodeResponse (API_EvaluateCode, Response Elements). */
export interface EvaluateCodeResponse {
  evaluationResult?: string;
  error?: EvaluateCodeErrorDetail;
  logs?: string[];
  stash?: string;
  outErrors?: string;
}

/** Clock and randomness for util.time / util.autoId, injectable for tests. */
export interface EvaluateCodeOptions {
  now?: () => number;
  random?: () => number;
}

/** Evaluates `request.function` of `request.code` against `request.context`. */
export function evaluateCode(request: EvaluateCodeRequest, options: EvaluateCodeOptions = {}): EvaluateCodeResponse {
  const lintErrors = lintCodeErrors(request.code, lintBundleMessages(request.code));
  if (lintErrors.length > 0) return { error: codeErrorDetail(lintErrors) };

  const invocations = createInvocationStack();
  let handlers: CompiledHandlers;
  try {
    handlers = compileBundle(request.code, 'code', createAppSyncGlobals(invocations, options), {
      invocations,
      evaluateCodeLogs: true,
    });
  } catch (error) {
    if (error instanceof CodeRejectedError) return { error: codeErrorDetail(unlocatedCodeErrors(error.details)) };
    throw error;
  }
  const handler = handlers[request.function];
  // AppSync requires both handlers to be exported; the wording is not recorded [?].
  if (!handler) return { error: { message: `The code does not export a ${request.function} function.` } };

  const ctx = evaluationContext(request.context);
  const info = ctx.info;
  const invocation: Invocation = {
    site: {
      parentTypeName: info.parentTypeName,
      fieldName: info.fieldName,
      kind: 'resolver',
      handler: request.function,
    },
    identity: ctx.identity,
    appendedErrors: [],
    extensionCalls: [],
    responseHeaders: {},
    logs: [],
  };
  const outcome = run(() => invocations.run(invocation, () => handler(ctx)));
  const lines = request.code.split('\n');
  return {
    ...outcome,
    logs: invocation.logs.map(({ level, message, location }) => {
      const at = location ? `:${location.line}:${callStartColumn(lines, location)}` : '';
      return `${level === 'error' ? 'ERROR' : 'INFO'} - code.js${at}: ${message}`;
    }),
    stash: JSON.stringify(ctx.stash),
    outErrors: JSON.stringify(invocation.appendedErrors.map(outError)),
  };
}

function run(call: () => unknown): Pick<EvaluateCodeResponse, 'evaluationResult' | 'error'> {
  try {
    return { evaluationResult: JSON.stringify(call() ?? null) };
  } catch (thrown) {
    // runtime.earlyReturn(value) ends the handler with `value` as its result (docs/appsync-facts.md §1.6).
    if (thrown instanceof EarlyReturnSignal) return { evaluationResult: JSON.stringify(thrown.value ?? null) };
    // util.error / util.unauthorized: the message alone ("Unauthorized", docs/appsync-facts.md §1.1 [O]).
    if (thrown instanceof UtilErrorSignal) return { error: { message: thrown.fieldError.message } };
    // An exception in the code itself; AWS's wording is not recorded [?].
    const described =
      thrown !== null && typeof thrown === 'object' && 'message' in thrown
        ? `${String((thrown as { name?: unknown }).name ?? 'Error')}: ${String((thrown as { message: unknown }).message)}`
        : String(thrown);
    return { error: { message: described } };
  }
}

// An appended error as the GraphQL response would carry it, without path and locations.
function outError(error: FieldError) {
  return { data: error.data, errorType: error.errorType, errorInfo: error.errorInfo, message: error.message };
}

// V8 places a call `console.log(…)` at `log`; AWS's guide shows the column where `console` starts
// ("INFO - code.js:13:5" for a line indented by four spaces).
function callStartColumn(lines: string[], location: { line: number; column: number }): number {
  const before = (lines[location.line - 1] ?? '').slice(0, location.column - 1);
  const receiver = /console\s*\.\s*$/.exec(before);
  return receiver ? receiver.index + 1 : location.column;
}
