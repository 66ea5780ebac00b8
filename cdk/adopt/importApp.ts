// `cdk import --app "npx tsx cdk/adopt/importApp.ts" -c stage=<adopting stage> …` (README
// "Adopting the running ProLynk", step 2): synthesizes the stage's full stack to learn its
// logical ids, then the import stack (importStack.ts) in its place. `npm run adopt -- --plan`
// prints the exact command.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { stackIdFor, stackNameFor } from '../config/naming.ts';
import { createProLynkApp } from '../prolynkApp.ts';
import { addImportStack } from './importStack.ts';
import { importPlan } from './importPlan.ts';
import type { Template } from './importPlan.ts';

const scratch = mkdtempSync(join(tmpdir(), 'prolynk-import-'));
try {
  const { app: full, stack, stage, project } = createProLynkApp({ outdir: scratch });
  if (!stage.adopt)
    throw new Error(`Stage "${stage.name}" adopts nothing: it has no adopt section (cdk/config/stages.ts).`);
  full.synth();
  const template = JSON.parse(readFileSync(join(scratch, `${stack.artifactId}.template.json`), 'utf8')) as Template;
  const plan = importPlan(template, stage.adopt, project);
  if (plan.problems.length > 0)
    throw new Error(
      `Refusing to import:\n- ${plan.problems.join('\n- ')}\n(npm run adopt -- --stage ${stage.name} --plan explains)`,
    );
  const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  addImportStack(app, plan, stackIdFor(stage), stackNameFor(stage, project));
  app.synth();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
