// The two ways the bench reads one public profile with its links: the GraphQL API over HTTP (what
// a client pays), and the same two DynamoDB requests the resolvers make, sent directly.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalOutputs } from '../local/index.ts';
import type { SeededProfile } from './seed.ts';

const PROFILE_QUERY = `query PublicProfile($username: String!) {
  profile(username: $username) {
    username fullName title bio skills email phone avatarUrl isOwner
    socialLinks { platform url }
    projects { id title description link techStack }
    links { linkId title url order }
  }
}`;

/** One `profile(username){… links{…}}` request with the API key; throws unless it returns all links. */
export function graphqlProfileRead(outputs: LocalOutputs, seeded: SeededProfile): () => Promise<void> {
  const body = JSON.stringify({ query: PROFILE_QUERY, variables: { username: seeded.username } });
  const headers = { 'content-type': 'application/json', 'x-api-key': outputs.apiKey };
  return async () => {
    const res = await fetch(outputs.graphqlUrl, { method: 'POST', headers, body });
    const json = (await res.json()) as { data?: { profile?: { links?: unknown[] } }; errors?: unknown };
    if (res.status !== 200 || json.errors || json.data?.profile?.links?.length !== seeded.linkCount) {
      throw new Error(`unexpected answer: HTTP ${res.status} ${JSON.stringify(json)}`);
    }
  };
}

/**
 * The resolvers' own requests, in their order: GetItem on profiles by username (Query.profile),
 * then Query on links by the owner's user_id with the live-link filter (Profile.links).
 */
export function directDynamoDbRead(client: DynamoDBClient, seeded: SeededProfile): () => Promise<void> {
  return async () => {
    const profile = await client.send(
      new GetItemCommand({ TableName: 'prolynk-profiles', Key: { username: { S: seeded.username } } }),
    );
    const userId = profile.Item?.user_id?.S;
    if (!userId) throw new Error('the seeded profile is missing');
    const links = await client.send(
      new QueryCommand({
        TableName: 'prolynk-links',
        KeyConditionExpression: '#u = :u',
        FilterExpression: 'attribute_not_exists(#d) OR #d = :false',
        ExpressionAttributeNames: { '#u': 'user_id', '#d': 'is_deleted' },
        ExpressionAttributeValues: { ':u': { S: userId }, ':false': { BOOL: false } },
      }),
    );
    if (links.Items?.length !== seeded.linkCount)
      throw new Error(`expected ${seeded.linkCount} links, got ${links.Items?.length}`);
  };
}
