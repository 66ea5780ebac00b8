import { describe, expect, it } from 'vitest';
import { listApiKeys, updateApiKey } from '../../../local/appsync/controlPlane/apiKeyOperations.ts';
import type { ApiKeyDefinition } from '../../../local/appsync/engine/definitions.ts';

const NOW = 1_800_000_000;
const DAY = 86_400;
const keys = (): ApiKeyDefinition[] => [
  { value: 'da2-live', expires: NOW + 10 * DAY, description: 'public reads' },
  { value: 'da2-expired', expires: NOW - 30 * DAY },
  { value: 'da2-deleted', expires: NOW - 61 * DAY },
];

describe('listApiKeys', () => {
  it('describes every key not yet deleted: 60 days after expiry', () => {
    expect(listApiKeys(keys(), NOW)).toEqual({
      apiKeys: [
        { id: 'da2-live', description: 'public reads', expires: NOW + 10 * DAY, deletes: NOW + 70 * DAY },
        { id: 'da2-expired', expires: NOW - 30 * DAY, deletes: NOW + 30 * DAY },
      ],
    });
  });
});

describe('updateApiKey', () => {
  it('moves the expiry, rounded down to the hour, and the description, on the key itself', () => {
    const all = keys();
    const expires = NOW + 365 * DAY - 1;

    const result = updateApiKey(all, 'da2-expired', { expires, description: 'renewed' }, NOW);

    const rounded = expires - (expires % 3600);
    expect(result).toEqual({
      apiKey: { id: 'da2-expired', description: 'renewed', expires: rounded, deletes: rounded + 60 * DAY },
    });
    expect(all[1]).toEqual({ value: 'da2-expired', expires: rounded, description: 'renewed' });
  });

  it.each([
    ['under a day', NOW + DAY - 1],
    ['over 365 days', NOW + 365 * DAY + 1],
    ['in the past', NOW - 1],
  ])('refuses an expiry %s with ApiKeyValidityOutOfBoundsException, changing nothing', (_, expires) => {
    const all = keys();

    expect(updateApiKey(all, 'da2-live', { expires, description: 'x' }, NOW)).toMatchObject({
      status: 400,
      errorType: 'ApiKeyValidityOutOfBoundsException',
    });
    expect(all).toEqual(keys());
  });

  it('answers NotFoundException for an unknown or deleted key, BadRequestException for a bad body', () => {
    const all = keys();

    expect(updateApiKey(all, 'da2-nope', { expires: NOW + 2 * DAY }, NOW)).toMatchObject({
      status: 404,
      errorType: 'NotFoundException',
      message: 'API key da2-nope not found.',
    });
    expect(updateApiKey(all, 'da2-deleted', { expires: NOW + 2 * DAY }, NOW)).toMatchObject({ status: 404 });
    for (const body of [undefined, [], 'text', { expires: '2030' }, { expires: 1.5 }, { description: 7 }])
      expect(updateApiKey(all, 'da2-live', body, NOW)).toMatchObject({ status: 400, errorType: 'BadRequestException' });
    expect(all).toEqual(keys());
  });
});
