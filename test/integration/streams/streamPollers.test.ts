import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localStreamArns, localStreamsClient, startStreamPollers, localDynamoDbClient } from '../../../local/index.ts';
import type { LambdaStreamRecord, StreamMappingDefinition, StreamPollers, CfnTemplate } from '../../../local/index.ts';

const endpoint = process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT as string;
const dynamodb = localDynamoDbClient(endpoint);
const streamsClient = localStreamsClient(endpoint);
const tableName = `stream-pollers-${randomUUID().slice(0, 8)}`;
const template: CfnTemplate = {
  Resources: {
    NotesTable: {
      Type: 'AWS::DynamoDB::Table',
      Properties: { TableName: tableName, StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } },
    },
    PlainTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: `${tableName}-plain` } },
  },
};
let streamArn: string;

beforeAll(async () => {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  streamArn = (await localStreamArns(dynamodb, { Resources: { NotesTable: template.Resources.NotesTable } }))[
    'NotesTable.StreamArn'
  ];
});

afterAll(async () => {
  await dynamodb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
});

let pollers: StreamPollers | undefined;
afterEach(async () => {
  await pollers?.stop();
  pollers = undefined;
});

function mapping(overrides: Partial<StreamMappingDefinition> = {}): StreamMappingDefinition {
  return {
    logicalId: 'Mapping',
    functionName: 'publisher',
    streamArn,
    batchSize: 100,
    maximumBatchingWindowSeconds: 0,
    startingPosition: 'LATEST',
    maximumRetryAttempts: 3,
    bisectBatchOnFunctionError: false,
    reportBatchItemFailures: true,
    enabled: true,
    ...overrides,
  };
}

/** Starts pollers whose invoke records each batch and answers with `answer(batch, call)`. */
async function poll(
  overrides: Partial<StreamMappingDefinition>,
  answer: (records: LambdaStreamRecord[], call: number) => { payload?: unknown; error?: unknown } = () => ({
    payload: null,
  }),
) {
  const batches: { functionName: string; records: LambdaStreamRecord[] }[] = [];
  pollers = startStreamPollers({
    mappings: [mapping(overrides)],
    streamsClient,
    pollIntervalMs: 20,
    log: () => undefined,
    invoke: async (functionName, event) => {
      batches.push({ functionName, records: event.Records });
      return answer(event.Records, batches.length);
    },
  });
  await pollers.ready;
  return batches;
}

const put = (id: string, text = 'hello') =>
  dynamodb.send(
    new PutItemCommand({
      TableName: tableName,
      Item: { id: { S: id }, text: { S: text }, n: { N: '1' }, bin: { B: Uint8Array.from([1, 2, 3]) } },
    }),
  );

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the poller');
    await sleep(20);
  }
}

const ids = (batch: { records: LambdaStreamRecord[] }) =>
  batch.records.map((r) => (r.dynamodb.Keys as { id: { S: string } }).id.S);

describe("polling DynamoDB Local streams like Lambda's event source mappings", () => {
  it("reads a stream-enabled table's LatestStreamArn as the physical id of <Table>.StreamArn, and skips tables without a stream", async () => {
    const arns = await localStreamArns(dynamodb, { Resources: { NotesTable: template.Resources.NotesTable } });
    expect(Object.keys(arns)).toEqual(['NotesTable.StreamArn']);
    expect(arns['NotesTable.StreamArn']).toMatch(
      new RegExp(`^arn:aws:dynamodb:[^:]+:[^:]+:table/${tableName}/stream/`),
    );
  });

  it("delivers inserts, modifies and removes written after start as Lambda's DynamoDB event, and nothing written before", async () => {
    await put('before-start');
    const batches = await poll({});
    await put('a', 'one');
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { id: { S: 'a' } },
        UpdateExpression: 'SET #t = :t',
        ExpressionAttributeNames: { '#t': 'text' },
        ExpressionAttributeValues: { ':t': { S: 'two' } },
      }),
    );
    await dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: { id: { S: 'a' } } }));
    await until(() => batches.flatMap((b) => b.records).length >= 3);

    const records = batches.flatMap((b) => b.records);
    expect(batches.every((b) => b.functionName === 'publisher')).toBe(true);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [inserted, modified, removed] = records;
    expect(Object.keys(inserted)).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
      'eventSourceARN',
    ]);
    expect(inserted).toMatchObject({
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: streamArn,
    });
    expect(inserted.dynamodb).toMatchObject({
      Keys: { id: { S: 'a' } },
      NewImage: { id: { S: 'a' }, text: { S: 'one' }, n: { N: '1' }, bin: { B: 'AQID' } },
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(inserted.dynamodb.OldImage).toBeUndefined();
    expect(typeof inserted.dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(Math.abs((inserted.dynamodb.ApproximateCreationDateTime as number) - Date.now() / 1000)).toBeLessThan(120);
    expect(inserted.dynamodb.SequenceNumber).toMatch(/^\d+$/);
    expect(inserted.dynamodb.SizeBytes).toBeGreaterThan(0);
    expect(modified.dynamodb).toMatchObject({ OldImage: { text: { S: 'one' } }, NewImage: { text: { S: 'two' } } });
    expect(removed.dynamodb).toMatchObject({ OldImage: { text: { S: 'two' } } });
    expect(removed.dynamodb.NewImage).toBeUndefined();
    expect(records.some((r) => (r.dynamodb.Keys as { id: { S: string } }).id.S === 'before-start')).toBe(false);
  });

  it('hands records over in batches of at most BatchSize, in order', async () => {
    const batches = await poll({ batchSize: 2 });
    for (const id of ['b1', 'b2', 'b3', 'b4', 'b5']) await put(id);
    await until(() => batches.flatMap((b) => b.records).length >= 5);
    expect(batches.every((b) => b.records.length <= 2)).toBe(true);
    expect(batches.flatMap(ids)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('retries from the first failed record reported in batchItemFailures, and never redelivers the ones before it', async () => {
    let failed = false;
    const batches = await poll({}, (records) => {
      const at = ids({ records }).indexOf('r2');
      if (failed || at < 0) return { payload: { batchItemFailures: [] } };
      failed = true;
      // Reported out of order: the poller resumes from the lowest sequence number.
      const reported = records
        .slice(at)
        .reverse()
        .map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber }));
      return { payload: { batchItemFailures: reported } };
    });
    for (const id of ['r1', 'r2', 'r3']) await put(id);
    const failing = () => batches.findIndex((b) => ids(b).includes('r2'));
    await until(() => failed && batches.slice(failing() + 1).some((b) => ids(b).includes('r3')));
    // Records arrive in order: a stray redelivery of r1 or r2 would come before the marker.
    await put('r-marker');
    await until(() => batches.some((b) => ids(b).includes('r-marker')));
    expect(ids(batches[failing() + 1])[0]).toBe('r2');
    expect(batches.flatMap(ids).filter((id) => id === 'r1')).toEqual(['r1']);
    expect(batches.flatMap(ids).filter((id) => id === 'r2')).toEqual(['r2', 'r2']);
  });

  it('gives up after MaximumRetryAttempts and moves on to the next records', async () => {
    const batches = await poll({ maximumRetryAttempts: 2 }, (records) =>
      ids({ records }).includes('poison') ? { error: { errorType: 'Error', errorMessage: 'boom' } } : { payload: null },
    );
    await put('poison');
    await until(() => batches.length >= 3);
    await put('after');
    await until(() => batches.some((b) => ids(b).includes('after')));
    const poisonAttempts = batches.filter((b) => ids(b).includes('poison')).length;
    expect(poisonAttempts).toBe(3);
  });

  it('without ReportBatchItemFailures, a returned batchItemFailures list is ignored', async () => {
    const batches = await poll({ reportBatchItemFailures: false }, (records) => ({
      payload: { batchItemFailures: [{ itemIdentifier: records[0].dynamodb.SequenceNumber }] },
    }));
    await put('once');
    await until(() => batches.length >= 1);
    // A retry of 'once' would come before the marker (one shard, in order).
    await put('once-marker');
    await until(() => batches.some((b) => ids(b).includes('once-marker')));
    expect(batches.flatMap(ids).filter((id) => id === 'once')).toEqual(['once']);
  });

  it('treats an unknown itemIdentifier as the whole batch failing', async () => {
    const batches = await poll({ maximumRetryAttempts: 1 }, (_records, call) =>
      call === 1
        ? { payload: { batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] } }
        : { payload: null },
    );
    await put('whole');
    await until(() => batches.length >= 2);
    expect(ids(batches[1])).toEqual(ids(batches[0]));
  });

  it('delivers the first records of a table that was empty when polling began, after another stream moved on (a DynamoDB Local quirk)', async () => {
    const fresh = `${tableName}-fresh`;
    await dynamodb.send(
      new CreateTableCommand({
        TableName: fresh,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    try {
      const freshArn = (
        await localStreamArns(dynamodb, {
          Resources: {
            Fresh: {
              Type: 'AWS::DynamoDB::Table',
              Properties: { TableName: fresh, StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } },
            },
          },
        })
      )['Fresh.StreamArn'];
      const batches = await poll({ streamArn: freshArn });
      await put('elsewhere');
      await dynamodb.send(new PutItemCommand({ TableName: fresh, Item: { id: { S: 'first' } } }));
      await until(() => batches.length >= 1);
      expect(ids(batches[0])).toEqual(['first']);
    } finally {
      await dynamodb.send(new DeleteTableCommand({ TableName: fresh })).catch(() => undefined);
    }
  });

  it('stops polling: nothing is delivered after stop()', async () => {
    const stopped = await poll({});
    await pollers?.stop();
    await put('after-stop');
    // A second poller on the same stream sees the write; a first one still running would have too.
    const running = await poll({ startingPosition: 'TRIM_HORIZON' });
    await until(() => running.some((b) => ids(b).includes('after-stop')));
    expect(stopped).toEqual([]);
  });
});
