// util.math (docs/appsync-facts.md §1.5).

/** Creates util.math with an injectable random source. */
export function createMathUtils(random: () => number): Record<string, unknown> {
  return {
    // Java Math.round: halves round towards positive infinity, which Math.round also does.
    roundNum: (n: number): number => Math.round(Number(n)),
    minVal: (a: number, b: number): number => Math.min(Number(a), Number(b)),
    maxVal: (a: number, b: number): number => Math.max(Number(a), Number(b)),
    randomDouble: (): number => random(),
    // An integer in [start, end]; the bounds are inclusive [?].
    randomWithinRange: (start: number, end: number): number => {
      const lo = Math.ceil(Math.min(Number(start), Number(end)));
      const hi = Math.floor(Math.max(Number(start), Number(end)));
      return lo + Math.floor(random() * (hi - lo + 1));
    },
  };
}
