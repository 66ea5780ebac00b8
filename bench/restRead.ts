// The REST shim's public read (GET /profiles/{username}: the HTTP API, the REST function, then the
// same GraphQL read) against the GraphQL read itself. The route throttles at 25 req/s (burst 50),
// so the two are compared one request at a time, alternating and paced under the throttle: req/s
// here is 1 / mean latency, what one client gets from each.
import type { LocalOutputs } from '../local/index.ts';
import { summarize } from './measure.ts';
import type { LoadResult } from './measure.ts';
import { graphqlProfileRead } from './publicRead.ts';
import type { SeededProfile } from './seed.ts';

// One request every 25 ms at most, alternating: a REST read every 50 ms at most, 20 req/s, under the route's 25.
const PACE_MS = 25;

/** One GET /profiles/{username}; throws unless it answers 200 with every link. */
export function restProfileRead(restUrl: string, seeded: SeededProfile): () => Promise<void> {
  return async () => {
    const res = await fetch(`${restUrl}/profiles/${seeded.username}`);
    const body = (await res.json()) as { links?: unknown[] };
    if (res.status !== 200 || body.links?.length !== seeded.linkCount)
      throw new Error(`GET /profiles answered ${res.status}: ${JSON.stringify(body)}`);
  };
}

/** Alternates the two reads `count` times each after `warmup`; [REST, GraphQL], req/s as 1 / mean latency. */
export async function measureRestAgainstGraphql(
  outputs: LocalOutputs & { restUrl: string },
  seeded: SeededProfile,
  count: number,
  warmup: number,
): Promise<[LoadResult, LoadResult]> {
  const tasks = [restProfileRead(outputs.restUrl, seeded), graphqlProfileRead(outputs, seeded)];
  const samples: number[][] = [[], []];
  for (let i = 0; i < warmup + count; i += 1) {
    for (const [index, task] of tasks.entries()) {
      const at = performance.now();
      await task();
      const took = performance.now() - at;
      if (i >= warmup) samples[index].push(took);
      if (took < PACE_MS) await new Promise((resolve) => setTimeout(resolve, PACE_MS - took));
    }
  }
  const [rest, graphql] = samples.map((latencies) =>
    summarize(
      latencies,
      latencies.reduce((sum, ms) => sum + ms, 0),
    ),
  );
  return [rest, graphql];
}
