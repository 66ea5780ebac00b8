// Leaving ProLynk in the synthesized template: the account-jobs table, the tombstone's lifetime
// following the app client's tokens, the erasure worker's stream mapping, the reconciler's
// schedule, least privilege for the three functions, a private exports/ prefix, and every owner
// field of the API checking the tombstone first.
import { readFileSync } from 'node:fs';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINAL_SWEEP_DELAY_SECONDS, RECONCILE_EVERY } from '../../cdk/constructs/accountJobs.ts';
import { longestTokenLifetimeSeconds, tokenValiditySettings } from '../../cdk/constructs/tokenLifetime.ts';
import { UPLOAD_URL_TTL_SECONDS } from '../../functions/presign/createUploadUrl.ts';
import { SCHEMA_PATH, synthesizeStack } from './fixtures/synthesizeStack.ts';

let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;

beforeAll(() => {
  template = Template.fromStack(synthesizeStack().stack);
  resources = template.toJSON().Resources;
});

const byType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalId = (pattern: RegExp, type: string) => {
  const found = byType(type).filter(([id]) => pattern.test(id));
  expect(found, `${type} ${pattern}`).toHaveLength(1);
  return found[0][0];
};

/** Every statement of the policies attached to the role of the function `fnId`. */
function statementsOf(fnId: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const roleId = resources[fnId].Properties.Role['Fn::GetAtt'][0];
  return byType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}
const actionsOf = (fnId: string) =>
  statementsOf(fnId).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
const resourcesOf = (fnId: string, action: string) =>
  JSON.stringify(
    statementsOf(fnId)
      .filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action))
      .map((s) => s.Resource),
  );

describe('the account-jobs table', () => {
  it('keys jobs by sub and job, expires them by TTL, streams keys only, and is retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        TableName: 'prolynk-account-jobs',
        KeySchema: [
          { AttributeName: 'user_id', KeyType: 'HASH' },
          { AttributeName: 'job', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
        StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
      },
      DeletionPolicy: 'Retain',
    });
  });

  it("keeps a tombstone for the app client's longest token lifetime, for resolvers and functions alike", () => {
    const [, client] = byType('AWS::Cognito::UserPoolClient')[0];
    const longest = longestTokenLifetimeSeconds({
      accessTokenValidity: client.Properties.AccessTokenValidity,
      idTokenValidity: client.Properties.IdTokenValidity,
      refreshTokenValidity: client.Properties.RefreshTokenValidity,
      tokenValidityUnits: client.Properties.TokenValidityUnits,
    });
    expect(longest).toBe(30 * 86_400);
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: Match.objectLike({
        ACCOUNT_JOBS_TABLE: { Ref: logicalId(/^AccountJobsTable/, 'AWS::DynamoDB::Table') },
        TOMBSTONE_TTL_SECONDS: String(longest),
      }),
    });
    for (const fn of [/AccountJobsErasureFunction/, /AccountJobsReconcilerFunction/]) {
      expect(
        resources[logicalId(fn, 'AWS::Lambda::Function')].Properties.Environment.Variables.TOMBSTONE_TTL_SECONDS,
      ).toBe(String(longest));
    }
  });
});

describe('token lifetimes', () => {
  it("uses Cognito's defaults where the client sets none, and the client's own settings otherwise", () => {
    expect(longestTokenLifetimeSeconds({})).toBe(30 * 86_400);
    expect(
      longestTokenLifetimeSeconds({ refreshTokenValidity: 60, tokenValidityUnits: { refreshToken: 'minutes' } }),
    ).toBe(3_600);
    expect(longestTokenLifetimeSeconds({ refreshTokenValidity: 2 })).toBe(2 * 86_400);

    const stack = new Stack(new App(), 'Lifetimes');
    const pool = new UserPool(stack, 'Pool');
    const long = pool.addClient('Long', { refreshTokenValidity: Duration.days(90) });
    const short = pool.addClient('Short', {
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.minutes(60),
    });
    expect(longestTokenLifetimeSeconds(tokenValiditySettings(long))).toBe(90 * 86_400);
    expect(longestTokenLifetimeSeconds(tokenValiditySettings(short))).toBe(3_600);
  });
});

describe('the erasure worker and the reconciler', () => {
  it('runs the worker from the account-jobs stream from its start, retrying and reporting failed records', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(/^AccountJobsTable/, 'AWS::DynamoDB::Table'), 'StreamArn'] },
      FunctionName: { Ref: logicalId(/AccountJobsErasureFunction/, 'AWS::Lambda::Function') },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('sweeps a deleted account once more only after every URL it was handed could have written', () => {
    const env =
      resources[logicalId(/AccountJobsErasureFunction/, 'AWS::Lambda::Function')].Properties.Environment.Variables;
    const exportTimeout = resources[logicalId(/AccountJobsExportFunction/, 'AWS::Lambda::Function')].Properties.Timeout;
    expect(Number(env.FINAL_SWEEP_DELAY_SECONDS)).toBe(FINAL_SWEEP_DELAY_SECONDS);
    expect(FINAL_SWEEP_DELAY_SECONDS).toBeGreaterThan(UPLOAD_URL_TTL_SECONDS);
    expect(FINAL_SWEEP_DELAY_SECONDS).toBeGreaterThan(exportTimeout);
  });

  it('runs the reconciler every five minutes', () => {
    expect(RECONCILE_EVERY.toMinutes()).toBe(5);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(/AccountJobsReconcilerFunction/, 'AWS::Lambda::Function'), 'Arn'] },
        }),
      ],
    });
  });
});

describe('least privilege', () => {
  it('lets the worker delete but never create rows, and never Scan', () => {
    const fn = logicalId(/AccountJobsErasureFunction/, 'AWS::Lambda::Function');
    const actions = actionsOf(fn);
    expect(actions.filter((a) => /Scan|PutItem|\*$/.test(a) && a !== 'dynamodb:ListStreams')).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['s3:ListBucketVersions', 's3:DeleteObjectVersion']));
    expect(resourcesOf(fn, 's3:DeleteObjectVersion')).toMatch(/\/users\/\*/);
    expect(resourcesOf(fn, 's3:DeleteObjectVersion')).toMatch(/\/exports\/\*/);
    // The stats counters go too (ProfileStats.grantErase): Query and BatchWriteItem on the stats table.
    expect(resourcesOf(fn, 'dynamodb:BatchWriteItem')).toContain(logicalId(/^StatsTable/, 'AWS::DynamoDB::Table'));
    // Removing the Cognito user is the other worker's job, the last step.
    expect(actions).not.toContain('cognito-idp:AdminDeleteUser');
  });

  it('lets only the user-removal worker delete the Cognito user, and it touches no data', () => {
    const fn = logicalId(/AccountJobsUserRemovalFunction/, 'AWS::Lambda::Function');
    const actions = actionsOf(fn);
    expect(actions).toContain('cognito-idp:AdminDeleteUser');
    expect(actions.filter((a) => /^s3:|Scan|PutItem|DeleteItem|BatchWrite/.test(a))).toEqual([]);
    const others = byType('AWS::Lambda::Function')
      .map(([id]) => id)
      .filter((id) => id !== fn && actionsOf(id).includes('cognito-idp:AdminDeleteUser'));
    expect(others).toEqual([]);
  });

  it('lets the reconciler Scan only the users, profiles and account-jobs tables, and never delete a user', () => {
    const fn = logicalId(/AccountJobsReconcilerFunction/, 'AWS::Lambda::Function');
    const scanned = resourcesOf(fn, 'dynamodb:Scan');
    expect(scanned).toContain(logicalId(/^StorageUsersTable/, 'AWS::DynamoDB::Table'));
    expect(scanned).toContain(logicalId(/^AccountJobsTable/, 'AWS::DynamoDB::Table'));
    // Profiles: the walk of seed-era profiles no users row covers (functions/account-reconciler/usersPages.ts).
    expect(scanned).toContain(logicalId(/^StorageProfilesTable/, 'AWS::DynamoDB::Table'));
    expect(scanned).not.toMatch(/LinksTable|StatsTable/);
    expect(actionsOf(fn).filter((a) => /^s3:|AdminDelete|BatchWrite/.test(a))).toEqual([]);
  });

  it('lets the export write only under exports/ and delete nothing', () => {
    const fn = logicalId(/AccountJobsExportFunction/, 'AWS::Lambda::Function');
    expect(actionsOf(fn).filter((a) => /Delete|Scan|BatchWrite/.test(a))).toEqual([]);
    expect(resourcesOf(fn, 's3:PutObject')).toMatch(/\/exports\/\*/);
    expect(resourcesOf(fn, 's3:PutObject')).not.toMatch(/\/users\//);
  });
});

describe('exports', () => {
  it('are never publicly readable and expire after a day', () => {
    const publicPatterns = byType('AWS::S3::BucketPolicy')
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('*'))
      .flatMap((s: any) => s.Resource)
      .map((resource: any) => String(resource['Fn::Join'][1][1]).replace(/^\//, ''));
    expect(publicPatterns.length).toBeGreaterThan(0);
    const matches = (pattern: string, key: string) =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(key);
    for (const key of ['exports/0b1c/2030-01-01T00-00-00-000Z.json', 'exports/x/profile/y.json']) {
      expect(publicPatterns.filter((pattern: string) => matches(pattern, key))).toEqual([]);
    }
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: 'exports/',
            ExpirationInDays: 1,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          }),
        ]),
      },
    });
  });
});

describe('the tombstone check', () => {
  it('comes first in every field a Cognito user acts on as an owner', () => {
    const schema = parse(readFileSync(SCHEMA_PATH, 'utf8'));
    const mutation = schema.definitions.find(
      (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
    );
    const ownerMutations =
      mutation?.kind === Kind.OBJECT_TYPE_DEFINITION
        ? (mutation.fields ?? [])
            .filter((f) => !(f.directives ?? []).some((d) => d.name.value === 'aws_iam'))
            .map((f) => f.name.value)
        : [];
    expect(ownerMutations.sort()).toEqual(
      ['createUploadUrl', 'deleteAccount', 'deleteLink', 'exportAccount', 'saveLink', 'saveProfile'].sort(),
    );
    const step = byType('AWS::AppSync::FunctionConfiguration').find(
      ([, fn]) => fn.Properties.Name === 'refuseDeletedAccount',
    );
    expect(step).toBeDefined();

    for (const [typeName, fieldName] of [
      ...ownerMutations.map((f) => ['Mutation', f]),
      ['Query', 'me'],
      ['Query', 'myProfile'],
    ]) {
      const [, resolver] = byType('AWS::AppSync::Resolver').find(
        ([, r]) => r.Properties.TypeName === typeName && r.Properties.FieldName === fieldName,
      ) ?? [undefined, undefined];
      expect(resolver?.Properties.Kind, `${typeName}.${fieldName}`).toBe('PIPELINE');
      expect(resolver?.Properties.PipelineConfig.Functions[0], `${typeName}.${fieldName}`).toEqual({
        'Fn::GetAtt': [step?.[0], 'FunctionId'],
      });
    }
  });
});
