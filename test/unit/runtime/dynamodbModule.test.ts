import { describe, expect, it } from 'vitest';
import { UtilErrorSignal } from '../../../local/appsync/runtime/contract.ts';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { invocation, sourceOf } from './invocationFactory.ts';

type Fn = (...args: unknown[]) => Record<string, unknown>;
const { modules, util } = createAppSyncGlobals(sourceOf(invocation()));
const ddb = modules['@aws-appsync/utils/dynamodb'] as Record<string, Fn> & { operations: Record<string, Fn> };
const ops = ddb.operations;

describe('@aws-appsync/utils/dynamodb exports', () => {
  it('exports the helpers of @aws-appsync/utils 2.1.1 (dynamodb-helpers.d.ts)', () => {
    for (const name of [
      'get',
      'put',
      'remove',
      'update',
      'operations',
      'query',
      'scan',
      'sync',
      'batchGet',
      'batchPut',
      'batchDelete',
      'transactGet',
      'transactWrite',
      'toStringSet',
      'toNumberSet',
      'toBinarySet',
    ]) {
      expect(ddb[name], name).toBeDefined();
    }
  });

  // Recorded on AWS (docs/appsync-facts.md §2.1 [O]): number sets stay unstringified.
  it('builds sets like util.dynamodb', () => {
    expect(ddb.toStringSet(['a', 'b'])).toEqual({ SS: ['a', 'b'] });
    expect(ddb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
    expect(ddb.toBinarySet(['Zm9v'])).toEqual({ BS: ['Zm9v'] });
  });
});

// Expected values: AWS EvaluateCode output recorded in LocalStack's appsync-utils snapshots as
// quoted in docs/appsync-facts.md §2.1 [O].
describe('request builders (recorded on AWS)', () => {
  it('get types the key', () => {
    expect(ddb.get({ key: { id: 'id' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
  });

  it('put splits key and attributeValues', () => {
    expect(ddb.put({ key: { id: 'abc' }, item: { value: 10 } })).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { value: { N: 10 } },
    });
  });

  it('scan carries its options through', () => {
    expect(ddb.scan({ limit: 10, nextToken: 'abc' })).toEqual({ limit: 10, nextToken: 'abc', operation: 'Scan' });
  });

  it('records the operation markers', () => {
    expect(ops.add(1)).toEqual({ type: 'OPERATION_ADD', value: 1 });
    expect(ops.replace('x')).toEqual({ type: 'OPERATION_REPLACE', value: 'x' });
    expect(ops.increment(10)).toEqual({ type: 'OPERATION_INCREMENT', by: 10 });
    expect(ops.decrement(10)).toEqual({ type: 'OPERATION_DECREMENT', by: 10 });
    expect(ops.append([1])).toEqual({ type: 'OPERATION_APPEND', items: [1] });
    expect(ops.prepend([1])).toEqual({ type: 'OPERATION_PREPEND', items: [1] });
    expect(Object.keys(ops.updateListItem('102', 1))).toEqual([]);
  });

  const updateOf = (update: unknown) => ddb.update({ key: { id: 'u1' }, update }).update as Record<string, unknown>;

  it.each([
    ['add', () => ops.add(10), 'SET #expName_1 = :expValue_1', { N: 10 }],
    ['replace', () => ops.replace('x'), 'SET #expName_1 = :expValue_1', { S: 'x' }],
    ['increment', () => ops.increment(10), 'SET #expName_1 = #expName_1 + :expValue_1', { N: 10 }],
    ['decrement', () => ops.decrement(10), 'SET #expName_1 = #expName_1 - :expValue_1', { N: 10 }],
    [
      'append',
      () => ops.append([1, 2, 3]),
      'SET #expName_1 = list_append(#expName_1, :expValue_1)',
      { L: [{ N: 1 }, { N: 2 }, { N: 3 }] },
    ],
    [
      'prepend',
      () => ops.prepend([1, 2, 3]),
      'SET #expName_1 = list_append(:expValue_1, #expName_1)',
      { L: [{ N: 1 }, { N: 2 }, { N: 3 }] },
    ],
  ])('update renders %s', (_name, op, expression, value) => {
    expect(updateOf({ count: op() })).toEqual({
      expression,
      expressionNames: { '#expName_1': 'count' },
      expressionValues: { ':expValue_1': value },
    });
  });

  it('update wraps the request with the typed key', () => {
    expect(ddb.update({ key: { id: 'u1' }, update: { isVerified: true } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'u1' } },
      update: {
        expression: 'SET #expName_1 = :expValue_1',
        expressionNames: { '#expName_1': 'isVerified' },
        expressionValues: { ':expValue_1': { BOOL: true } },
      },
    });
  });

  it('increment with no argument adds 1', () => {
    expect(updateOf({ n: ops.increment() }).expressionValues).toEqual({ ':expValue_1': { N: 1 } });
  });

  it('numbers placeholders in output order, SET clauses before REMOVE', () => {
    expect(updateOf({ gone: ops.remove(), name: 'x' })).toEqual({
      expression: 'SET #expName_1 = :expValue_1 REMOVE #expName_2',
      expressionNames: { '#expName_1': 'name', '#expName_2': 'gone' },
      expressionValues: { ':expValue_1': { S: 'x' } },
    });
  });
});

// The rest of §2.1 is documented shape [T][D] with the exact expression text marked [?]; these
// pin our choices so the DynamoDB data source can rely on them.
describe('request builders (documented shapes)', () => {
  it('update sets list items by index and nested keys by path', () => {
    expect(
      ddb.update({ key: { id: 'u1' }, update: { friends: [ops.updateListItem('102', 1)], address: { city: 'Perth' } } })
        .update,
    ).toEqual({
      expression: 'SET #expName_1[1] = :expValue_1, #expName_2.#expName_3 = :expValue_2',
      expressionNames: { '#expName_1': 'friends', '#expName_2': 'address', '#expName_3': 'city' },
      expressionValues: { ':expValue_1': { S: '102' }, ':expValue_2': { S: 'Perth' } },
    });
  });

  it('renders conditions like toDynamoDBConditionExpression, as an object', () => {
    const cond = { id: { attributeExists: true }, version: { eq: 10 } };
    const transform = util.transform as Record<string, (c: unknown) => string>;
    expect(ddb.put({ key: { id: 'a' }, item: {}, condition: cond }).condition).toEqual(
      JSON.parse(transform.toDynamoDBConditionExpression(cond)),
    );
    expect(ddb.remove({ key: { id: 'a' }, condition: { owner: { eq: 'me' } }, _version: 2 })).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'a' } },
      _version: 2,
      condition: {
        expression: '(#owner = :owner_eq)',
        expressionNames: { '#owner': 'owner' },
        expressionValues: { ':owner_eq': { S: 'me' } },
      },
    });
  });

  it('drops the empty value map of a condition without values', () => {
    expect(
      ddb.put({ key: { id: 'a' }, item: { v: 1 }, condition: { id: { attributeExists: false } } }).condition,
    ).toEqual({
      expression: '(attribute_not_exists(#id))',
      expressionNames: { '#id': 'id' },
    });
  });

  it('refuses a condition AWS cannot render', () => {
    expect(() => ddb.put({ key: { id: 'a' }, item: {}, condition: { v: { foo: 1 } } })).toThrow(UtilErrorSignal);
  });

  it('query renders the key condition, filter and options', () => {
    expect(
      ddb.query({
        query: { pk: { eq: 'u1' }, sk: { beginsWith: 'link#' } },
        filter: { deleted: { ne: true } },
        index: 'byUser',
        limit: 5,
        scanIndexForward: false,
      }),
    ).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk_eq AND begins_with(#sk, :sk_beginsWith)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'u1' }, ':sk_beginsWith': { S: 'link#' } },
      },
      filter: {
        expression: '(#deleted <> :deleted_ne)',
        expressionNames: { '#deleted': 'deleted' },
        expressionValues: { ':deleted_ne': { BOOL: true } },
      },
      index: 'byUser',
      limit: 5,
      scanIndexForward: false,
    });
    expect(ddb.query({ query: { n: { between: [1, 5] } } }).query).toEqual({
      expression: '#n BETWEEN :n_between_start AND :n_between_end',
      expressionNames: { '#n': 'n' },
      expressionValues: { ':n_between_start': { N: 1 }, ':n_between_end': { N: 5 } },
    });
    expect(() => ddb.query({ query: { pk: { contains: 'x' } } })).toThrow(UtilErrorSignal);
  });

  it('get renders a projection', () => {
    expect(ddb.get({ key: { id: 'a' }, consistentRead: true, projection: ['id', 'profile.name'] })).toEqual({
      operation: 'GetItem',
      key: { id: { S: 'a' } },
      consistentRead: true,
      projection: {
        expression: '#projection_0, #projection_1.#projection_2',
        expressionNames: { '#projection_0': 'id', '#projection_1': 'profile', '#projection_2': 'name' },
      },
    });
  });

  it('sync names its operation', () => {
    expect(ddb.sync({ limit: 10, lastSync: 5 })).toEqual({ operation: 'Sync', limit: 10, lastSync: 5 });
  });

  it('batch helpers type every key and item per table', () => {
    expect(ddb.batchGet({ tables: { users: { keys: [{ id: 'a' }], consistentRead: true } } })).toEqual({
      operation: 'BatchGetItem',
      tables: { users: { keys: [{ id: { S: 'a' } }], consistentRead: true } },
    });
    expect(ddb.batchPut({ tables: { users: [{ id: 'a', n: 1 }] } })).toEqual({
      operation: 'BatchPutItem',
      tables: { users: [{ id: { S: 'a' }, n: { N: 1 } }] },
    });
    expect(ddb.batchDelete({ tables: { users: [{ id: 'a' }] } })).toEqual({
      operation: 'BatchDeleteItem',
      tables: { users: [{ id: { S: 'a' } }] },
    });
  });

  it('transactGet lists table and typed key', () => {
    expect(ddb.transactGet({ items: [{ table: 'users', key: { id: 'a' } }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'users', key: { id: { S: 'a' } } }],
    });
  });

  it('transactWrite maps each item kind to its operation', () => {
    expect(
      ddb.transactWrite({
        items: [
          {
            putItem: {
              table: 'profiles',
              key: { username: 'ann' },
              item: { user_id: 'u1' },
              condition: { username: { attributeExists: false } },
            },
          },
          { updateItem: { table: 'users', key: { user_id: 'u1' }, update: { username: 'ann' } } },
          { deleteItem: { table: 'profiles', key: { username: 'old' } } },
          {
            conditionCheck: {
              table: 'users',
              key: { user_id: 'u1' },
              condition: { user_id: { attributeExists: true } },
            },
          },
        ],
      }),
    ).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: 'profiles',
          operation: 'PutItem',
          key: { username: { S: 'ann' } },
          attributeValues: { user_id: { S: 'u1' } },
          condition: { expression: '(attribute_not_exists(#username))', expressionNames: { '#username': 'username' } },
        },
        {
          table: 'users',
          operation: 'UpdateItem',
          key: { user_id: { S: 'u1' } },
          update: {
            expression: 'SET #expName_1 = :expValue_1',
            expressionNames: { '#expName_1': 'username' },
            expressionValues: { ':expValue_1': { S: 'ann' } },
          },
        },
        { table: 'profiles', operation: 'DeleteItem', key: { username: { S: 'old' } } },
        {
          table: 'users',
          operation: 'ConditionCheck',
          key: { user_id: { S: 'u1' } },
          condition: { expression: '(attribute_exists(#user_id))', expressionNames: { '#user_id': 'user_id' } },
        },
      ],
    });
  });
});
