// cdk.json's "context" (CDK's recommended feature flags, the default projectName) for an app that
// is not started by the CDK CLI: `npm run synth`, `npm start` and the tests run cdk/app.ts directly,
// and must synthesize exactly what `cdk synth` / `cdk deploy` would.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CDK_JSON = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cdk.json');

/** The context object of the repository's cdk.json. */
export function cdkJsonContext(): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}
