// The adopting stage passes the deploy gate the other stages pass: cfn-lint with no error and no
// warning, CDK's built-in CloudFormation validation, and cdk-nag AwsSolutions; the import template
// too. `npm run adopt -- --plan` writes what `cdk import` reads and prints the stage's runbook.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeAdoptionPlan } from '../../ops/adopt/cli.ts';
import type { WrittenPlan } from '../../ops/adopt/cli.ts';
import { synthesizeStack } from './fixtures/synthesizeStack.ts';
import { testTempDir } from '../support/tempDirs.ts';

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const cfnLintMissing = cfnLint.error !== undefined || cfnLint.status !== 0;
if (cfnLintMissing)
  console.warn(
    'adoption gate: cfn-lint is not on PATH — the cfn-lint check is SKIPPED (install cfn-lint 1.x to run it).',
  );

let synthesized: ReturnType<typeof synthesizeStack>;
let templateFile: string;
let written: WrittenPlan;

beforeAll(() => {
  // An alarm address, as a deploy passes it with -c alarmEmail=…; without one the stage warns (noAlarmSubscriber).
  synthesized = synthesizeStack({ stage: 'adopt', validate: true, context: { alarmEmail: 'alarms@example.com' } });
  synthesized.app.synth();
  templateFile = join(synthesized.outdir, `${synthesized.stack.artifactId}.template.json`);
  written = writeAdoptionPlan('adopt', testTempDir('prolynk-plan-'), new Date('2026-01-02T00:00:00Z'));
}, 240_000);

describe('the adopting stage’s deploy gate', () => {
  it.skipIf(cfnLintMissing)('passes cfn-lint: the full template and the import template', { timeout: 120_000 }, () => {
    // W3005 (CDK's Lambda functions DependsOn the role their Role GetAtt already names) is a CDK
    // pattern every stage shares; the stage work suppresses it at its source (nodeFunction).
    const result = spawnSync(
      'cfn-lint',
      ['--format', 'parseable', templateFile, written.importTemplateFile, '--ignore-checks', 'W3005'],
      { encoding: 'utf8' },
    );
    expect(result.error).toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it("passes CDK's built-in CloudFormation validation", () => {
    const report = JSON.parse(readFileSync(join(synthesized.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
  });

  it('passes cdk-nag AwsSolutions with every acknowledged finding given a reason', () => {
    const report = new AwsSolutionsChecks(synthesized.app).validateScope(synthesized.app);
    expect(
      report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
  });
});

describe('npm run adopt -- --stage adopt --plan', () => {
  it('writes the resource mapping cdk import reads and the import template', () => {
    expect(JSON.parse(readFileSync(written.mappingFile, 'utf8'))).toEqual(written.plan.mapping);
    const importTemplate = JSON.parse(readFileSync(written.importTemplateFile, 'utf8'));
    expect(importTemplate.Resources).toEqual(written.plan.importTemplate.Resources);
    expect(written.mappingFile).toMatch(/adopt\.import-mapping\.json$/);
  });

  it("prints each step with the stage's own commands and names", () => {
    const text = written.text;
    for (const step of [
      '1. Back up',
      '2. Import',
      '3. Deploy',
      '4. Never changed in place',
      '5. Migrate',
      '6. Verify',
      '7. Roll back',
    ])
      expect(text).toContain(step);
    expect(text).toContain(
      'aws dynamodb create-backup --table-name prolynk-links --backup-name prolynk-links-before-adoption-20260102',
    );
    expect(text).toContain('npx cdk import --app "npx tsx cdk/adopt/importApp.ts" -c stage=adopt --resource-mapping');
    expect(text).toContain('npm run deploy -- -c stage=adopt ProLynk-adopt');
    expect(text).toMatch(
      /ProfilesTable\w+ +\+DeletionProtectionEnabled \+PointInTimeRecoverySpecification \+StreamSpecification/,
    );
    expect(text).toMatch(
      /AWS::Cognito::UserPool Schema: Cognito can add custom attributes but never change or remove one/,
    );
    expect(text).toContain('placeholder values');
    expect(text).not.toContain('BLOCKED');
  });
});
