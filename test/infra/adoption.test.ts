// The adopting stage (cdk/config/stages.ts `adopt`, cdk/adopt/): the stack takes the running
// seed system's tables, bucket and user pool over and must never replace or empty one. Replacing
// them would leave the stack serving a new, empty table or pool: every user's data and account
// gone from the product. The seed's definitions (cdk/adopt/seedResources.ts, from the seed's own
// documentation) are the fixtures; the properties compared are those CloudFormation cannot
// change in place (cdk/adopt/replacement.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { addImportStack } from '../../cdk/adopt/importStack.ts';
import { importPlan } from '../../cdk/adopt/importPlan.ts';
import type { ImportPlan, Template } from '../../cdk/adopt/importPlan.ts';
import { FIXED_PROPERTIES, fixedPropertyChanges } from '../../cdk/adopt/replacement.ts';
import { seedResources } from '../../cdk/adopt/seedResources.ts';
import { stageConfig } from '../../cdk/config/stages.ts';
import type { AdoptionTargets } from '../../cdk/adopt/adoptionTargets.ts';
import { synthesizeStack } from './fixtures/synthesizeStack.ts';
import { testTempDir } from '../support/tempDirs.ts';

const targets = stageConfig('adopt').adopt as AdoptionTargets;
let template: Template;
let plan: ImportPlan;

beforeAll(() => {
  const { app, stack, outdir } = synthesizeStack({ stage: 'adopt' });
  app.synth();
  template = JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), 'utf8')) as Template;
  plan = importPlan(template, targets, 'prolynk');
}, 120_000);

const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const clone = (): Template => JSON.parse(JSON.stringify(template));

describe('the adopting template', () => {
  it('finds every seed resource under the seed name and plans its import without a problem', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.imports.map((i) => i.role)).toEqual([
      'usersTable',
      'profilesTable',
      'linksTable',
      'assetsBucket',
      'userPool',
    ]);
  });

  it('keeps every replacement-causing property exactly as the seed defines it', () => {
    for (const seed of seedResources('prolynk')) {
      const imported = plan.imports.find((i) => i.role === seed.role);
      const full = template.Resources[imported?.logicalId as string].Properties ?? {};
      expect(fixedPropertyChanges(seed.type, seed.properties, full), seed.role).toEqual([]);
      for (const { property } of FIXED_PROPERTIES[seed.type])
        if (property in seed.properties) expect(full[property], `${seed.role} ${property}`).toBeDefined();
    }
  });

  it('retains and deletion-protects the tables, the bucket and the pool', () => {
    const stateful = [
      ...ofType('AWS::DynamoDB::Table'),
      ...ofType('AWS::S3::Bucket'),
      ...ofType('AWS::Cognito::UserPool'),
    ];
    // The five seed resources, plus the tables the stage creates new beside them: the two stats
    // tables and the account-jobs table (tombstones and export rate limits).
    const imported = plan.imports.map((i) => i.logicalId);
    expect(stateful.map(([id]) => id)).toEqual(expect.arrayContaining(imported));
    const created = stateful.filter(([id]) => !imported.includes(id));
    expect(created.map(([, r]) => r.Properties?.TableName).sort()).toEqual([
      'prolynk-account-jobs',
      'prolynk-stats',
      'prolynk-stats-visitors',
    ]);
    for (const [id, resource] of stateful) {
      expect([id, resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([id, 'Retain', 'Retain']);
    }
    for (const [, table] of ofType('AWS::DynamoDB::Table'))
      expect(table.Properties?.DeletionProtectionEnabled).toBe(true);
    expect(ofType('AWS::Cognito::UserPool')[0][1].Properties?.DeletionProtection).toBe('ACTIVE');
  });

  it('never empties one: no TTL, no expiry of current objects, no auto-delete of the bucket', () => {
    // Only the adopted tables hold users' data; the stats tables' day keys and the account-jobs
    // table's tombstones expire by design.
    const adoptedTables = plan.imports.filter((i) => i.role.endsWith('Table')).map((i) => i.logicalId);
    expect(adoptedTables).toHaveLength(3);
    for (const id of adoptedTables)
      expect(template.Resources[id].Properties?.TimeToLiveSpecification, id).toBeUndefined();
    const rules =
      (
        ofType('AWS::S3::Bucket')[0][1].Properties?.LifecycleConfiguration as
          | { Rules?: Record<string, unknown>[] }
          | undefined
      )?.Rules ?? [];
    // One rule expires objects: the account exports' private prefix, copies the stack wrote itself.
    const expiring = rules.filter((rule) => rule.ExpirationInDays !== undefined || rule.ExpirationDate !== undefined);
    expect(expiring.map((rule) => rule.Prefix)).toEqual(['exports/']);
    expect(Object.values(template.Resources).map((r) => r.Type)).not.toContain('Custom::S3AutoDeleteObjects');
  });

  it('is refused when a change would replace a seed resource or drop its retention', () => {
    const mutations: [string, (t: Template, id: (role: string) => string) => void, RegExp][] = [
      [
        'a table key',
        (t, id) =>
          ((t.Resources[id('profilesTable')].Properties as Record<string, unknown>).KeySchema = [
            { AttributeName: 'user_id', KeyType: 'HASH' },
          ]),
        /KeySchema/,
      ],
      [
        'a sort key type',
        (t, id) =>
          ((t.Resources[id('linksTable')].Properties as Record<string, unknown>).AttributeDefinitions = [
            { AttributeName: 'user_id', AttributeType: 'S' },
            { AttributeName: 'link_id', AttributeType: 'N' },
          ]),
        /AttributeDefinitions/,
      ],
      [
        'sign-in aliases',
        (t, id) =>
          ((t.Resources[id('userPool')].Properties as Record<string, unknown>).AliasAttributes = [
            'preferred_username',
          ]),
        /AliasAttributes/,
      ],
      [
        'username case sensitivity',
        (t, id) =>
          ((t.Resources[id('userPool')].Properties as Record<string, unknown>).UsernameConfiguration = {
            CaseSensitive: false,
          }),
        /UsernameConfiguration/,
      ],
      [
        'a custom attribute',
        (t, id) =>
          ((
            (t.Resources[id('userPool')].Properties as { Schema: { Name: string; Mutable: boolean }[] }).Schema.find(
              (a) => a.Name === 'username',
            ) as { Mutable: boolean }
          ).Mutable = true),
        /Schema/,
      ],
      [
        'a dropped custom attribute',
        (t, id) => (t.Resources[id('userPool')].Properties as { Schema: unknown[] }).Schema.pop(),
        /Schema/,
      ],
      ['the retention', (t, id) => (t.Resources[id('usersTable')].UpdateReplacePolicy = 'Delete'), /not retained/],
    ];
    for (const [what, mutate, problem] of mutations) {
      const changed = clone();
      mutate(changed, (role) => plan.imports.find((i) => i.role === role)?.logicalId as string);
      expect(importPlan(changed, targets, 'prolynk').problems.join('\n'), what).toMatch(problem);
    }
    const renamed = clone();
    const bucket = renamed.Resources[plan.imports[3].logicalId].Properties as Record<string, unknown>;
    bucket.BucketName = 'prolynk-assets-elsewhere';
    expect(importPlan(renamed, targets, 'prolynk').problems.join('\n')).toMatch(
      /no AWS::S3::Bucket named like the seed's assetsBucket/,
    );
  });

  it('refuses a stage whose names or ids do not match what the stack creates', () => {
    const wrong = {
      ...targets,
      tables: { ...targets.tables, links: 'prolynk-link' },
      userPool: { ...targets.userPool, arn: 'arn:aws:cognito-idp:eu-west-1:1:userpool/x' },
    };
    const problems = importPlan(template, wrong, 'prolynk').problems.join('\n');
    expect(problems).toMatch(/names "prolynk-link" but the stack would name it "prolynk-links"/);
    expect(problems).toMatch(/user pool ARN/);
  });
});

describe('the import', () => {
  it('maps each resource by its type’s identifier to the running resource', () => {
    const id = (role: string) => plan.imports.find((i) => i.role === role)?.logicalId as string;
    expect(plan.mapping).toEqual({
      [id('usersTable')]: { TableName: 'prolynk-users' },
      [id('profilesTable')]: { TableName: 'prolynk-profiles' },
      [id('linksTable')]: { TableName: 'prolynk-links' },
      [id('assetsBucket')]: { BucketName: `prolynk-assets-${targets.account}` },
      [id('userPool')]: { UserPoolId: targets.userPool.id },
    });
    for (const logicalId of Object.keys(plan.mapping)) expect(template.Resources[logicalId]).toBeDefined();
  });

  it("defines only the seed's resources, as they are (no stream, no PITR, no protection), retained", () => {
    const resources = Object.values(plan.importTemplate.Resources);
    expect(resources).toHaveLength(5);
    for (const resource of resources) {
      expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      for (const added of [
        'StreamSpecification',
        'PointInTimeRecoverySpecification',
        'DeletionProtectionEnabled',
        'DeletionProtection',
        'LambdaConfig',
      ])
        expect(resource.Properties).not.toHaveProperty(added);
    }
    expect(resources.map((r) => r.Properties)).toEqual(seedResources('prolynk').map((s) => s.properties));
  });

  it('leaves streams, PITR, deletion protection and the pool’s triggers to the follow-up deploy, resetting nothing', () => {
    const followUp = Object.fromEntries(plan.imports.map((i) => [i.role, i.followUp]));
    expect(followUp.profilesTable.added).toEqual(
      expect.arrayContaining(['StreamSpecification', 'PointInTimeRecoverySpecification', 'DeletionProtectionEnabled']),
    );
    expect(followUp.linksTable.added).toContain('StreamSpecification');
    expect(followUp.usersTable.added).not.toContain('StreamSpecification');
    expect(followUp.userPool.added).toEqual(expect.arrayContaining(['LambdaConfig', 'DeletionProtection']));
    for (const i of plan.imports) expect(i.followUp.reset, i.role).toEqual([]);
    expect(plan.touching.map((t) => t.type)).toEqual(
      expect.arrayContaining(['AWS::S3::BucketPolicy', 'AWS::Cognito::UserPoolClient']),
    );
  });

  it('deploys as the stage’s own stack, holding nothing but the imported resources', () => {
    const app = new App({ outdir: testTempDir('prolynk-import-') });
    const stack = addImportStack(app, plan, 'ProLynk-adopt', 'prolynk-adopt');
    const assembly = app.synth();
    const synthesized = assembly.getStackByName('prolynk-adopt').template as Template & Record<string, unknown>;
    expect(stack.stackName).toBe('prolynk-adopt');
    expect(Object.keys(synthesized).sort()).toEqual(['Description', 'Resources']);
    expect(synthesized.Resources).toEqual(plan.importTemplate.Resources);
  });
});
