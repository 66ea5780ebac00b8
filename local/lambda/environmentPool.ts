// The execution environments of every function: an idle one serves the next invocation, otherwise
// a new one starts (concurrent invocations get more environments); an environment that ended is
// dropped so the next invocation starts fresh.
import { ExecutionEnvironment } from './executionEnvironment.ts';
import type { EnvironmentSettings } from './executionEnvironment.ts';
import type { LambdaFunctionDefinition } from './loadLambdaFunctions.ts';

/** Environments by function logical ID. */
export class EnvironmentPool {
  private readonly byFunction = new Map<string, ExecutionEnvironment[]>();

  constructor(private readonly settings: EnvironmentSettings) {}

  /** An idle environment of `fn`, or a new one. */
  acquire(fn: LambdaFunctionDefinition): ExecutionEnvironment {
    const idle = this.environmentsOf(fn).find((candidate) => !candidate.busy);
    if (idle) return idle;
    const environment = new ExecutionEnvironment(fn, this.settings, (ended) => this.discard(ended));
    this.byFunction.set(fn.logicalId, [...this.environmentsOf(fn), environment]);
    return environment;
  }

  /** How many environments `fn` has now. */
  size(fn: LambdaFunctionDefinition): number {
    return this.environmentsOf(fn).length;
  }

  /** Ends every environment. */
  async closeAll(): Promise<void> {
    const all = [...this.byFunction.values()].flat();
    this.byFunction.clear();
    await Promise.all(all.map((environment) => environment.terminate()));
  }

  private discard(environment: ExecutionEnvironment): void {
    const { fn } = environment;
    this.byFunction.set(
      fn.logicalId,
      this.environmentsOf(fn).filter((candidate) => candidate !== environment),
    );
    void environment.terminate();
  }

  private environmentsOf(fn: LambdaFunctionDefinition): ExecutionEnvironment[] {
    return this.byFunction.get(fn.logicalId) ?? [];
  }
}
