// The execution environments of every function, as Lambda scales them (docs/architecture.md §5
// "Lambda"): an idle warm environment serves the next invocation (its module state kept); a
// concurrent invocation gets a new one; an environment idle for `idleMs` retires; one that ended
// (timeout, crash, failed init) is dropped so the next invocation starts fresh.
//
// Two limits, both per function:
// - Lambda's concurrency limit: the function's reserved concurrency (ReservedConcurrentExecutions),
//   else the account's unreserved concurrency. An invocation that would exceed it is throttled at
//   once with TooManyRequestsException, as Lambda does.
// - The local environment limit: how many worker threads one function may run at once on this
//   machine. Lambda would start another environment; locally an invocation within the concurrency
//   limit but beyond this one waits for the next environment to free up, so a burst costs latency
//   instead of hundreds of threads (and never an error AWS would not give).
import { ExecutionEnvironment } from './executionEnvironment.ts';
import type { EnvironmentSettings, LambdaInvokeResult } from './executionEnvironment.ts';
import { TooManyRequestsError } from './lambdaErrors.ts';
import type { LambdaFunctionDefinition } from './loadLambdaFunctions.ts';

/** How far functions scale locally; every value has a documented default (README "Lambda"). */
export interface ScalingSettings {
  /** Worker threads one function may run at once (default LOCAL_ENVIRONMENTS_PER_FUNCTION). */
  environmentsPerFunction?: number;
  /** The concurrency limit of a function without reserved concurrency (default: AWS's 1,000). */
  unreservedConcurrency?: number;
  /** How long an environment stays warm without an invocation (default 5 minutes). */
  idleMs?: number;
}

/** Local default: enough to overlap the I/O of concurrent invocations, few enough to keep the stack responsive. */
export const LOCAL_ENVIRONMENTS_PER_FUNCTION = 4;
// Lambda's default concurrent executions quota per account and Region (Lambda quotas).
const DEFAULT_UNRESERVED_CONCURRENCY = 1000;
// Lambda does not document how long idle environments live (observed: minutes); five is ours.
const DEFAULT_IDLE_MS = 5 * 60_000;

interface FunctionEnvironments {
  all: ExecutionEnvironment[];
  idle: Map<ExecutionEnvironment, NodeJS.Timeout>;
  /** Invocations admitted: running or waiting for an environment. */
  inFlight: number;
  waiting: { resolve: (environment: ExecutionEnvironment) => void; reject: (error: Error) => void }[];
}

/** Environments by function logical ID. */
export class EnvironmentPool {
  private readonly byFunction = new Map<string, FunctionEnvironments>();
  private closed = false;
  private readonly perFunction: number;
  private readonly unreserved: number;
  private readonly idleMs: number;

  constructor(
    private readonly settings: EnvironmentSettings,
    scaling: ScalingSettings = {},
  ) {
    this.perFunction = Math.max(1, scaling.environmentsPerFunction ?? LOCAL_ENVIRONMENTS_PER_FUNCTION);
    this.unreserved = scaling.unreservedConcurrency ?? DEFAULT_UNRESERVED_CONCURRENCY;
    this.idleMs = scaling.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** Runs one invocation of `fn` (event as JSON text) in an environment; rejects with TooManyRequestsError when throttled. */
  async invoke(fn: LambdaFunctionDefinition, eventJson: string): Promise<LambdaInvokeResult> {
    const state = this.stateOf(fn);
    const limit = fn.reservedConcurrency ?? this.unreserved;
    if (state.inFlight >= limit) {
      throw new TooManyRequestsError(
        fn.reservedConcurrency === undefined
          ? 'ConcurrentInvocationLimitExceeded'
          : 'ReservedFunctionConcurrentInvocationLimitExceeded',
      );
    }
    state.inFlight += 1;
    let environment: ExecutionEnvironment | undefined;
    try {
      environment = await this.acquire(fn, state);
      return await environment.invoke(eventJson);
    } finally {
      state.inFlight -= 1;
      if (environment) this.release(fn, state, environment);
    }
  }

  /** How many environments `fn` has now (busy or idle). */
  size(fn: LambdaFunctionDefinition): number {
    return this.byFunction.get(fn.logicalId)?.all.length ?? 0;
  }

  /** Ends every environment; invocations still waiting for one are rejected. */
  async closeAll(): Promise<void> {
    this.closed = true;
    const states = [...this.byFunction.values()];
    this.byFunction.clear();
    for (const state of states) {
      for (const timer of state.idle.values()) clearTimeout(timer);
      for (const waiter of state.waiting.splice(0)) waiter.reject(new Error('The Lambda runner is closed.'));
    }
    await Promise.all(states.flatMap((state) => state.all).map((environment) => environment.terminate()));
  }

  // An idle environment, a new one while under both limits, or the next one to free up.
  private acquire(fn: LambdaFunctionDefinition, state: FunctionEnvironments): Promise<ExecutionEnvironment> {
    const [idle] = state.idle.keys();
    if (idle) {
      clearTimeout(state.idle.get(idle));
      state.idle.delete(idle);
      return Promise.resolve(idle);
    }
    if (state.all.length < this.environmentLimit(fn)) return Promise.resolve(this.start(fn, state));
    return new Promise((resolve, reject) => state.waiting.push({ resolve, reject }));
  }

  // After an invocation: hand the environment to the next waiter, or let it idle until it retires.
  private release(fn: LambdaFunctionDefinition, state: FunctionEnvironments, environment: ExecutionEnvironment): void {
    if (this.closed) {
      void environment.terminate();
      return;
    }
    const next = state.waiting.shift();
    if (environment.ended) {
      if (next) next.resolve(this.start(fn, state));
      return;
    }
    if (next) {
      next.resolve(environment);
      return;
    }
    const timer = setTimeout(() => this.retire(state, environment), this.idleMs);
    timer.unref();
    state.idle.set(environment, timer);
  }

  private retire(state: FunctionEnvironments, environment: ExecutionEnvironment): void {
    state.idle.delete(environment);
    state.all = state.all.filter((candidate) => candidate !== environment);
    void environment.terminate();
  }

  private start(fn: LambdaFunctionDefinition, state: FunctionEnvironments): ExecutionEnvironment {
    const environment = new ExecutionEnvironment(fn, this.settings, (ended) => this.discard(state, ended));
    state.all.push(environment);
    return environment;
  }

  // An environment that ended mid-invocation: forget it; its invocation's release starts a replacement if needed.
  private discard(state: FunctionEnvironments, environment: ExecutionEnvironment): void {
    const timer = state.idle.get(environment);
    if (timer) clearTimeout(timer);
    state.idle.delete(environment);
    state.all = state.all.filter((candidate) => candidate !== environment);
    void environment.terminate();
  }

  private environmentLimit(fn: LambdaFunctionDefinition): number {
    return Math.min(this.perFunction, fn.reservedConcurrency ?? this.perFunction);
  }

  private stateOf(fn: LambdaFunctionDefinition): FunctionEnvironments {
    let state = this.byFunction.get(fn.logicalId);
    if (!state) {
      state = { all: [], idle: new Map(), inFlight: 0, waiting: [] };
      this.byFunction.set(fn.logicalId, state);
    }
    return state;
  }
}
