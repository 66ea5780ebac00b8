import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../../../functions/account-export/exportDocument.ts';
import { erasureRequests } from '../../../../functions/account-erasure/jobRecords.ts';

describe('exportDocument', () => {
  it('keeps every stored attribute, orders other profile rows by name and links by creation, and flags each link as deleted or not', () => {
    const document = exportDocument(
      'sub-1',
      {
        account: { user_id: 'sub-1', email: 'a@x.com', link_count: 2 },
        profile: { username: 'ada', user_id: 'sub-1', date_of_birth: '1990-01-01', phone: '+1', show_phone: false },
        otherProfiles: [
          { username: 'ada_old2', user_id: 'sub-1' },
          { username: 'ada_old1', user_id: 'sub-1', bio: 'seed era' },
        ],
        links: [
          { link_id: 'b', created_at: '2030-01-02', is_deleted: true, title: 'B' },
          { link_id: 'a', created_at: '2030-01-01', title: 'A (seed era, no flag)' },
        ],
        uploads: [
          { key: 'users/sub-1/resume/z.pdf', size: 3, contentType: 'application/pdf', lastModified: null, url: 'u2' },
          { key: 'users/sub-1/profile/a.png', size: 1, contentType: 'image/png', lastModified: null, url: 'u1' },
        ],
        stats: [{ day: '2030-01-01', kind: 'views', count: 3 }],
      },
      new Date('2030-01-03T00:00:00.000Z'),
    );

    expect(document).toEqual({
      format: 'prolynk-account-export',
      version: 1,
      exportedAt: '2030-01-03T00:00:00.000Z',
      userId: 'sub-1',
      account: { user_id: 'sub-1', email: 'a@x.com', link_count: 2 },
      profile: { username: 'ada', user_id: 'sub-1', date_of_birth: '1990-01-01', phone: '+1', show_phone: false },
      otherProfiles: [
        { username: 'ada_old1', user_id: 'sub-1', bio: 'seed era' },
        { username: 'ada_old2', user_id: 'sub-1' },
      ],
      links: [
        { link_id: 'a', created_at: '2030-01-01', title: 'A (seed era, no flag)', is_deleted: false },
        { link_id: 'b', created_at: '2030-01-02', is_deleted: true, title: 'B' },
      ],
      uploads: [
        { key: 'users/sub-1/profile/a.png', size: 1, contentType: 'image/png', lastModified: null, url: 'u1' },
        { key: 'users/sub-1/resume/z.pdf', size: 3, contentType: 'application/pdf', lastModified: null, url: 'u2' },
      ],
      stats: [{ day: '2030-01-01', kind: 'views', count: 3 }],
    });
  });
});

describe('erasureRequests', () => {
  const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', userId: string, job: string, sequence: string) => ({
    eventName,
    dynamodb: { Keys: { user_id: { S: userId }, job: { S: job } }, SequenceNumber: sequence },
  });

  it('asks once per account whose deletion job was written, at its first record, ignoring exports and expiries', () => {
    expect(
      erasureRequests([
        record('INSERT', 'a', 'deletion', '1'),
        record('MODIFY', 'b', 'export', '2'),
        record('MODIFY', 'a', 'deletion', '3'),
        record('REMOVE', 'c', 'deletion', '4'),
        record('MODIFY', 'd', 'deletion', '5'),
      ]),
    ).toEqual([
      { userId: 'a', sequenceNumber: '1' },
      { userId: 'd', sequenceNumber: '5' },
    ]);
  });
});
