// The data source's service role, as the template defines it, enforced on every operation: AppSync
// calls DynamoDB as that role, so what its policies do not allow fails with DynamoDB's
// AccessDeniedException in ctx.error, and nothing is read or written (docs/appsync-facts.md §2.4).
import { resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDynamoDbDataSource,
  createLocalReferenceResolver,
  extractGraphqlApis,
  loadCloudAssembly,
  offlinePhysicalIds,
} from '../../../local/index.ts';
import type { DataSource, DataSourceDefinition } from '../../../local/index.ts';
import { createTestTable, testDynamoDbClient } from './localTables.ts';
import { DATA_SOURCE_CALL } from '../../support/dataSourceCall.ts';

const call = DATA_SOURCE_CALL;
const ACCOUNT = '000000000000';
const tableArn = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;

let client: DynamoDBClient;
let profiles: DataSourceDefinition;
let deployed: DataSource;

beforeAll(() => {
  client = testDynamoDbClient();
  const { template } = loadCloudAssembly(resolve(import.meta.dirname, '..', '..', '..', 'cdk.out'));
  const [api] = extractGraphqlApis(
    template,
    createLocalReferenceResolver(template, { physicalIds: offlinePhysicalIds(template) }),
  );
  profiles = api.dataSources.find((d) => d.name === 'ProfilesTable') as DataSourceDefinition;
  deployed = createDynamoDbDataSource({
    name: profiles.name,
    tableName: profiles.tableName as string,
    client,
    serviceRole: profiles.serviceRole,
    region: profiles.region,
  });
});

const denied = (action: string, resource: string) => ({
  error: {
    type: 'DynamoDB:DynamoDbException',
    message: expect.stringMatching(
      new RegExp(
        `^User: arn:aws:sts::${ACCOUNT}:assumed-role/[A-Za-z]*ApiProfilesTableServiceRole[A-Z0-9]+/APPSYNC_ASSUME_ROLE is not authorized to perform: ${action} on resource: ${resource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} because no identity-based policy allows the ${action} action \\(Service: DynamoDb, Status Code: 400, Request ID: [A-Z0-9]{52}\\)$`,
      ),
    ),
  },
});

describe("the deployed data source's role", () => {
  it('is read from the template: the role, its actions and its three tables', () => {
    expect(profiles.serviceRole?.arn).toMatch(
      /^arn:aws:iam::000000000000:role\/[A-Za-z]*ApiProfilesTableServiceRole[A-Z0-9]+$/,
    );
    expect(profiles.serviceRole?.statements).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']),
        Resource: expect.arrayContaining(['prolynk-users', 'prolynk-profiles', 'prolynk-links'].map(tableArn)),
      }),
    ]);
  });

  it('serves what it allows: GetItem and Query on its table', async () => {
    const get = await deployed.invoke({ operation: 'GetItem', key: { username: { S: 'nobody-here' } } }, call);
    expect(get).toEqual({ result: null });
    const query = await deployed.invoke(
      {
        operation: 'Query',
        query: { expression: '#u = :u', expressionNames: { '#u': 'username' }, expressionValues: { ':u': { S: 'x' } } },
      },
      call,
    );
    expect(query.error).toBeUndefined();
  });

  it('serves TransactGetItems, which needs GetItem on each table it names (the profile lookup as sent, then normalized)', async () => {
    const lookup = {
      operation: 'TransactGetItems',
      transactItems: ['Nobody-Here', 'nobody-here'].map((username) => ({
        table: 'prolynk-profiles',
        key: { username: { S: username } },
      })),
    };
    expect(await deployed.invoke(lookup, call)).toEqual({ result: { items: [null, null], cancellationReasons: null } });
    const outside = {
      operation: 'TransactGetItems',
      transactItems: [{ table: 'prolynk-stats', key: { pk: { S: 'x' } } }],
    };
    expect(await deployed.invoke(outside, call)).toEqual(denied('dynamodb:GetItem', tableArn('prolynk-stats')));
  });

  it('refuses Scan, BatchGetItem, an index it was not granted and a table outside its policy', async () => {
    expect(await deployed.invoke({ operation: 'Scan' }, call)).toEqual(
      denied('dynamodb:Scan', tableArn('prolynk-profiles')),
    );
    const batchGet = {
      operation: 'BatchGetItem',
      tables: { 'prolynk-profiles': { keys: [{ username: { S: 'a' } }] } },
    };
    expect(await deployed.invoke(batchGet, call)).toEqual(
      denied('dynamodb:BatchGetItem', tableArn('prolynk-profiles')),
    );
    const byIndex = {
      operation: 'Query',
      index: 'user_id-index',
      query: { expression: '#u = :u', expressionNames: { '#u': 'user_id' }, expressionValues: { ':u': { S: 'x' } } },
    };
    expect(await deployed.invoke(byIndex, call)).toEqual(
      denied('dynamodb:Query', `${tableArn('prolynk-profiles')}/index/user_id-index`),
    );
    const stats = {
      operation: 'TransactWriteItems',
      transactItems: [{ table: 'prolynk-stats', operation: 'PutItem', key: { pk: { S: 'x' }, sk: { S: 'y' } } }],
    };
    expect(await deployed.invoke(stats, call)).toEqual(denied('dynamodb:PutItem', tableArn('prolynk-stats')));
  });
});

describe('any role the template gives', () => {
  let table: string;
  let source: DataSource;
  beforeAll(async () => {
    table = await createTestTable(client, 'permissions');
    source = createDynamoDbDataSource({
      name: 'Items',
      tableName: table,
      client,
      serviceRole: {
        arn: `arn:aws:iam::${ACCOUNT}:role/ItemsRole`,
        statements: [
          { Effect: 'Allow', Action: 'dynamodb:*', Resource: tableArn(table) },
          { Effect: 'Deny', Action: 'dynamodb:BatchWriteItem', Resource: '*' },
        ],
      },
    });
  });

  it('writes nothing when a batch write is denied, and says the deny was explicit', async () => {
    const put = { operation: 'BatchPutItem', tables: { [table]: [{ id: { S: 'a' } }] } };
    expect(await source.invoke(put, call)).toEqual({
      error: {
        type: 'DynamoDB:DynamoDbException',
        message: expect.stringContaining(
          `is not authorized to perform: dynamodb:BatchWriteItem on resource: ${tableArn(table)} with an explicit deny in an identity-based policy (Service: DynamoDb`,
        ),
      },
    });
    expect(await source.invoke({ operation: 'GetItem', key: { id: { S: 'a' } }, consistentRead: true }, call)).toEqual({
      result: null,
    });
  });

  it('lets the same role Scan and PutItem, which it allows', async () => {
    expect((await source.invoke({ operation: 'PutItem', key: { id: { S: 'b' } } }, call)).error).toBeUndefined();
    expect((await source.invoke({ operation: 'Scan', consistentRead: true }, call)).result).toMatchObject({
      items: [{ id: 'b' }],
    });
  });
});
