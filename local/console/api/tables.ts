// The data view's tables: every table on DynamoDB Local with its keys, and one page of items at a
// time, read-only. A Scan is the right tool for a person browsing a local table (the API itself
// never scans); pages follow DynamoDB's own LastEvaluatedKey, handed to the page as an opaque token.
import {
  DescribeTableCommand,
  ListTablesCommand,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Hono } from 'hono';
import { ConsoleError } from './consoleError.ts';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

/** The /tables routes over a DynamoDB client. */
export function tableRoutes(client: DynamoDBClient): Hono {
  const app = new Hono();

  app.get('/tables', async (c) => {
    const names = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    const tables = await Promise.all(
      names.map(async (name) => {
        const { Table: table } = await client.send(new DescribeTableCommand({ TableName: name }));
        return {
          name,
          keys: (table?.KeySchema ?? []).map((k) => ({ name: k.AttributeName, type: k.KeyType })),
          itemCount: table?.ItemCount ?? null,
        };
      }),
    );
    return c.json({ tables });
  });

  app.get('/tables/:name/items', async (c) => {
    const limit = pageSize(c.req.query('limit'));
    const name = c.req.param('name');
    const out = await client
      .send(new ScanCommand({ TableName: name, Limit: limit, ExclusiveStartKey: startKey(c.req.query('next')) }))
      .catch((error: unknown) => {
        if (error instanceof ResourceNotFoundException) throw new ConsoleError(404, `No table named ${name}.`);
        throw error;
      });
    return c.json({
      items: (out.Items ?? []).map((item) => plainJson(unmarshall(item))),
      next: out.LastEvaluatedKey ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url') : null,
    });
  });

  return app;
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new ConsoleError(400, `limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  return size;
}

function startKey(token: string | undefined): Record<string, AttributeValue> | undefined {
  if (!token) return undefined;
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, AttributeValue>;
  } catch {
    throw new ConsoleError(400, 'next is not a token this page handed out.');
  }
}

// Sets and binary values have no JSON form: a set becomes its list, bytes become base64 (as the
// DynamoDB console shows them).
function plainJson(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(plainJson);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plainJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainJson(item)]));
  return value;
}
