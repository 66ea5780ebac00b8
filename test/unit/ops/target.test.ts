// Where the ops tools work: the stage's names and region, explicit names, endpoints, local outputs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../ops/target.ts';
import { testTempDir } from '../../support/tempDirs.ts';

describe('ops targets', () => {
  it('take an adopting stage’s project, region and seed names, and know it holds real data', () => {
    const target = resolveTarget({ stage: 'adopt' });
    expect(target.tables).toEqual({ users: 'prolynk-users', profiles: 'prolynk-profiles', links: 'prolynk-links' });
    expect(target.client.region).toBe('us-east-1');
    expect(target.production).toBe(true);
    expect(target.client.endpoint).toBeUndefined();
  });

  it('need explicit table names for a stage whose names CloudFormation generates', () => {
    expect(() => resolveTarget({ stage: 'dev' })).toThrow(/--users-table, --profiles-table and --links-table/);
    const named = resolveTarget({ stage: 'dev', usersTable: 'u', profilesTable: 'p', linksTable: 'l' });
    expect(named).toMatchObject({ tables: { users: 'u', profiles: 'p', links: 'l' }, production: false });
  });

  it('read the local stack’s outputs, and say how to start it when there are none', () => {
    const dir = testTempDir('prolynk-target-');
    const file = join(dir, 'outputs.json');
    expect(() => resolveTarget({ outputs: file })).toThrow(/npm start/);
    writeFileSync(
      file,
      JSON.stringify({ dynamoDbEndpoint: 'http://127.0.0.1:4001', region: 'us-east-1', bucket: 'b' }),
    );
    expect(resolveTarget({ outputs: file })).toMatchObject({
      id: 'local-prolynk',
      bucket: 'b',
      client: { endpoint: 'http://127.0.0.1:4001', credentials: { accessKeyId: 'local' } },
    });
    expect(resolveTarget({ outputs: file, project: 'other' }).tables.users).toBe('other-users');
  });

  it('give different endpoints different checkpoint ids', () => {
    expect(resolveTarget({ endpoint: 'http://127.0.0.1:8000' }).id).not.toBe(
      resolveTarget({ endpoint: 'http://127.0.0.1:8001' }).id,
    );
  });
});
