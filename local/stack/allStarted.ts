import type { StopList } from './stopList.ts';

/**
 * Like Promise.all over service starts, but every service that did start has its `stop`
 * registered before the first failure is rethrown, so a failed start leaves no process (DynamoDB
 * Local's JVM) behind.
 */
export async function allStarted<const T extends readonly Promise<unknown>[]>(
  stops: Pick<StopList, 'add'>,
  starts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starts);
  for (const outcome of settled) {
    const stop =
      outcome.status === 'fulfilled' ? (outcome.value as { stop?: () => Promise<void> } | undefined)?.stop : undefined;
    if (stop) stops.add(stop);
  }
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
