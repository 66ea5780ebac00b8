// Factories for DynamoDB Streams records as Lambda delivers them (NEW_AND_OLD_IMAGES).
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamRecord } from '../../../../functions/publish/streamEvent.ts';

export const TABLES = { users: 'test-users', profiles: 'test-profiles', links: 'test-links' };
const streamArn = (table: string) =>
  `arn:aws:dynamodb:us-east-1:000000000000:table/${table}/stream/2024-01-01T00:00:00.000`;

let sequence = 100;

/** A stream record of `table` for `eventName`, with the images given (plain objects). */
export function streamRecord(
  table: 'profiles' | 'links' | string,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: { old?: Record<string, unknown>; new?: Record<string, unknown> },
  at = 1_700_000_000,
): DynamoDBStreamRecord {
  const tableName = table === 'profiles' || table === 'links' ? TABLES[table] : table;
  const image = images.new ?? images.old ?? {};
  const keys = table === 'links' ? { user_id: image.user_id, link_id: image.link_id } : { username: image.username };
  sequence += 1;
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: streamArn(tableName),
    dynamodb: {
      ApproximateCreationDateTime: at,
      Keys: marshall(keys),
      ...(images.new ? { NewImage: marshall(images.new, { removeUndefinedValues: true }) } : {}),
      ...(images.old ? { OldImage: marshall(images.old, { removeUndefinedValues: true }) } : {}),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** A stored profile row (seed attribute names) with private details the owner hides. */
export function profileRow(
  username: string,
  userId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    username,
    user_id: userId,
    full_name: 'Ada Lovelace',
    title: 'Engineer',
    bio: 'Analytical engines.',
    skills: ['math'],
    social_links: { github: 'https://github.com/ada' },
    projects: [],
    email: 'ada.hidden@example.com',
    phone: '+44 20 7946 0000',
    date_of_birth: '1815-12-10',
    show_email: false,
    show_phone: false,
    show_resume: false,
    resume_key: `users/${userId}/resume/cv.pdf`,
    resume_url: 'https://assets.example.com/cv.pdf',
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: '2024-01-02T00:00:00.000Z',
    ...overrides,
  };
}

/** A stored link row. */
export function linkRow(
  userId: string,
  linkId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    user_id: userId,
    link_id: linkId,
    title: `Link ${linkId}`,
    url: `https://example.com/${linkId}`,
    order: 0,
    is_deleted: false,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}
