// DynamoDB Local started on a data folder gets the searchable stream store of
// local/services/dynamodb/streamRecordIndexes.ts: the lookups DynamoDB Local itself makes are index
// seeks under the jar's own SQLite, no record is lost, and its streams still read as before.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/awsConfig.ts';
import { ensureTables, localDynamoDbClient, startDynamoDbLocal } from '../../../local/services/dynamodb.ts';
import type { RunningDynamoDbLocal } from '../../../local/services/dynamodb.ts';

import {
  SHARED_DATABASE_FILE,
  STREAM_RECORD_INDEXES,
  indexStreamRecords,
} from '../../../local/services/dynamodb/streamRecordIndexes.ts';
import { jarQueryPlans } from './jarSqlite/jarQueryPlans.ts';

// The stream lookups DynamoDB Local's SQLite layer runs (read from its jar's class files, columns
// filled in): a shard's records from an iterator's position, a shard's newest record, a stream's
// oldest record, a shard's oldest unexpired record.
const JAR_LOOKUPS = [
  'SELECT SequenceNumber, StreamRecord, OperationType, CreationDateTime FROM us WHERE StreamID = ? AND ShardID = ? AND SequenceNumber >= ? AND CreationDateTime > ? ORDER BY SequenceNumber ASC LIMIT 100',
  'SELECT SequenceNumber FROM us WHERE ShardID = ? ORDER BY SequenceNumber DESC LIMIT 1',
  'SELECT MIN(SequenceNumber) FROM us WHERE StreamID = ?',
  'SELECT SequenceNumber, CreationDateTime FROM us WHERE ShardID = ? AND CreationDateTime >= ? ORDER BY SequenceNumber ASC LIMIT 1',
];
// The jar's own definition of the table (from the same class files).
const JAR_STREAM_TABLE =
  'CREATE TABLE IF NOT EXISTS us (StreamID TEXT, ShardID TEXT, SequenceNumber INTEGER, CreationDateTime INTEGER, StreamRecord BLOB, OperationType TEXT, PRIMARY KEY(SequenceNumber))';
// What a seek looks like in a 3.8.7 plan: the records lookup also ranges over the sequence number.
const SEEKS = [
  /^SEARCH TABLE us USING INDEX prolynk_stream_records_by_\w+ \((StreamID|ShardID)=\? AND SequenceNumber>\?\)$/,
  /^SEARCH TABLE us USING COVERING INDEX prolynk_stream_records_by_shard \(ShardID=\?\)$/,
  /^SEARCH TABLE us USING COVERING INDEX prolynk_stream_records_by_stream \(StreamID=\?\)$/,
  /^SEARCH TABLE us USING INDEX prolynk_stream_records_by_shard \(ShardID=\?\)$/,
];

const streamedTable = (name: string) => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST' as const,
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' as const },
});

/** A database file in `root` holding the jar's stream table with `records` records over three streams. */
function jarStore(name: string, records: number): string {
  const file = join(root, name);
  const store = new DatabaseSync(file);
  store.exec(JAR_STREAM_TABLE);
  const insert = store.prepare('INSERT INTO us VALUES (?, ?, ?, ?, ?, ?)');
  for (let n = 1; n <= records; n++)
    insert.run(`stream-${n % 3}`, `shard-${n % 3}`, n, 1_700_000_000_000 + n, Buffer.from(`record ${n}`), 'INSERT');
  store.close();
  return file;
}

let root: string;
let dataDir: string;
let running: RunningDynamoDbLocal;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'prolynk-stream-index-'));
  dataDir = join(root, 'dynamodb');
  running = await startDynamoDbLocal({ dataDir });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('the stream store of DynamoDB Local on a data folder', () => {
  it('is rebuilt and indexed once DynamoDB Local is ready, and the jar’s own SQLite seeks every stream lookup', async () => {
    const file = join(dataDir, SHARED_DATABASE_FILE);
    const database = new DatabaseSync(file, { readOnly: true });
    const sequence = database
      .prepare('PRAGMA table_info(us)')
      .all()
      .find((c) => c.name === 'SequenceNumber');
    const names = database
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'us' AND sql IS NOT NULL ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    database.close();

    expect(sequence).toMatchObject({ type: 'INT', pk: 1 });
    expect(names).toEqual(['prolynk_stream_records_by_shard', 'prolynk_stream_records_by_stream']);
    const plans = await jarQueryPlans(file, JAR_LOOKUPS);
    plans.forEach((plan, i) => expect(plan).toMatch(SEEKS[i]));
  });

  it('turns a store as the jar leaves it into the searchable one, keeping every record, and then leaves it alone', async () => {
    const file = jarStore('as-the-jar-leaves-it.db', 50);
    const reader = new DatabaseSync(file, { readOnly: true });
    const before = reader.prepare('SELECT * FROM us ORDER BY SequenceNumber').all();
    reader.close();

    const plansBefore = await jarQueryPlans(file, JAR_LOOKUPS);
    expect(plansBefore[0]).toBe('SEARCH TABLE us USING INTEGER PRIMARY KEY (rowid>?)');
    // No lookup has an index to use: each walks the table in sequence order.
    expect(plansBefore.filter((plan) => plan.includes('INDEX'))).toEqual([]);

    await expect(indexStreamRecords(file)).resolves.toBe('rebuilt');

    const rebuilt = new DatabaseSync(file, { readOnly: true });
    expect(rebuilt.prepare('SELECT * FROM us ORDER BY SequenceNumber').all()).toEqual(before);
    rebuilt.close();
    const plansAfter = await jarQueryPlans(file, JAR_LOOKUPS);
    plansAfter.forEach((plan, i) => expect(plan).toMatch(SEEKS[i]));
  });

  it('finds its work done on a later start without taking the write lock DynamoDB Local may hold, and restores a lost index', async () => {
    const file = jarStore('done-before.db', 0);
    await expect(indexStreamRecords(file)).resolves.toBe('rebuilt');

    // Another connection (DynamoDB Local's, in a write) holds the lock: a start that wanted it
    // would wait out the busy timeout and fail.
    const writer = new DatabaseSync(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      await expect(indexStreamRecords(file)).resolves.toBe('unchanged');
    } finally {
      writer.exec('ROLLBACK');
    }

    writer.exec('DROP INDEX prolynk_stream_records_by_stream');
    writer.close();
    await expect(indexStreamRecords(file)).resolves.toBe('indexed');
    const plans = await jarQueryPlans(file, JAR_LOOKUPS);
    plans.forEach((plan, i) => expect(plan).toMatch(SEEKS[i]));
  });

  it('leaves a file without a stream store untouched', async () => {
    const file = join(root, 'no-streams.db');
    new DatabaseSync(file).close();
    await expect(indexStreamRecords(file)).resolves.toBe('absent');
  });

  it('still serves two tables’ streams in order after the indexes are in place, and a second start keeps them', async () => {
    const client = localDynamoDbClient(running.endpoint);
    await ensureTables(client, [streamedTable('first'), streamedTable('second')]);
    for (const id of ['a', 'b', 'c']) {
      await client.send(new PutItemCommand({ TableName: 'first', Item: { id: { S: id } } }));
      await client.send(new PutItemCommand({ TableName: 'second', Item: { id: { S: `${id}2` } } }));
    }
    client.destroy();
    await running.stop();
    running = await startDynamoDbLocal({ dataDir });
    const database = new DatabaseSync(join(dataDir, SHARED_DATABASE_FILE), { readOnly: true });
    const indexes = database
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'us' AND sql IS NOT NULL")
      .get();
    database.close();
    expect(indexes?.n).toBe(Object.keys(STREAM_RECORD_INDEXES).length);

    const streams = new DynamoDBStreamsClient(localClientConfig(running.endpoint));
    const tableClient = localDynamoDbClient(running.endpoint);
    try {
      for (const [table, ids] of [
        ['first', ['a', 'b', 'c']],
        ['second', ['a2', 'b2', 'c2']],
      ] as const) {
        const { Table } = await tableClient.send(new DescribeTableCommand({ TableName: table }));
        const description = await streams.send(new DescribeStreamCommand({ StreamArn: Table?.LatestStreamArn }));
        const shard = description.StreamDescription?.Shards?.[0];
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: Table?.LatestStreamArn,
            ShardId: shard?.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
        expect(Records?.map((record) => record.dynamodb?.Keys?.id?.S)).toEqual(ids);
      }
    } finally {
      streams.destroy();
      tableClient.destroy();
    }
  }, 60_000);
});
