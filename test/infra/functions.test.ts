import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProLynkFunctions } from '../../cdk/constructs/prolynkFunctions.ts';
import { testTempDir } from '../support/tempDirs.ts';

// A small stack holding only what the construct needs, not the main stack.
let app: App;
let template: Template;
let ids: {
  users: string;
  profiles: string;
  bucket: string;
  pool: string;
  presign: string;
  preSignUp: string;
  postConfirmation: string;
};

beforeAll(() => {
  app = new App({ outdir: testTempDir('prolynk-fn-cdk-'), builtinCloudFormationValidation: true });
  const stack = new Stack(app, 'FunctionsTest');
  const usersTable = new Table(stack, 'Users', { partitionKey: { name: 'user_id', type: AttributeType.STRING } });
  const profilesTable = new Table(stack, 'Profiles', {
    partitionKey: { name: 'username', type: AttributeType.STRING },
  });
  const bucket = new Bucket(stack, 'Assets', { enforceSSL: true });
  const userPool = new UserPool(stack, 'Pool');
  const functions = new ProLynkFunctions(stack, 'Functions', {
    usersTable,
    profilesTable,
    bucket,
    userPool,
    assetsBaseUrl: 'https://assets.example.com',
    bundle: { outRoot: testTempDir('prolynk-fn-bundles-') },
  });
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as never);
  ids = {
    users: logicalId(usersTable),
    profiles: logicalId(profilesTable),
    bucket: logicalId(bucket),
    pool: logicalId(userPool),
    presign: logicalId(functions.presignFunction),
    preSignUp: logicalId(functions.preSignUpFunction),
    postConfirmation: logicalId(functions.postConfirmationFunction),
  };
  template = Template.fromStack(stack);
});

/** Every action the function's role may take, with the statements that grant them (X-Ray/logs excluded). */
function roleStatements(functionId: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionId];
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();

describe('ProLynkFunctions', () => {
  it('creates the three functions on Node.js 24, ARM64, from index.handler, with source maps enabled', () => {
    template.resourceCountIs('AWS::Lambda::Function', 3);
    for (const id of [ids.presign, ids.preSignUp, ids.postConfirmation]) {
      const fn = template.findResources('AWS::Lambda::Function')[id].Properties;
      expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('keeps every function log group for 7 days', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 3);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    for (const id of [ids.presign, ids.preSignUp, ids.postConfirmation]) {
      const fn = template.findResources('AWS::Lambda::Function')[id].Properties;
      expect(fn.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
    }
  });

  it('gives the presigner only Put/GetObject on users/* and a users/*-prefixed ListBucket: no DeleteObject, no ACLs', () => {
    const statements = roleStatements(ids.presign);
    expect(actionsOf(statements)).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['s3:PutObject', 's3:GetObject'],
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }, '/users/*']] },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 's3:ListBucket',
        Resource: { 'Fn::GetAtt': [ids.bucket, 'Arn'] },
        Condition: { StringLike: { 's3:prefix': ['users/*'] } },
      }),
    );
  });

  it('sets the presigner environment: bucket name and public base URL', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          S3_BUCKET: { Ref: ids.bucket },
          ASSETS_BASE_URL: 'https://assets.example.com',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it("lets the pre-sign-up trigger GetItem on profiles only, and ListUsers/AdminLinkProviderForUser on this account's pools", () => {
    const statements = roleStatements(ids.preSignUp);
    expect(actionsOf(statements)).toEqual([
      'cognito-idp:AdminLinkProviderForUser',
      'cognito-idp:ListUsers',
      'dynamodb:GetItem',
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': [ids.profiles, 'Arn'] } }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['cognito-idp:ListUsers', 'cognito-idp:AdminLinkProviderForUser'],
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':cognito-idp:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':userpool/*',
            ],
          ],
        },
      }),
    );
  });

  it('lets the post-confirmation trigger write (Put, ConditionCheck) and read users and profiles by key only', () => {
    const statements = roleStatements(ids.postConfirmation);
    expect(actionsOf(statements)).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(statements[0].Resource).toEqual([
      { 'Fn::GetAtt': [ids.users, 'Arn'] },
      { 'Fn::GetAtt': [ids.profiles, 'Arn'] },
    ]);
  });

  it('grants no Scan (nor Query, nor DeleteObject) to any function', () => {
    const all = [ids.presign, ids.preSignUp, ids.postConfirmation].flatMap((id) => actionsOf(roleStatements(id)));
    expect(all.filter((action) => /Scan|Query|Delete|\*/.test(action))).toEqual([]);
  });

  it('attaches the triggers to the user pool, and lets Cognito invoke them', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreSignUp: { 'Fn::GetAtt': [ids.preSignUp, 'Arn'] },
        PostConfirmation: { 'Fn::GetAtt': [ids.postConfirmation, 'Arn'] },
      },
    });
    for (const id of [ids.preSignUp, ids.postConfirmation]) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ids.pool, 'Arn'] },
      });
    }
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Permission',
      { FunctionName: { 'Fn::GetAtt': [ids.presign, 'Arn'] } },
      0,
    );
  });

  it('synthesizes without a dependency cycle, passes CloudFormation validation and cdk-nag AwsSolutions for its own resources', {
    timeout: 180_000,
  }, () => {
    const assembly = app.synth();
    expect(assembly.getStackByName('FunctionsTest').template).toBeDefined();
    const validation = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(validation.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const ours = report.violations.filter((violation) =>
      violation.violatingResources.some((r) => (r.constructPath ?? '').includes('/Functions/')),
    );
    expect(
      ours.map(
        (violation) =>
          `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([]);
  });
});
