// How long the local APPSYNC_JS runtime takes to evaluate one resolver's request + response,
// data source excluded: each deployed bundle from the template runs against a data source that
// answers instantly with a canned DynamoDB result. Median and p99 over many evaluations.
import { resolve } from 'node:path';
import {
  createLocalReferenceResolver,
  createResolverEvaluator,
  extractGraphqlApis,
  loadCloudAssembly,
  offlinePhysicalIds,
} from '../local/index.ts';
import type { ApiDefinition, DataSource, ResolverEvaluator, ResolverInput } from '../local/index.ts';
import { percentile } from './stats.ts';

const SUB = '0b7c6a0e-1111-4222-8333-444455556666';
const PROFILE_ITEM = {
  username: 'ada',
  user_id: SUB,
  full_name: 'Ada Lovelace',
  title: 'Analyst',
  bio: 'First programmer.',
  skills: ['math', 'engines'],
  social_links: { github: 'https://github.com/ada' },
  show_email: true,
  show_phone: false,
  show_resume: false,
  email: 'ada@example.com',
  projects: [{ id: 'p1', title: 'Engine', link: 'https://engine.example', tech_stack: ['brass'], order: 1 }],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

interface Case {
  field: string;
  args: Record<string, unknown>;
  source?: unknown;
  result: unknown;
}

const CASES: Case[] = [
  { field: 'Query.profile', args: { username: 'ada' }, result: PROFILE_ITEM },
  { field: 'Query.usernameAvailable', args: { username: 'ada' }, result: null },
  {
    field: 'Profile.links',
    args: {},
    source: { userId: SUB },
    result: {
      items: [1, 2, 3, 4, 5].map((i) => ({
        user_id: SUB,
        link_id: `l${i}`,
        title: `L${i}`,
        url: 'https://x.example',
        order: 5 - i,
        is_deleted: false,
        created_at: 'x',
        updated_at: 'x',
      })),
      nextToken: null,
      scannedCount: 5,
    },
  },
  {
    field: 'Mutation.saveLink',
    args: { input: { title: 'GitHub', url: 'https://github.com/ada', order: 1 } },
    result: { keys: [], cancellationReasons: null },
  },
  {
    field: 'Mutation.saveProfile',
    args: { input: { fullName: 'Ada', bio: 'Updated', skills: ['a', 'b', 'c'] } },
    result: PROFILE_ITEM,
  },
];

/** Median and p99 (µs) of one request+response evaluation per resolver, data source excluded. */
export async function measureResolverEvaluation(
  cdkOutDir: string,
  iterations = 5000,
): Promise<{ field: string; medianUs: number; p99Us: number }[]> {
  const { template } = loadCloudAssembly(cdkOutDir);
  const [api] = extractGraphqlApis(
    template,
    createLocalReferenceResolver(template, { physicalIds: offlinePhysicalIds(template) }),
  );
  const rows = [];
  for (const c of CASES) {
    const instant: DataSource = {
      name: 'instant',
      type: 'AMAZON_DYNAMODB',
      invoke: async () => ({ result: c.result }),
    };
    const resolvers = compileWith(api, instant);
    const compiled = resolvers.get(c.field);
    if (!compiled) throw new Error(`no resolver ${c.field} in the template`);
    const [parentTypeName, fieldName] = c.field.split('.');
    const input: ResolverInput = {
      arguments: c.args,
      source: c.source ?? null,
      identity: {
        sub: SUB,
        issuer: 'local',
        username: SUB,
        claims: { sub: SUB },
        sourceIp: ['127.0.0.1'],
        defaultAuthStrategy: 'ALLOW',
        groups: null,
      },
      info: {
        fieldName,
        parentTypeName,
        variables: {},
        selectionSetList: ['username'],
        selectionSetGraphQL: '{ username }',
      },
      request: { headers: {}, domainName: null },
      env: api.environmentVariables,
    };
    const samples: number[] = [];
    for (let i = 0; i < iterations + 500; i += 1) {
      const started = process.hrtime.bigint();
      await resolvers.evaluate(compiled, input);
      if (i >= 500) samples.push(Number(process.hrtime.bigint() - started) / 1000);
    }
    rows.push({ field: c.field, medianUs: percentile(samples, 50), p99Us: percentile(samples, 99) });
  }
  return rows;
}

// Every data source of the API answers through `dataSource`.
function compileWith(api: ApiDefinition, dataSource: DataSource): ResolverEvaluator {
  return createResolverEvaluator(api, new Map(api.dataSources.map((d) => [d.name, dataSource])));
}

/** A markdown table of the evaluation timings. */
export function formatEvaluationTable(rows: { field: string; medianUs: number; p99Us: number }[]): string {
  const lines = rows.map(
    (r) => `| ${r.field.padEnd(23)} | ${r.medianUs.toFixed(1).padStart(9)} | ${r.p99Us.toFixed(1).padStart(7)} |`,
  );
  return [
    '| resolver                | median µs |  p99 µs |',
    '|-------------------------|----------:|--------:|',
    ...lines,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  say(formatEvaluationTable(await measureResolverEvaluation(resolve(import.meta.dirname, '..', 'cdk.out'))));
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
