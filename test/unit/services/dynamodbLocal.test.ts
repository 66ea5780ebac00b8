import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDynamoDbProcess } from '../../../local/services/dynamodb/dynamoDbProcess.ts';
import { ensureTables, localDynamoDbClient, startDynamoDbLocal } from '../../../local/services/dynamodb.ts';
import { findFreePort } from '../../../local/services/freePort.ts';
import { canListSockets, socketsOnPort } from '../../support/listeningSockets.ts';

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

  it.runIf(canListSockets)('listens on 127.0.0.1 only, not on every interface', async () => {
    const running = await startDynamoDbLocal({});
    try {
      expect(socketsOnPort(running.port).map((socket) => socket.address)).toEqual(['127.0.0.1']);
      expect(running.endpoint).toBe(`http://127.0.0.1:${running.port}`);
    } finally {
      await running.stop();
    }
  });

  it('ends its JVM when the stack’s end of its standard input closes (however the stack ended)', async () => {
    const port = await findFreePort();
    const { child, boundTo } = await spawnDynamoDbProcess({ host: '127.0.0.1', port });
    const exited = once(child, 'exit');
    child.stdout?.resume();
    child.stderr?.resume();
    await waitFor(() => socketsOnPort(port).length > 0 || !canListSockets);

    child.stdin?.end();
    const [code] = await exited;

    expect(boundTo).toBe('127.0.0.1');
    expect(code).toBe(0);
  }, 60_000);
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
