// Reads everything stored about one account for its export: the users row and profile (strong
// reads by key; the owner's GSI when the users row names no profile), every other profile row the
// account owns (the seed let one owner leave several), every link row, every object under
// users/{sub}/ with its size and content type, and the account's profile stats.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ASSET_FOLDERS, assetUrl } from '../../resolvers/lib/assets.ts';
import { readAccountStats } from '../stats/accountStats.ts';
import { PROFILES_BY_OWNER_INDEX } from '../lib/accountTables.ts';
import type { AccountTables } from '../lib/accountTables.ts';
import type { AccountData, ExportedUpload } from './exportDocument.ts';

type Item = Record<string, unknown>;

export interface AccountDataSources {
  dynamodb: DynamoDBClient;
  tables: AccountTables;
  statsTable: string;
  s3: S3Client;
  bucket: string;
  /** Public base URL of the bucket, no trailing slash. */
  assetsBaseUrl: string;
  /** How long a presigned GET of a non-public upload stays valid, and from when. */
  urlExpiresIn: number;
  now: Date;
}

// HeadObject calls in flight at once.
const HEAD_CONCURRENCY = 8;

/** Everything stored about `userId`. */
export async function readAccountData(userId: string, sources: AccountDataSources): Promise<AccountData> {
  const { dynamodb, tables } = sources;
  const account = await getItem(dynamodb, tables.users, { user_id: userId });
  const named = typeof account?.username === 'string' ? account.username : null;
  const namedProfile = named === null ? null : await getItem(dynamodb, tables.profiles, { username: named });
  // The erasure removes every row this index finds (functions/account-erasure/accountRows.ts): the
  // export shows the same rows.
  const owned = await queryAll(dynamodb, {
    TableName: tables.profiles,
    IndexName: PROFILES_BY_OWNER_INDEX,
    KeyConditionExpression: '#owner = :owner',
    ExpressionAttributeNames: { '#owner': 'user_id' },
    ExpressionAttributeValues: marshall({ ':owner': userId }),
  });
  const profile = namedProfile !== null && namedProfile.user_id === userId ? namedProfile : (owned[0] ?? null);
  const otherProfiles = owned.filter((row) => row.username !== profile?.username);
  const links = await queryAll(dynamodb, {
    TableName: tables.links,
    KeyConditionExpression: '#owner = :owner',
    ExpressionAttributeNames: { '#owner': 'user_id' },
    ExpressionAttributeValues: marshall({ ':owner': userId }),
    ConsistentRead: true,
  });
  const stats = await readAccountStats(dynamodb, userId, { table: sources.statsTable });
  return { account, profile, otherProfiles, links, uploads: await readUploads(userId, sources), stats };
}

async function readUploads(userId: string, sources: AccountDataSources): Promise<ExportedUpload[]> {
  const objects: { key: string; size: number; lastModified: string | null }[] = [];
  let token: string | undefined;
  do {
    const page = await sources.s3.send(
      new ListObjectsV2Command({ Bucket: sources.bucket, Prefix: `users/${userId}/`, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      objects.push({
        key: object.Key as string,
        size: object.Size ?? 0,
        lastModified: object.LastModified?.toISOString() ?? null,
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);

  const uploads: ExportedUpload[] = [];
  for (let start = 0; start < objects.length; start += HEAD_CONCURRENCY) {
    const chunk = objects.slice(start, start + HEAD_CONCURRENCY);
    uploads.push(...(await Promise.all(chunk.map((object) => describeUpload(userId, object, sources)))));
  }
  return uploads;
}

async function describeUpload(
  userId: string,
  object: { key: string; size: number; lastModified: string | null },
  sources: AccountDataSources,
): Promise<ExportedUpload> {
  const head = await sources.s3.send(new HeadObjectCommand({ Bucket: sources.bucket, Key: object.key }));
  const isPublic = Object.keys(ASSET_FOLDERS).some((folder) => object.key.startsWith(`users/${userId}/${folder}/`));
  const url = isPublic
    ? assetUrl(sources.assetsBaseUrl, object.key)
    : await getSignedUrl(sources.s3, new GetObjectCommand({ Bucket: sources.bucket, Key: object.key }), {
        expiresIn: sources.urlExpiresIn,
        signingDate: sources.now,
      });
  return { ...object, contentType: head.ContentType ?? null, url };
}

async function getItem(client: DynamoDBClient, table: string, key: Record<string, string>): Promise<Item | null> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }),
  );
  return Item ? plain(unmarshall(Item)) : null;
}

async function queryAll(client: DynamoDBClient, input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(plain(unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

// DynamoDB sets and binary values have no JSON form of their own: sets become arrays, bytes base64.
function plain(value: Item): Item {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Set ? [...v] : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
    ),
  ) as Item;
}
