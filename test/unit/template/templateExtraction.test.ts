import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalReferenceResolver,
  extractBuckets,
  extractGraphqlApis,
  extractTables,
  extractUserPools,
  loadCloudAssembly,
  localApiKeyValue,
  TemplateResolutionError,
} from '../../../local/template/index.ts';
import type { CloudAssembly, ReferenceResolver } from '../../../local/template/index.ts';
import { FIXTURE_RESOLVERS_DIR, synthesizeStack } from '../../infra/fixtures/synthesizeStack.ts';

// The real stack synthesized to disk on the fixture resolvers, then read back as the local runtime does.
let outdir: string;
let assembly: CloudAssembly;
let resolver: ReferenceResolver;
const physicalIds = { AuthUserPool8115E87F: 'us-east-1_localPool', AuthUserPoolWebClient147E4E38: 'local-client-id' };

beforeAll(() => {
  const synthesized = synthesizeStack({ resolversDir: FIXTURE_RESOLVERS_DIR });
  synthesized.app.synth();
  outdir = synthesized.outdir;
  assembly = loadCloudAssembly(outdir);
  resolver = createLocalReferenceResolver(assembly.template, { physicalIds });
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('loadCloudAssembly', () => {
  it('finds the stack template through manifest.json, and its file assets', () => {
    expect(assembly.stackName).toBe('ProLynk-local');
    expect(assembly.templateFile).toMatch(/ProLynk-local\.template\.json$/);
    expect(Object.keys(assembly.template.Resources).length).toBeGreaterThan(10);
    // The functions' bundles are the zip assets; the template itself is not listed.
    expect(assembly.assets.every((asset) => !asset.path.endsWith('.template.json'))).toBe(true);
  });

  it('says to synthesize first when cdk.out has no manifest', () => {
    expect(() => loadCloudAssembly('/nonexistent/cdk.out')).toThrow(
      /manifest\.json not found: run `npm run synth` first/,
    );
  });
});

describe('extractTables', () => {
  it('turns each table into a CreateTable request with its keys, indexes, billing and stream', () => {
    const tables = extractTables(assembly.template, resolver);

    expect(tables.map((table) => table.TableName).sort()).toEqual([
      'prolynk-links',
      'prolynk-profiles',
      'prolynk-stats',
      'prolynk-stats-visitors',
      'prolynk-users',
    ]);
    expect(tables.find((table) => table.TableName === 'prolynk-users')).toEqual({
      TableName: 'prolynk-users',
      KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'user_id', AttributeType: 'S' },
        { AttributeName: 'email', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'email-index',
          KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    expect(tables.find((table) => table.TableName === 'prolynk-links')).toMatchObject({
      KeySchema: [
        { AttributeName: 'user_id', KeyType: 'HASH' },
        { AttributeName: 'link_id', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});

describe('extractGraphqlApis', () => {
  const api = () => {
    const apis = extractGraphqlApis(assembly.template, resolver);
    expect(apis).toHaveLength(1);
    return apis[0];
  };

  it('reads the deployed schema, auth providers with the local pool, and the API key', () => {
    const definition = api();

    expect(definition.name).toBe('prolynk-api');
    expect(definition.schema).toContain('usernameAvailable(username: String!): UsernameAvailability!');
    expect(definition.defaultAuth).toEqual({
      mode: 'AMAZON_COGNITO_USER_POOLS',
      userPool: { userPoolId: 'us-east-1_localPool', awsRegion: 'us-east-1', defaultAction: 'ALLOW' },
    });
    expect(definition.additionalAuth).toEqual([{ mode: 'API_KEY' }, { mode: 'AWS_IAM' }]);
    expect(definition.apiKeys).toHaveLength(1);
    expect(definition.apiKeys[0].value).toMatch(/^da2-[a-z0-9]{26}$/);
    expect(definition.apiKeys[0].expires).toBeGreaterThan(Date.now() / 1000 + 364 * 86_400);
  });

  it('resolves environment variables and data sources to local names', () => {
    const definition = api();

    expect(definition.environmentVariables).toEqual({
      USERS_TABLE: 'prolynk-users',
      PROFILES_TABLE: 'prolynk-profiles',
      LINKS_TABLE: 'prolynk-links',
      ASSETS_BASE_URL: 'https://prolynk-assets-000000000000.s3.amazonaws.com',
    });
    expect(definition.dataSources).toEqual(
      expect.arrayContaining([
        { name: 'UsersTable', type: 'AMAZON_DYNAMODB', tableName: 'prolynk-users', region: 'us-east-1' },
        { name: 'LinksTable', type: 'AMAZON_DYNAMODB', tableName: 'prolynk-links', region: 'us-east-1' },
        { name: 'NONE', type: 'NONE' },
      ]),
    );
  });

  it('gives pipelines their function ids in order, a shared function appearing once', () => {
    const definition = api();
    const myProfile = definition.resolvers.find((r) => r.typeName === 'Query' && r.fieldName === 'myProfile');
    const profile = definition.resolvers.find((r) => r.typeName === 'Query' && r.fieldName === 'profile');
    const names = (ids: string[] | undefined) =>
      ids?.map((id) => definition.functions.find((fn) => fn.id === id)?.name);

    expect(myProfile?.kind).toBe('PIPELINE');
    expect(names(myProfile?.functionIds)).toEqual(['Query_myProfile_1_getUser', 'getProfileByUsername']);
    expect(profile?.functionIds?.[0]).toBe(myProfile?.functionIds?.[1]);
    expect(definition.functions.filter((fn) => fn.name === 'getProfileByUsername')).toHaveLength(1);
  });

  it('carries the exact deployed bundle as each resolver and function code', () => {
    const definition = api();
    const me = definition.resolvers.find((r) => r.fieldName === 'me');
    const fromTemplate = Object.values(assembly.template.Resources).find(
      (resource) => resource.Type === 'AWS::AppSync::Resolver' && resource.Properties?.FieldName === 'me',
    );

    expect(me).toMatchObject({ kind: 'UNIT', dataSourceName: 'UsersTable' });
    expect(me?.code).toBe(fromTemplate?.Properties?.Code);
    expect(me?.code).toContain('export {');
  });

  it('fails naming the user pool when its local id is not supplied', () => {
    const withoutPool = createLocalReferenceResolver(assembly.template);

    expect(() => extractGraphqlApis(assembly.template, withoutPool)).toThrow(TemplateResolutionError);
    expect(() => extractGraphqlApis(assembly.template, withoutPool)).toThrow(
      /GraphqlApi5FB08D89 \(AWS::AppSync::GraphQLApi\) Properties\.UserPoolConfig\.UserPoolId\.Ref: Ref AuthUserPool8115E87F has no local value/,
    );
  });
});

describe('extractBuckets', () => {
  it('reads the bucket name, versioning, CORS in the S3 API shape, public prefixes and HTTPS-only', () => {
    expect(extractBuckets(assembly.template, resolver)).toEqual([
      {
        logicalId: expect.stringMatching(/^StorageAssetsBucket/),
        name: 'prolynk-assets-000000000000',
        versioned: true,
        corsRules: [
          {
            AllowedHeaders: ['*'],
            AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
            AllowedOrigins: ['*'],
            ExposeHeaders: ['ETag', 'x-amz-server-side-encryption', 'x-amz-request-id', 'x-amz-id-2'],
            MaxAgeSeconds: 3000,
          },
        ],
        publicReadKeyPatterns: ['users/*/profile/*', 'users/*/projects/*', 'users/*/resume/*'],
        httpsOnly: true,
      },
    ]);
  });
});

describe('extractUserPools', () => {
  it('turns the pool into a CreateUserPool request and lists its client with its auth flows', () => {
    const [pool] = extractUserPools(assembly.template, resolver);

    expect(pool.name).toBe('prolynk-user-pool');
    expect(pool.createInput).toMatchObject({
      PoolName: 'prolynk-user-pool',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OFF',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
    expect(pool.createInput.Schema?.map((attribute) => attribute.Name).sort()).toEqual([
      'date_of_birth',
      'fullname',
      'picture',
      'username',
    ]);
    expect(pool.lambdaTriggers).toEqual({
      PreSignUp: expect.stringMatching(/^FunctionsPreSignUpFunction/),
      PostConfirmation: expect.stringMatching(/^FunctionsPostConfirmationFunction/),
    });
    expect(pool.clients).toHaveLength(1);
    expect(pool.clients[0]).toMatchObject({ name: 'prolynk-web', generateSecret: false });
    expect([...pool.clients[0].explicitAuthFlows].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
  });
});

describe('local references', () => {
  it('derives a stable AppSync-shaped API key per logical id', () => {
    expect(localApiKeyValue('ApiDefaultApiKeyF991C37B')).toBe(localApiKeyValue('ApiDefaultApiKeyF991C37B'));
    expect(localApiKeyValue('A')).not.toBe(localApiKeyValue('B'));
    expect(localApiKeyValue('A')).toMatch(/^da2-local[0-9a-f]{21}$/);
  });

  it('prefers caller-supplied physical ids, keyed by logical id or logicalId.Attribute', () => {
    const tableId = Object.keys(assembly.template.Resources).find((id) =>
      id.startsWith('StorageProfilesTable'),
    ) as string;
    const local = createLocalReferenceResolver(assembly.template, {
      physicalIds: {
        [`${tableId}.StreamArn`]: 'arn:aws:dynamodb:ddblocal:000000000000:table/prolynk-profiles/stream/x',
      },
    });

    expect(local(tableId, 'StreamArn')).toBe('arn:aws:dynamodb:ddblocal:000000000000:table/prolynk-profiles/stream/x');
    expect(local(tableId, 'Arn')).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/prolynk-profiles');
    expect(local(tableId, undefined)).toBe('prolynk-profiles');
  });
});
