// Closed-loop load at a fixed concurrency: N workers each send their next request as soon as the
// previous one answers, so throughput and latency describe the same run.

/** How much load, and the limits that keep a run bounded. */
export interface LoadOptions {
  concurrency: number;
  /** Requests measured after the warm-up. */
  count: number;
  /** Requests sent first and not measured (JIT, connection pools, DynamoDB Local's caches). */
  warmup: number;
  /** Stop early (measuring what was done) once this much time has passed. */
  maxMs: number;
}

/** What a run measured; latencies in milliseconds. */
export interface LoadResult {
  completed: number;
  elapsedMs: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

/** The p-th percentile (0–100) of ascending samples, nearest-rank method. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

async function drive(
  task: () => Promise<void>,
  concurrency: number,
  total: number,
  deadline: number,
  latencies?: number[],
): Promise<void> {
  let issued = 0;
  const worker = async () => {
    while (issued < total && performance.now() < deadline) {
      issued += 1;
      const started = performance.now();
      await task();
      latencies?.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Runs `task` under the given load and returns throughput and latency percentiles. */
export async function measureAtConcurrency(task: () => Promise<void>, options: LoadOptions): Promise<LoadResult> {
  const deadline = performance.now() + options.maxMs;
  await drive(task, options.concurrency, options.warmup, deadline);
  const latencies: number[] = [];
  const started = performance.now();
  await drive(task, options.concurrency, options.count, deadline, latencies);
  return summarize(latencies, performance.now() - started);
}

/** Throughput and latency percentiles of `latencies` (ms) measured over `elapsedMs`. */
export function summarize(latencies: number[], elapsedMs: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    completed: sorted.length,
    elapsedMs,
    requestsPerSecond: sorted.length / (elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}
