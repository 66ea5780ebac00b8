// docs/architecture.md §5 "Supervision": each local service that dies comes back on the same port
// over the same data folder, with its data, and the user reads one line about it. DynamoDB Local is
// a JVM of its own: the test kills it with SIGKILL. cognito-local and s3rver run in the stack's
// process: what can die is their listening server, which the test closes under them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AdminCreateUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  createDynamoDbDataSource,
  ensureUserPool,
  localClientConfig,
  localS3ClientConfig,
  startCognitoLocal,
  startDynamoDbLocal,
  startS3Local,
} from '../../../local/index.ts';
import { canListSockets, processesListeningOn, socketsOnPort } from '../../support/listeningSockets.ts';
import { DATA_SOURCE_CALL } from '../../support/dataSourceCall.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prolynk-supervision-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const RESTARTED =
  /^(.+) \(port (\d+)\) exited unexpectedly \((.+)\) and was restarted on the same port in ([\d.]+) s \(data in (.+)\); requests in between failed with 503, which clients retry\.$/;
const call = DATA_SOURCE_CALL;

describe.skipIf(!canListSockets)('a DynamoDB Local killed with SIGKILL', () => {
  it('is restarted on the same port with its tables and items, after one line; requests meanwhile fail as a 503', async () => {
    const dataDir = await tempDir();
    const lines: string[] = [];
    const dynamoDb = await startDynamoDbLocal({ dataDir, notify: (line) => lines.push(line) });
    const client = new DynamoDBClient(localClientConfig(dynamoDb.endpoint, { maxAttempts: 1 }));
    try {
      await client.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        }),
      );
      await client.send(new PutItemCommand({ TableName: 'kept', Item: { id: { S: 'a' }, note: { S: 'before' } } }));
      const [jvm] = processesListeningOn(dynamoDb.port);
      expect(jvm).toBeGreaterThan(0);

      process.kill(jvm, 'SIGKILL');
      await vi.waitFor(() => expect(socketsOnPort(dynamoDb.port)).toEqual([]), { timeout: 5_000, interval: 20 });
      const source = createDynamoDbDataSource({ name: 'Kept', tableName: 'kept', client });
      const inGap = await source.invoke({ operation: 'GetItem', key: { id: { S: 'a' } } }, call);
      await vi.waitFor(() => expect(lines).toHaveLength(1), { timeout: 30_000, interval: 50 });

      expect(inGap.error?.type).toBe('DynamoDB:DynamoDbException');
      expect(inGap.error?.message).toMatch(
        /^Service Unavailable: .*\(Service: DynamoDb, Status Code: 503, Request ID: null\)$/,
      );
      const [, name, port, how, , where] = RESTARTED.exec(lines[0]) ?? [];
      expect({ name, port: Number(port), how, where }).toEqual({
        name: 'DynamoDB Local',
        port: dynamoDb.port,
        how: 'killed by SIGKILL',
        where: dataDir,
      });
      const [again] = processesListeningOn(dynamoDb.port);
      expect(again).not.toBe(jvm);
      const item = await client.send(new GetItemCommand({ TableName: 'kept', Key: { id: { S: 'a' } } }));
      expect(item.Item?.note).toEqual({ S: 'before' });
    } finally {
      client.destroy();
      await dynamoDb.stop();
    }
    expect(socketsOnPort(dynamoDb.port)).toEqual([]);
    expect(lines).toHaveLength(1);
  }, 60_000);
});

describe('s3rver whose listening server closes', () => {
  it('listens again on the same port with its objects, after one line', async () => {
    const dataDir = await tempDir();
    const lines: string[] = [];
    const s3 = await startS3Local({ dataDir, buckets: [{ name: 'kept' }], notify: (line) => lines.push(line) });
    const client = new S3Client(localS3ClientConfig(s3.endpoint));
    try {
      await client.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a.txt', Body: 'before' }));
      const dead = s3.server();

      dead.close();
      dead.closeAllConnections();
      await vi.waitFor(() => expect(lines).toHaveLength(1), { timeout: 10_000, interval: 20 });

      const [, name, port, how, , where] = RESTARTED.exec(lines[0]) ?? [];
      expect({ name, port: Number(port), how, where }).toEqual({
        name: 's3rver',
        port: s3.port,
        how: 'its listening server closed',
        where: dataDir,
      });
      expect(s3.server()).not.toBe(dead);
      const object = await client.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a.txt' }));
      expect(await object.Body?.transformToString()).toBe('before');
    } finally {
      client.destroy();
      await s3.stop();
    }
    await expect(fetch(`${s3.endpoint}/`)).rejects.toThrow();
    expect(lines).toHaveLength(1);
  });
});

describe('cognito-local whose listening server closes', () => {
  it('listens again on the same port with its pool and users, after one line', async () => {
    const dataDir = await tempDir();
    const lines: string[] = [];
    const cognito = await startCognitoLocal({ dataDir, notify: (line) => lines.push(line) });
    const client = new CognitoIdentityProviderClient(localClientConfig(cognito.endpoint));
    try {
      const pool = await ensureUserPool(cognito.endpoint, { name: 'kept', clients: [] });
      await client.send(
        new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: 'ada', MessageAction: 'SUPPRESS' }),
      );
      const dead = cognito.server();

      dead.close();
      dead.closeAllConnections();
      await vi.waitFor(() => expect(lines).toHaveLength(1), { timeout: 10_000, interval: 20 });

      const [, name, port, how, , where] = RESTARTED.exec(lines[0]) ?? [];
      expect({ name, port: Number(port), how, where }).toEqual({
        name: 'cognito-local',
        port: cognito.port,
        how: 'its listening server closed',
        where: dataDir,
      });
      const user = await client.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: 'ada' }));
      expect(user.Username).toBe('ada');
    } finally {
      client.destroy();
      await cognito.stop();
    }
    await expect(fetch(`${cognito.endpoint}/health`)).rejects.toThrow();
    expect(lines).toHaveLength(1);
  });
});
