// `npm run adopt -- --stage <adopting stage> --plan`: synthesizes the stage, computes its import
// plan (cdk/adopt/importPlan.ts), writes the resource mapping `cdk import` reads and the import
// template, and prints the plan with the stage's commands for every step of the runbook. It
// never calls AWS: the import itself is run by hand, after the backups.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatPlan } from '../../cdk/adopt/formatPlan.ts';
import { importPlan } from '../../cdk/adopt/importPlan.ts';
import type { ImportPlan, Template } from '../../cdk/adopt/importPlan.ts';
import { stackIdFor, stackNameFor } from '../../cdk/config/naming.ts';
import { createProLynkApp } from '../../cdk/prolynkApp.ts';

const USAGE = 'Usage: npm run adopt -- --stage <name> --plan [--out DIR]   (DIR default cdk.out)';

/** What a plan run wrote. */
export interface WrittenPlan {
  plan: ImportPlan;
  text: string;
  mappingFile: string;
  importTemplateFile: string;
}

/** Synthesizes `stageName`, computes its plan and writes the mapping and import template into `outDir`. */
export function writeAdoptionPlan(stageName: string, outDir: string, today = new Date()): WrittenPlan {
  const scratch = mkdtempSync(join(tmpdir(), 'prolynk-adopt-'));
  try {
    const { app, stack, stage, project } = createProLynkApp({ outdir: scratch, context: { stage: stageName } });
    if (!stage.adopt)
      throw new Error(`Stage "${stage.name}" adopts nothing: give it an adopt section in cdk/config/stages.ts.`);
    app.synth();
    const template = JSON.parse(readFileSync(join(scratch, `${stack.artifactId}.template.json`), 'utf8')) as Template;
    const plan = importPlan(template, stage.adopt, project);
    mkdirSync(outDir, { recursive: true });
    const mappingFile = join(outDir, `${stage.name}.import-mapping.json`);
    const importTemplateFile = join(outDir, `${stage.name}.import.template.json`);
    writeFileSync(mappingFile, `${JSON.stringify(plan.mapping, null, 2)}\n`);
    writeFileSync(
      importTemplateFile,
      `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', ...plan.importTemplate }, null, 2)}\n`,
    );
    const text = formatPlan(plan, stage.adopt, {
      stage: stage.name,
      stackId: stackIdFor(stage),
      stackName: stackNameFor(stage, project),
      project,
      mappingFile: relative(process.cwd(), mappingFile),
      importTemplateFile: relative(process.cwd(), importTemplateFile),
      today: today.toISOString().slice(0, 10).replaceAll('-', ''),
    });
    return { plan, text, mappingFile, importTemplateFile };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function main(): number {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string' },
      plan: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.stage) throw new Error(`--stage is required.\n${USAGE}`);
  const written = writeAdoptionPlan(values.stage, resolve(values.out ?? 'cdk.out'));
  console.log(written.text);
  return written.plan.problems.length > 0 ? 2 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
