// Stands in for `semver` in the Lambda bundles (cdk/lambda/bundleLambda.ts aliases it). The only
// importer is the X-Ray SDK under Powertools' Tracer, whose AWS SDK v2 patcher (captureAWS, which
// nothing here calls: our clients are SDK v3) compares the v2 SDK's version with `gte`. The real
// package weighs about 29 KB minified in every function; this is the one comparison it is used for.

/** Whether version `a` is at least `b` (plain `major.minor.patch`; pre-release tags are ignored). */
export function gte(a: string, b: string): boolean {
  const parts = (version: string) => version.split(/[.+-]/, 3).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) {
    if ((left[i] ?? 0) !== (right[i] ?? 0)) return (left[i] ?? 0) > (right[i] ?? 0);
  }
  return true;
}
