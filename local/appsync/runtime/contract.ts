// The contract between the pieces of the local APPSYNC_JS runtime: the `util`/`runtime`/
// `extensions` globals (runtime/util/…), the sandbox that evaluates a bundle (runtime/sandbox.ts),
// the resolver/pipeline evaluator (engine/…) and the data sources (dataSources/…).
//
// Handlers are synchronous and JavaScript is single-threaded, so the per-call state that `util`
// needs (appended errors, identity for authType, extension calls) lives in one Invocation that the
// evaluator installs before calling a handler and removes afterwards.
import type { SourceLocation } from './logLocation.ts';

/** A field error as AppSync reports it (util.error / util.appendError / data-source errors). */
export interface FieldError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** What AppSync records when a handler calls one of the `extensions.*` functions. */
export interface ExtensionCall {
  name: 'evictFromApiCache' | 'setSubscriptionFilter' | 'setSubscriptionInvalidationFilter' | 'invalidateSubscriptions';
  args: unknown[];
}

/** Which handler is running; `extensions.*` functions are only legal in some of them. */
export interface HandlerSite {
  parentTypeName: string;
  fieldName: string;
  /** 'resolver' for a unit/pipeline resolver's handlers, 'function' for a pipeline function. */
  kind: 'resolver' | 'function';
  handler: 'request' | 'response';
}

/** The mutable per-call state `util`, `runtime` and `extensions` read and write. */
export interface Invocation {
  site: HandlerSite;
  /** ctx.identity as the handler sees it (null for API key), used by util.authType(). */
  identity: unknown;
  /** util.appendError records here. */
  appendedErrors: FieldError[];
  extensionCalls: ExtensionCall[];
  /** util.http.addResponseHeader(s); last write of a name wins. */
  responseHeaders: Record<string, string>;
  /** console.log / console.error lines from the handler. */
  logs: { level: 'log' | 'error'; message: string; location?: SourceLocation }[];
}

/**
 * Thrown by util.error / util.unauthorized to abort the handler. Never seen by resolver code:
 * APPSYNC_JS has no try/catch, so only the evaluator catches it.
 */
export class UtilErrorSignal extends Error {
  constructor(readonly fieldError: FieldError) {
    super(fieldError.message);
    this.name = 'UtilErrorSignal';
  }
}

/** Thrown by runtime.earlyReturn to stop the handler and use `value` as its result. */
export class EarlyReturnSignal extends Error {
  constructor(
    readonly value: unknown,
    readonly skipTo: 'END' | 'NEXT' | undefined,
  ) {
    super('runtime.earlyReturn');
    this.name = 'EarlyReturnSignal';
  }
}

/** Hands the running Invocation to `util`/`runtime`/`extensions`; throws if none is installed. */
export interface InvocationSource {
  current(): Invocation;
}

/** The error a data source reports: becomes ctx.error = { message, type }. */
export interface DataSourceError {
  message: string;
  type: string;
}

/**
 * The outcome of sending one request object to a data source. Usually one of the two; a cancelled
 * DynamoDB transaction has both (ctx.error, and ctx.result with its cancellationReasons).
 */
export interface DataSourceOutcome {
  result?: unknown;
  error?: DataSourceError;
}

/** A data source (DynamoDB, Lambda, NONE): takes the request handler's return value. */
export interface DataSource {
  readonly name: string;
  readonly type: 'AMAZON_DYNAMODB' | 'AWS_LAMBDA' | 'NONE' | 'HTTP';
  invoke(request: unknown, context: DataSourceCallContext): Promise<DataSourceOutcome>;
}

/** What a data source may need besides the request (a Lambda data source sends it on). */
export interface DataSourceCallContext {
  arguments: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  info: { fieldName: string; parentTypeName: string; variables: Record<string, unknown> };
  stash: Record<string, unknown>;
  prev: { result: unknown } | undefined;
  request: { headers: Record<string, unknown> };
}
