// The write row: saveLink over GraphQL (a Cognito user's token), each request updating one of the
// user's live links by its client-chosen id (the create-or-update pipeline: getLink, then the
// conditional UpdateItem), next to the same two DynamoDB requests sent directly with the SDK.
// Updates of a live link carry no race condition of their own, so every request must succeed.
import { randomUUID } from 'node:crypto';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_LOCAL_PASSWORD, getLocalTokens } from '../local/index.ts';
import type { LocalOutputs } from '../local/index.ts';
import { seedProfile } from './seed.ts';

const SAVE_LINK = 'mutation L($i: LinkInput!) { saveLink(input: $i) { linkId title } }';

/** A writer: a new user with `links` live links, and its token. */
export interface LinkWriter {
  token: string;
  userId: string;
  linkIds: string[];
}

async function saveLink(outputs: LocalOutputs, token: string, input: Record<string, unknown>): Promise<void> {
  const res = await fetch(outputs.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: SAVE_LINK, variables: { i: input } }),
  });
  const body = (await res.json()) as { data?: { saveLink?: { linkId: string } }; errors?: unknown };
  if (res.status !== 200 || body.errors || body.data?.saveLink?.linkId !== input.linkId)
    throw new Error(`saveLink answered ${res.status}: ${JSON.stringify(body)}`);
}

/** Creates a user with a profile and `links` links under ids of its choosing. */
export async function createLinkWriter(outputs: LocalOutputs, links: number): Promise<LinkWriter> {
  const seeded = await seedProfile(outputs, 0);
  const tokens = await getLocalTokens({
    cognitoEndpoint: outputs.cognitoEndpoint,
    userPoolId: outputs.userPoolId,
    clientId: outputs.userPoolClientId,
    region: outputs.region,
    email: `${seeded.username}@example.com`,
    password: DEFAULT_LOCAL_PASSWORD,
  });
  const linkIds = Array.from({ length: links }, () => randomUUID());
  for (const [order, linkId] of linkIds.entries()) {
    await saveLink(outputs, tokens.accessToken, { linkId, title: 'Start', url: 'https://start.example', order });
  }
  return { token: tokens.accessToken, userId: seeded.userId, linkIds };
}

/** One saveLink update per call, round-robin over the writer's links. */
export function graphqlLinkUpdate(outputs: LocalOutputs, writer: LinkWriter): () => Promise<void> {
  let n = 0;
  return () => {
    n += 1;
    const linkId = writer.linkIds[n % writer.linkIds.length];
    return saveLink(outputs, writer.token, { linkId, title: `Title ${n}`, url: `https://w${n}.example` });
  };
}

/** The pipeline's own requests, sent directly: GetItem of the link, then its conditional UpdateItem. */
export function directLinkUpdate(client: DynamoDBClient, writer: LinkWriter): () => Promise<void> {
  let n = 0;
  return async () => {
    n += 1;
    const key = { user_id: { S: writer.userId }, link_id: { S: writer.linkIds[n % writer.linkIds.length] } };
    const link = await client.send(new GetItemCommand({ TableName: 'prolynk-links', Key: key, ConsistentRead: true }));
    if (!link.Item) throw new Error('the writer’s link is missing');
    await client.send(
      new UpdateItemCommand({
        TableName: 'prolynk-links',
        Key: key,
        UpdateExpression: 'SET #t = :t, #u = :u, #at = :at',
        ConditionExpression: 'attribute_exists(#k) AND (attribute_not_exists(#d) OR #d = :false)',
        ExpressionAttributeNames: {
          '#t': 'title',
          '#u': 'url',
          '#at': 'updated_at',
          '#k': 'link_id',
          '#d': 'is_deleted',
        },
        ExpressionAttributeValues: {
          ':t': { S: `Direct ${n}` },
          ':u': { S: `https://d${n}.example` },
          ':at': { S: new Date().toISOString() },
          ':false': { BOOL: false },
        },
      }),
    );
  };
}
