import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DeleteTableCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateIamRequest,
  createLambdaRunner,
  localStreamArns,
  localStreamsClient,
  startStreamPollers,
  localDynamoDbClient,
} from '../../../local/index.ts';
import type { LambdaRunner, StreamPollers } from '../../../local/index.ts';
import { bundledFunction, LOCAL_AWS_ENV } from './bundledFunction.ts';

// The bundled publisher, fed by the local stream pollers from real DynamoDB Local tables, calling
// a stand-in GraphQL endpoint that checks the SigV4 signature and records each mutation.
const endpoint = process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT as string;
const dynamodb = localDynamoDbClient(endpoint);
const streamsClient = localStreamsClient(endpoint);
const prefix = `publish-${randomUUID().slice(0, 8)}`;
const TABLES = { users: `${prefix}-users`, profiles: `${prefix}-profiles`, links: `${prefix}-links` };
const STREAM = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } as const;

interface Received {
  signed: boolean;
  query: string;
  input: Record<string, unknown>;
}
const received: Received[] = [];
let server: http.Server;
let runner: LambdaRunner;
let pollers: StreamPollers;

function table(name: string, keys: string[], stream: boolean): CreateTableCommandInput {
  return {
    TableName: name,
    KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: 'S' })),
    BillingMode: 'PAY_PER_REQUEST',
    ...(stream ? { StreamSpecification: STREAM } : {}),
  };
}

beforeAll(async () => {
  await Promise.all([
    dynamodb.send(new CreateTableCommand(table(TABLES.users, ['user_id'], false))),
    dynamodb.send(new CreateTableCommand(table(TABLES.profiles, ['username'], true))),
    dynamodb.send(new CreateTableCommand(table(TABLES.links, ['user_id', 'link_id'], true))),
  ]);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = await authenticateIamRequest(
        { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers as Record<string, string>, body },
        {
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          region: 'us-east-1',
          sourceIp: ['127.0.0.1'],
          nowMs: Date.now(),
        },
      );
      const parsed = JSON.parse(body) as { query: string; variables: { input: Record<string, unknown> } };
      received.push({ signed: auth.ok, query: parsed.query, input: parsed.variables.input });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: { publishProfileEvent: parsed.variables.input } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const graphqlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  runner = createLambdaRunner(
    [
      bundledFunction('PublishFunction', 'publish', {
        ...LOCAL_AWS_ENV,
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        GRAPHQL_URL: graphqlUrl,
        USERS_TABLE: TABLES.users,
        PROFILES_TABLE: TABLES.profiles,
        LINKS_TABLE: TABLES.links,
      }),
    ],
    { logs: 'ignore' },
  );
  const arns = await localStreamArns(dynamodb, {
    Resources: {
      Profiles: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { TableName: TABLES.profiles, StreamSpecification: STREAM },
      },
      Links: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: TABLES.links, StreamSpecification: STREAM } },
    },
  });
  const mapping = (streamArn: string) => ({
    logicalId: streamArn,
    functionName: 'PublishFunction',
    streamArn,
    batchSize: 100,
    maximumBatchingWindowSeconds: 1,
    startingPosition: 'LATEST' as const,
    maximumRetryAttempts: 3,
    bisectBatchOnFunctionError: true,
    reportBatchItemFailures: true,
    enabled: true,
  });
  pollers = startStreamPollers({
    mappings: [mapping(arns['Profiles.StreamArn']), mapping(arns['Links.StreamArn'])],
    streamsClient,
    pollIntervalMs: 50,
    log: () => undefined,
    invoke: (fn, event) => runner.invoke(fn, event),
  });
  await pollers.ready;
}, 60_000);

afterAll(async () => {
  await pollers?.stop();
  await runner?.close();
  server?.close();
  await Promise.all(
    Object.values(TABLES).map((name) =>
      dynamodb.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined),
    ),
  );
});

const USER = randomUUID();
const profile = (username: string) =>
  marshall({
    username,
    user_id: USER,
    full_name: 'Grace Hopper',
    skills: ['cobol'],
    social_links: {},
    projects: [],
    email: 'grace.private@example.com',
    phone: '+1 555 0100',
    date_of_birth: '1906-12-09',
    show_email: false,
    show_phone: false,
    show_resume: false,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: '2024-01-01T00:00:00.000Z',
  });

async function eventFor(match: (input: Record<string, unknown>) => boolean, timeoutMs = 15_000): Promise<Received> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = received.find((r) => match(r.input));
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no matching event; received ${JSON.stringify(received.map((r) => r.input))}`);
    await sleep(50);
  }
}

describe('the stream publisher (bundled) behind the local stream pollers', () => {
  it('publishes UPDATED with the public view, signed with IAM and selecting every ProfileEvent field', async () => {
    await dynamodb.send(
      new PutItemCommand({ TableName: TABLES.users, Item: marshall({ user_id: USER, username: 'grace' }) }),
    );
    await dynamodb.send(new PutItemCommand({ TableName: TABLES.profiles, Item: profile('grace') }));
    const event = await eventFor((i) => i.username === 'grace' && i.kind === 'UPDATED');
    expect(event.signed).toBe(true);
    expect(event.query).toMatch(
      /publishProfileEvent\(input: \$input\) \{ username kind renamedTo profile occurredAt \}/,
    );
    const json = event.input.profile as string;
    for (const secret of ['grace.private@example.com', '+1 555 0100', '1906-12-09', USER])
      expect(json).not.toContain(secret);
    expect(JSON.parse(json)).toMatchObject({ username: 'grace', fullName: 'Grace Hopper', isOwner: false, links: [] });
  });

  it("publishes LINKS_CHANGED with the owner's live links", async () => {
    await dynamodb.send(
      new PutItemCommand({
        TableName: TABLES.links,
        Item: marshall({
          user_id: USER,
          link_id: 'l1',
          title: 'Site',
          url: 'https://grace.example',
          order: 0,
          is_deleted: false,
          created_at: '2024-01-01T00:00:00.000Z',
          updated_at: '2024-01-01T00:00:00.000Z',
        }),
      }),
    );
    const event = await eventFor((i) => i.kind === 'LINKS_CHANGED');
    expect(event.input.username).toBe('grace');
    expect(JSON.parse(event.input.profile as string).links).toEqual([
      expect.objectContaining({ linkId: 'l1', url: 'https://grace.example' }),
    ]);
  });

  it('publishes a rename (one transaction) as RENAMED for the old name with the new profile', async () => {
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLES.profiles, Item: profile('amazing-grace') } },
          { Delete: { TableName: TABLES.profiles, Key: marshall({ username: 'grace' }) } },
          { Put: { TableName: TABLES.users, Item: marshall({ user_id: USER, username: 'amazing-grace' }) } },
        ],
      }),
    );
    const event = await eventFor((i) => i.kind === 'RENAMED');
    expect(event.input).toMatchObject({ username: 'grace', renamedTo: 'amazing-grace' });
    expect(JSON.parse(event.input.profile as string)).toMatchObject({
      username: 'amazing-grace',
      email: null,
      dateOfBirth: null,
    });
  });

  it('publishes DELETED with no profile when the name is simply gone', async () => {
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Delete: { TableName: TABLES.profiles, Key: marshall({ username: 'amazing-grace' }) } },
          { Put: { TableName: TABLES.users, Item: marshall({ user_id: USER }) } },
        ],
      }),
    );
    const event = await eventFor((i) => i.kind === 'DELETED');
    expect(event.input).toMatchObject({ username: 'amazing-grace', renamedTo: null, profile: null });
  });
});
