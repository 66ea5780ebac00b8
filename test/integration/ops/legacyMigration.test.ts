// Adopting the seed's data, end to end on a local stack of its own (the migration scans whole
// tables, so it must not meet other suites' rows): seed-era rows generated as the seed's Lambdas
// left them → a dry run that writes nothing → a migration interrupted and resumed → every sampled
// profile read back through GraphQL and REST → the 100-link bound counting old links → a second
// migration that changes nothing → Ctrl-C on the command, and the resume.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStack } from '../../../local/index.ts';
import type { LocalStack } from '../../../local/index.ts';
import { runMigration } from '../../../ops/migrate/runMigration.ts';
import type { MigrationSummary } from '../../../ops/migrate/summary.ts';
import { generateLegacyData } from '../../../ops/seedLegacy/generateLegacyData.ts';
import type { LegacyDataManifest } from '../../../ops/seedLegacy/generateLegacyData.ts';
import { dynamoDbClient, resolveTarget } from '../../../ops/target.ts';
import type { Target } from '../../../ops/target.ts';
import { cognitoCaller } from '../../support/callers.ts';
import { localApi } from '../../support/localApi.ts';
import { testTempDir } from '../../support/tempDirs.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const PROFILES = 200;
const FAST = 100_000;
const PROFILE_QUERY = `query P($u: String!) { profile(username: $u) {
  username avatarUrl profileImageUrl createdAt socialLinks { platform url } projects { id title } links { linkId title order }
} }`;

let dataDir: string;
let stack: LocalStack;
let target: Target;
let client: DynamoDBClient;
let manifest: LegacyDataManifest;
let dryRun: MigrationSummary;
let migrated: MigrationSummary;

async function snapshot(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(target.tables)) {
    const items: unknown[] = [];
    let start: Record<string, never> | undefined;
    do {
      const out = await client.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey as typeof start;
    } while (start);
    tables[name] = items.map((i) => JSON.stringify(i, Object.keys(i as object).sort())).sort();
  }
  return tables;
}

async function itemCount(table: string): Promise<number> {
  return (await client.send(new DescribeTableCommand({ TableName: table }))).Table?.ItemCount ?? 0;
}

beforeAll(async () => {
  dataDir = testTempDir('prolynk-adopt-');
  stack = await createLocalStack({ cdkOutDir: join(ROOT, 'cdk.out'), dataDir, ports: {} });
  target = resolveTarget({ outputs: join(dataDir, 'outputs.json') });
  client = dynamoDbClient(target);
  manifest = await generateLegacyData(client, target.tables, {
    profiles: PROFILES,
    seed: 11,
    assetsBaseUrl: `https://${stack.outputs.bucket}.s3.amazonaws.com`,
  });
}, 240_000);

afterAll(async () => {
  client?.destroy();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('migrating seed-era data', () => {
  it('a dry run reports every change it would make and writes nothing', { timeout: 120_000 }, async () => {
    const before = await snapshot();
    const outcome = await runMigration({ target, stateDir: join(dataDir, 'migrate'), dryRun: true, rate: FAST });
    expect(outcome.status).toBe('done');
    dryRun = outcome.summary as MigrationSummary;
    expect(dryRun.dryRun).toBe(true);
    for (const code of [
      'project-id',
      'avatar-url',
      'blank-social-link',
      'link-counted',
      'zone-less-timestamp',
      'account-created-at',
    ])
      expect(dryRun.fixed[code], code).toBeGreaterThan(0);
    for (const code of ['profile-field', 'username-case', 'case-collision', 'username-invalid', 'username-reserved'])
      expect(dryRun.unfixable[code], code).toBeGreaterThan(0);
    expect(dryRun.notes['no-claimed-name']).toBe(manifest.traits['no-claimed-name']);
    expect(dryRun.caseGroups.length).toBe(manifest.traits['case-variant']);
    expect(await snapshot()).toEqual(before);
  });

  it('an interrupted migration resumes from its checkpoint and ends as one uninterrupted run would', {
    timeout: 180_000,
  }, async () => {
    const stateDir = join(dataDir, 'migrate');
    const abort = new AbortController();
    const first = await runMigration({
      target,
      stateDir,
      rate: FAST,
      segments: 2,
      pageSize: 25,
      signal: abort.signal,
      onPage: ({ pages }) => pages === 5 && abort.abort(),
    });
    expect(first.status).toBe('interrupted');
    const checkpoint = JSON.parse(readFileSync(first.files.checkpoint, 'utf8'));
    expect(checkpoint.status).toBe('running');
    expect(checkpoint.tables.profiles.scanned).toBeGreaterThanOrEqual(5 * 25 - 25);
    expect(checkpoint.tables.profiles.scanned).toBeLessThan(PROFILES);

    const second = await runMigration({ target, stateDir, rate: FAST, segments: 2, pageSize: 25 });
    expect(second).toMatchObject({ status: 'done', resumed: true });
    migrated = second.summary as MigrationSummary;
    expect(migrated.runs).toBe(2);
    expect(migrated.tables.profiles.scanned).toBe(await itemCount(target.tables.profiles));
    expect(migrated.tables.users.scanned).toBe(await itemCount(target.tables.users));
    expect(migrated.tables.links.scanned).toBe(await itemCount(target.tables.links));
    // Per owner and page: how often a user's links are counted in pieces depends on the paging.
    const { 'link-counted': _counted, ...fixed } = migrated.fixed;
    const { 'link-counted': _wouldCount, ...wouldFix } = dryRun.fixed;
    expect(fixed).toEqual(wouldFix);
    expect(migrated.unfixable).toEqual(dryRun.unfixable);
    const users = (await snapshot()).users.map((row) => JSON.parse(row as string));
    expect(users.reduce((sum, user) => sum + (user.link_count ?? 0), 0)).toBe(manifest.liveLinks);
    const lines = readFileSync(second.files.report, 'utf8').trim().split('\n');
    const fixedLines = lines.filter((line) => JSON.parse(line).kind === 'fixed').length;
    expect(fixedLines).toBe(Object.values(migrated.fixed).reduce((a, b) => a + b, 0));
  });

  it('serves every sampled profile through GraphQL and REST, with its links, fixes visible', {
    timeout: 180_000,
  }, async () => {
    const samples = new Map<string, number>();
    for (const list of Object.values(manifest.samples))
      for (const s of list ?? []) if (s.username) samples.set(s.username, s.liveLinks);
    expect(samples.size).toBeGreaterThan(20);
    for (const [username, liveLinks] of samples) {
      const graphql = await fetch(stack.outputs.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': stack.outputs.apiKey },
        body: JSON.stringify({ query: PROFILE_QUERY, variables: { u: username } }),
      }).then((r) => r.json() as Promise<any>);
      expect(graphql.errors, username).toBeUndefined();
      const profile = graphql.data.profile;
      expect(profile?.username, username).toBe(username);
      expect(profile.links).toHaveLength(liveLinks);
      expect(profile.createdAt).toMatch(/(Z|[+-]\d\d:\d\d)$/);
      expect(profile.socialLinks.every((l: { url: string }) => l.url.trim() !== '')).toBe(true);
      expect(profile.avatarUrl).toBe(profile.profileImageUrl);
      const row = await localApi(target.client.endpoint as string).item(target.tables.profiles, { username });
      expect((row?.projects ?? []).every((p: { id?: string }) => typeof p.id === 'string')).toBe(true);

      const rest = await fetch(`${stack.outputs.restUrl}/profiles/${encodeURIComponent(username)}`);
      expect(rest.status, username).toBe(200);
      const body = (await rest.json()) as any;
      expect(body.username).toBe(username);
      expect(body.links).toHaveLength(liveLinks);
    }
  });

  it('reads every migrated profile through GraphQL without an error', { timeout: 180_000 }, async () => {
    const names = (await snapshot()).profiles.map((row) => JSON.parse(row as string).username as string);
    expect(names).toHaveLength(PROFILES);
    const failures: string[] = [];
    for (let at = 0; at < names.length; at += 10) {
      await Promise.all(
        names.slice(at, at + 10).map(async (u) => {
          const res = await fetch(stack.outputs.graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': stack.outputs.apiKey },
            body: JSON.stringify({ query: PROFILE_QUERY, variables: { u } }),
          }).then((r) => r.json() as Promise<any>);
          if (res.errors || res.data?.profile?.username !== u)
            failures.push(`${u}: ${JSON.stringify(res).slice(0, 200)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
  });

  it('counts old links toward the 100-link bound', { timeout: 60_000 }, async () => {
    const power = manifest.samples['power-user']?.[0];
    expect(power?.liveLinks).toBe(100);
    const api = localApi(target.client.endpoint as string);
    const owner = cognitoCaller(power?.sub);
    expect(await api.item(target.tables.users, { user_id: power?.sub as string })).toMatchObject({ link_count: 100 });
    const save = () =>
      api.run(owner, 'mutation { saveLink(input: { title: "One more", url: "https://more.example" }) { linkId } }');

    expect((await save()).errors?.[0]).toMatchObject({
      errorType: 'BadRequest',
      message: expect.stringContaining('at most 100 links'),
    });
    const mine = await api.run(owner, '{ myProfile { links { linkId } } }');
    const oldLink = mine.data?.myProfile.links[0].linkId;
    expect(
      (await api.run(owner, `mutation { deleteLink(linkId: "${oldLink}") { isDeleted } }`)).errors,
    ).toBeUndefined();
    expect(await api.item(target.tables.users, { user_id: power?.sub as string })).toMatchObject({ link_count: 99 });
    expect((await save()).errors).toBeUndefined();
    expect((await save()).errors?.[0]).toMatchObject({ errorType: 'BadRequest' });
  });

  it('changes nothing when run again', { timeout: 120_000 }, async () => {
    const before = await snapshot();
    const again = await runMigration({ target, stateDir: join(dataDir, 'migrate'), rate: FAST });
    expect(again).toMatchObject({ status: 'done', resumed: false });
    const summary = again.summary as MigrationSummary;
    expect(summary.fixed).toEqual({});
    expect(Object.values(summary.tables).map((t) => t.changed)).toEqual([0, 0, 0]);
    expect(summary.unfixable).toEqual(migrated.unfixable);
    expect(await snapshot()).toEqual(before);
  });

  it('stops on Ctrl-C at a page boundary, saying so, and the same command resumes', { timeout: 180_000 }, async () => {
    const stateDir = join(dataDir, 'cli');
    const command = (rate: number) =>
      // Node itself (not the tsx wrapper), so the signal reaches the command's own handler.
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'ops/migrate/cli.ts',
          '--outputs',
          join(dataDir, 'outputs.json'),
          '--state-dir',
          stateDir,
          '--rate',
          String(rate),
          '--page-size',
          '10',
          '--segments',
          '1',
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    const run = (child: ReturnType<typeof command>, onStderr?: (text: string) => void) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          onStderr?.(stderr);
        });
        child.on('close', (code) => done({ code, stdout, stderr }));
      });

    const slow = command(40);
    let interrupted = false;
    const first = await run(slow, (stderr) => {
      if (!interrupted && stderr.includes('[1/3] profiles')) {
        interrupted = true;
        slow.kill('SIGINT');
      }
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('Run the same command again to resume');
    const checkpoint = JSON.parse(readFileSync(join(stateDir, 'checkpoint.json'), 'utf8'));
    expect(checkpoint.status).toBe('running');

    const second = await run(command(FAST));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('resumed from');
    expect(second.stdout).toContain('2 runs');
    expect(JSON.parse(readFileSync(join(stateDir, 'report.json'), 'utf8'))).toMatchObject({ runs: 2, fixed: {} });
  });
});
