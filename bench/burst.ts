// The burst row (issue 9): 250 concurrent REST calls to a route backed by a function, all sent at
// once, with one `{ __typename }` GraphQL request sent in the same moment. It reports when the last
// call was answered, the status mix (200, or 429 from the stage's throttle, is what AWS would give),
// how long the __typename request took meanwhile, and the stack process's peak threads and memory
// (read from /proc on Linux, so the stack must be the child process whose pid is given).
import { readFileSync } from 'node:fs';
import type { LocalOutputs } from '../local/index.ts';
import type { SeededProfile } from './seed.ts';

/** What one burst measured. */
export interface BurstResult {
  calls: number;
  /** From the first call sent to the last answer, in ms. */
  lastAnswerMs: number;
  /** Count per HTTP status; 0 stands for a call that got no HTTP answer. */
  statuses: Record<number, number>;
  typenameMs: number;
  /** The __typename request answered before the burst's last call did. */
  typenameFirst: boolean;
  peakThreads?: number;
  peakRssMb?: number;
}

// No single call may hold the run for longer than this.
const CALL_TIMEOUT_MS = 120_000;
const SAMPLE_MS = 50;

/** Sends `calls` GET /profiles/{username} at once with one concurrent `{ __typename }`; `stackPid` is sampled. */
export async function measureBurst(
  outputs: LocalOutputs,
  seeded: SeededProfile,
  stackPid: number | undefined,
  calls = 250,
): Promise<BurstResult> {
  if (!outputs.restUrl) throw new Error('the stack serves no HTTP API');
  const peaks = samplePeaks(stackPid);
  const started = performance.now();
  const url = `${outputs.restUrl}/profiles/${seeded.username}`;
  const burst = Array.from({ length: calls }, () =>
    statusOf(fetch(url, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) })),
  );
  const typename = fetch(outputs.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': outputs.apiKey },
    body: JSON.stringify({ query: '{ __typename }' }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  }).then(async (res) => {
    await res.text();
    return performance.now();
  });
  const statuses = await Promise.all(burst);
  const lastAnswer = performance.now();
  const typenameAt = await typename;
  const peak = peaks.stop();
  const mix: Record<number, number> = {};
  for (const status of statuses) mix[status] = (mix[status] ?? 0) + 1;
  return {
    calls,
    lastAnswerMs: lastAnswer - started,
    statuses: mix,
    typenameMs: typenameAt - started,
    typenameFirst: typenameAt <= lastAnswer,
    ...peak,
  };
}

/** The burst as table rows. */
export function formatBurst(result: BurstResult): string {
  const mix = Object.entries(result.statuses)
    .map(([status, count]) => `${status === '0' ? 'no answer' : status}: ${count}`)
    .join(', ');
  const rows = [
    `| burst of ${result.calls} GET /profiles/{username} | value |`,
    '|---|---:|',
    `| time to last answer | ${(result.lastAnswerMs / 1000).toFixed(2)} s |`,
    `| status mix | ${mix} |`,
    `| concurrent { __typename } | ${result.typenameMs.toFixed(0)} ms${result.typenameFirst ? '' : ' (after the burst)'} |`,
    `| stack peak threads | ${result.peakThreads ?? 'n/a'} |`,
    `| stack peak RSS | ${result.peakRssMb === undefined ? 'n/a' : `${result.peakRssMb.toFixed(0)} MB`} |`,
  ];
  return rows.join('\n');
}

async function statusOf(response: Promise<Response>): Promise<number> {
  try {
    const res = await response;
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

// Threads and VmRSS of a Linux process, sampled until stopped; nothing where /proc is absent.
function samplePeaks(pid: number | undefined): { stop(): { peakThreads?: number; peakRssMb?: number } } {
  let peakThreads: number | undefined;
  let peakRssMb: number | undefined;
  const sample = () => {
    if (pid === undefined) return;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
      if (Number.isFinite(threads)) peakThreads = Math.max(peakThreads ?? 0, threads);
      if (Number.isFinite(rssKb)) peakRssMb = Math.max(peakRssMb ?? 0, rssKb / 1024);
    } catch {
      // Not Linux, or the process is gone: no numbers.
    }
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakThreads, peakRssMb };
    },
  };
}
