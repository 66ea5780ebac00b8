import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Definition, GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { AttributeType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProfileEvents } from '../../cdk/constructs/profileEvents.ts';
import { testTempDir } from '../support/tempDirs.ts';

// A small stack holding only what the construct needs: three tables (two with streams) and an API.
let app: App;
let template: Template;
let ids: { users: string; profiles: string; links: string; api: string; fn: string };

beforeAll(() => {
  app = new App({ outdir: testTempDir('prolynk-events-cdk-') });
  const stack = new Stack(app, 'ProfileEventsTest');
  const usersTable = new Table(stack, 'Users', { partitionKey: { name: 'user_id', type: AttributeType.STRING } });
  const profilesTable = new Table(stack, 'Profiles', {
    partitionKey: { name: 'username', type: AttributeType.STRING },
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const linksTable = new Table(stack, 'Links', {
    partitionKey: { name: 'user_id', type: AttributeType.STRING },
    sortKey: { name: 'link_id', type: AttributeType.STRING },
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const graphqlApi = new GraphqlApi(stack, 'Graphql', {
    name: 'test',
    definition: Definition.fromFile(join(import.meta.dirname, '..', '..', 'schema.graphql')),
  });
  const events = new ProfileEvents(stack, 'ProfileEvents', {
    usersTable,
    profilesTable,
    linksTable,
    graphqlApi,
    bundle: { outRoot: testTempDir('prolynk-events-bundles-') },
  });
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as never);
  ids = {
    users: logicalId(usersTable),
    profiles: logicalId(profilesTable),
    links: logicalId(linksTable),
    api: logicalId(graphqlApi),
    fn: logicalId(events.function),
  };
  template = Template.fromStack(stack);
});

function roleStatements(): { Action: string | string[]; Resource: unknown }[] {
  const fn = template.findResources('AWS::Lambda::Function')[ids.fn];
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}
const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('ProfileEvents', () => {
  it('maps the profiles and links streams to the publisher: LATEST, 100 records, 1 s window, bisect, 3 retries, partial batch failures', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    for (const table of [ids.profiles, ids.links]) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: ids.fn },
        EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
        StartingPosition: 'LATEST',
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 1,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 3,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  it('runs functions/publish with the API URL and the three table names', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Environment: {
        Variables: {
          GRAPHQL_URL: { 'Fn::GetAtt': [ids.api, 'GraphQLUrl'] },
          USERS_TABLE: { Ref: ids.users },
          PROFILES_TABLE: { Ref: ids.profiles },
          LINKS_TABLE: { Ref: ids.links },
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('reads users and profiles by key and queries links, and nothing else of the tables', () => {
    const statements = roleStatements();
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Resource: [{ 'Fn::GetAtt': [ids.users, 'Arn'] }, { 'Fn::GetAtt': [ids.profiles, 'Arn'] }],
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: 'dynamodb:Query', Resource: { 'Fn::GetAtt': [ids.links, 'Arn'] } }),
    );
    const tableActions = actionsOf(statements).filter(
      (a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(a),
    );
    expect(tableActions.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
  });

  it('reads exactly the two streams', () => {
    const streamStatements = roleStatements().filter((s) => actionsOf([s]).includes('dynamodb:GetRecords'));
    expect(streamStatements.map((s) => s.Resource)).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [ids.profiles, 'StreamArn'] },
        { 'Fn::GetAtt': [ids.links, 'StreamArn'] },
      ]),
    );
    expect(streamStatements).toHaveLength(2);
  });

  it('may call publishProfileEvent and read the ProfileEvent it returns, and no other field of the API', () => {
    const appsync = roleStatements().filter((s) => actionsOf([s]).some((a) => a.startsWith('appsync:')));
    expect(appsync).toHaveLength(1);
    expect(appsync[0].Action).toBe('appsync:GraphQL');
    const field = (path: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.api, 'Arn'] }, path]] });
    expect(appsync[0].Resource).toEqual([
      field('/types/Mutation/fields/publishProfileEvent'),
      ...['username', 'kind', 'renamedTo', 'profile', 'occurredAt'].map((f) =>
        field(`/types/ProfileEvent/fields/${f}`),
      ),
    ]);
  });

  it('grants no Scan, no writes and no wildcard action', () => {
    expect(actionsOf(roleStatements()).filter((a) => /Scan|Put|Update|Delete|Write|\*/.test(a))).toEqual([]);
  });

  it('passes cdk-nag AwsSolutions for its own resources', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const ours = report.violations.filter((violation) =>
      violation.violatingResources.some((r) => (r.constructPath ?? '').includes('/ProfileEvents/')),
    );
    expect(
      ours.map(
        (violation) =>
          `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([]);
  });
});
