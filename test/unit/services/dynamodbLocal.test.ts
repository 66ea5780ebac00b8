import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTables, localDynamoDbClient, startDynamoDbLocal } from '../../../local/services/dynamodb.ts';

const table: CreateTableCommandInput = {
  TableName: 'persisted',
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
};

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'prolynk-ddb-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('startDynamoDbLocal', () => {
  it('creates a missing data folder and keeps tables and items across a stop and a start', async () => {
    const dataDir = join(root, 'nested', 'data');

    const first = await startDynamoDbLocal({ dataDir });
    const firstClient = localDynamoDbClient(first.endpoint);
    await ensureTables(firstClient, [table]);
    await firstClient.send(new PutItemCommand({ TableName: 'persisted', Item: { id: { S: 'kept' } } }));
    firstClient.destroy();
    await first.stop();

    const second = await startDynamoDbLocal({ dataDir });
    const secondClient = localDynamoDbClient(second.endpoint);
    try {
      // A second ensureTables must leave the existing table (and its data) alone.
      await ensureTables(secondClient, [table]);
      const tables = await secondClient.send(new ListTablesCommand({}));
      const item = await secondClient.send(
        new GetItemCommand({ TableName: 'persisted', Key: { id: { S: 'kept' } }, ConsistentRead: true }),
      );

      expect(tables.TableNames).toEqual(['persisted']);
      expect(item.Item).toEqual({ id: { S: 'kept' } });
      // sharedDb: one database file whatever the credentials or region.
      expect(await readdir(dataDir)).toEqual(['shared-local-instance.db']);
    } finally {
      secondClient.destroy();
      await second.stop();
    }
  }, 120_000);

  it('stops listening once stop() resolves', async () => {
    const running = await startDynamoDbLocal({});
    const client = localDynamoDbClient(running.endpoint);
    await client.send(new ListTablesCommand({}));

    await running.stop();

    await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(/ECONNREFUSED/);
    client.destroy();
  }, 120_000);
});
