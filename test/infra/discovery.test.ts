import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPSYNC_CODE_LIMIT, bundleResolverCode } from '../../cdk/resolvers/bundleResolverCode.ts';
import { discoverResolvers } from '../../cdk/resolvers/discoverResolvers.ts';
import { FIXTURE_RESOLVERS_DIR, SCHEMA_PATH } from './fixtures/synthesizeStack.ts';
import { testTempDir } from '../support/tempDirs.ts';

const DATA_SOURCES = [
  'UsersTable',
  'ProfilesTable',
  'LinksTable',
  'AccountJobsTable',
  'NONE',
  'PresignLambda',
  'ExportLambda',
];
const copies: string[] = [];

/** A scratch copy of the fixture resolvers that a test may break. */
function fixtureCopy(): string {
  const dir = join(testTempDir('prolynk-resolvers-'), 'resolvers');
  cpSync(FIXTURE_RESOLVERS_DIR, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

function discover(resolversDir: string) {
  return discoverResolvers({ resolversDir, schemaPath: SCHEMA_PATH, dataSourceNames: DATA_SOURCES });
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('resolver discovery', () => {
  it('wires unit files to the data source their header names and pipelines to their numbered steps', () => {
    const wiring = discover(FIXTURE_RESOLVERS_DIR);

    expect(wiring.resolvers.find((r) => r.typeName === 'Query' && r.fieldName === 'me')).toMatchObject({
      kind: 'UNIT',
      dataSourceName: 'UsersTable',
    });
    expect(wiring.resolvers.find((r) => r.fieldName === 'myProfile')).toMatchObject({
      kind: 'PIPELINE',
      functionNames: ['Query_myProfile_1_getUser', 'getProfileByUsername'],
    });
  });

  it('creates a shared function once when two pipelines reference it', () => {
    const wiring = discover(FIXTURE_RESOLVERS_DIR);

    const shared = wiring.functions.filter((fn) => fn.name === 'getProfileByUsername');
    const users = wiring.resolvers.filter(
      (r) => r.kind === 'PIPELINE' && r.functionNames.includes('getProfileByUsername'),
    );
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ dataSourceName: 'ProfilesTable' });
    expect(users.map((r) => r.fieldName).sort()).toEqual(['myProfile', 'profile']);
  });

  it('includes optional nested-field resolvers and never discovers lib/', () => {
    const wiring = discover(FIXTURE_RESOLVERS_DIR);

    expect(wiring.resolvers.map((r) => `${r.typeName}.${r.fieldName}`)).toContain('Profile.links');
    expect(wiring.resolvers.some((r) => r.file.includes('/lib/'))).toBe(false);
  });

  it('fails naming the root field that has no resolver file', () => {
    const dir = fixtureCopy();
    rmSync(join(dir, 'Mutation.deleteLink.ts'));

    expect(() => discover(dir)).toThrow(/Mutation\.deleteLink has no resolver/);
  });

  it('fails naming the file when it names a field the schema lacks', () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, 'Query.nobody.ts'), '// @dataSource NONE\nexport function request() { return {}; }\n');

    expect(() => discover(dir)).toThrow(/Query\.nobody\.ts: the schema has no field Query\.nobody/);
  });

  it('fails naming the file when it names a type the schema lacks', () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, 'Ghost.field.ts'), '// @dataSource NONE\n');

    expect(() => discover(dir)).toThrow(/Ghost\.field\.ts: the schema has no object type Ghost/);
  });

  it('fails naming the file when its first line has no @dataSource header', () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, 'Query.me.ts'), 'export function request() { return {}; }\n');

    expect(() => discover(dir)).toThrow(/Query\.me\.ts: the first line must be `\/\/ @dataSource <Name>`/);
  });

  it('fails naming the file when its header names an unknown data source', () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, 'Query.me.ts'), '// @dataSource OrdersTable\n');

    expect(() => discover(dir)).toThrow(/Query\.me\.ts: unknown data source "OrdersTable"/);
  });

  it('wires a step to a shared function only through its `// @function` header, not by what it re-exports', () => {
    const dir = fixtureCopy();
    writeFileSync(
      join(dir, 'Query.profile', '1.getProfile.ts'),
      "export * from '../functions/getProfileByUsername.ts';\n",
    );

    expect(() => discover(dir)).toThrow(
      /Query\.profile\/1\.getProfile\.ts: the first line must be `\/\/ @dataSource <Name>` .*, or `\/\/ @function <name>`/,
    );
  });

  it('fails naming the step when its `// @function` header names a shared function that does not exist', () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, 'Query.profile', '1.getProfile.ts'), '// @function missing\n');

    expect(() => discover(dir)).toThrow(
      /1\.getProfile\.ts: unknown shared function "missing" in `\/\/ @function` \(no .*functions\/missing\.ts\)/,
    );
  });

  it('fails naming the step when a `// @function` step also holds code, which would never run', () => {
    const dir = fixtureCopy();
    writeFileSync(
      join(dir, 'Query.profile', '1.getProfile.ts'),
      '// @function getProfileByUsername\nexport function request() { return {}; }\n',
    );

    expect(() => discover(dir)).toThrow(
      /1\.getProfile\.ts: a `\/\/ @function getProfileByUsername` step holds no code/,
    );
  });

  it('fails naming the file when a unit resolver or a shared function claims a `// @function` header', () => {
    const unit = fixtureCopy();
    writeFileSync(join(unit, 'Query.me.ts'), '// @function getProfileByUsername\n');
    const shared = fixtureCopy();
    writeFileSync(join(shared, 'functions', 'getProfileByUsername.ts'), '// @function getProfileByUsername\n');

    expect(() => discover(unit)).toThrow(/Query\.me\.ts: only a pipeline step may be a shared function/);
    expect(() => discover(shared)).toThrow(/getProfileByUsername\.ts: only a pipeline step may be a shared function/);
  });

  it('fails when a field has both a unit file and a pipeline folder', () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, 'Query.profile.ts'), '// @dataSource ProfilesTable\n');

    expect(() => discover(dir)).toThrow(/Query\.profile already has a resolver/);
  });
});

describe('resolver bundling', () => {
  it('bundles lib modules in and leaves @aws-appsync/utils external', () => {
    const code = bundleResolverCode(join(FIXTURE_RESOLVERS_DIR, 'Query.me.ts'));

    expect(code).toContain('function userKey(');
    expect(code).toMatch(/from "@aws-appsync\/utils"/);
    expect(code).toMatch(/export \{\s*request,\s*response\s*\}/);
    expect(code).not.toContain('sourceMappingURL');
  });

  it('fails naming the file when the bundle exceeds the AppSync code limit', () => {
    const dir = fixtureCopy();
    const file = join(dir, 'Query.me.ts');
    writeFileSync(
      file,
      `// @dataSource UsersTable\nexport function request() { return { blob: '${'x'.repeat(APPSYNC_CODE_LIMIT)}' }; }\n`,
    );

    expect(() => bundleResolverCode(file)).toThrow(
      /Query\.me\.ts: the bundle is \d+ characters; AppSync accepts at most 32768/,
    );
  });

  it('fails naming the file when esbuild cannot bundle it', () => {
    const dir = fixtureCopy();
    const file = join(dir, 'Query.me.ts');
    writeFileSync(
      file,
      "// @dataSource UsersTable\nimport { x } from './lib/nowhere.ts';\nexport const request = x;\n",
    );

    expect(() => bundleResolverCode(file)).toThrow(/Query\.me\.ts: esbuild failed: Could not resolve/);
  });
});
