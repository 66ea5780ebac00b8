import { readFileSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_PATH, synthesizeStack } from './fixtures/synthesizeStack.ts';

// The real stack, on the real resolvers/ folder.
let synthesized: ReturnType<typeof synthesizeStack>;
let template: Template;

beforeAll(() => {
  synthesized = synthesizeStack();
  template = Template.fromStack(synthesized.stack);
});

const tableKeys = (partitionKey: string, sortKey?: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' }] : []),
];

describe('storage', () => {
  it('keeps the seed users table: user_id key, email-index GSI projecting ALL, on demand, PITR', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'prolynk-users',
      KeySchema: tableKeys('user_id'),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      GlobalSecondaryIndexes: [
        { IndexName: 'email-index', KeySchema: tableKeys('email'), Projection: { ProjectionType: 'ALL' } },
      ],
      StreamSpecification: Match.absent(),
    });
  });

  it('keeps the seed profiles table: username key, user_id-index GSI, stream of new and old images', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'prolynk-profiles',
      KeySchema: tableKeys('username'),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      GlobalSecondaryIndexes: [
        { IndexName: 'user_id-index', KeySchema: tableKeys('user_id'), Projection: { ProjectionType: 'ALL' } },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('keeps the seed links table: user_id + link_id key, no index, stream of new and old images', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'prolynk-links',
      KeySchema: tableKeys('user_id', 'link_id'),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      GlobalSecondaryIndexes: Match.absent(),
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('retains every table when the stack or the resource goes away', () => {
    const tables = template.findResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(Object.keys(tables)).toHaveLength(Object.keys(template.findResources('AWS::DynamoDB::Table')).length);
    expect(Object.keys(tables)).toHaveLength(5);
  });

  it('names the bucket per account, versions it, and allows the seed CORS', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['', ['prolynk-assets-', { Ref: 'AWS::AccountId' }]] },
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedOrigins: ['*'],
            AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
            AllowedHeaders: ['*'],
            ExposedHeaders: ['ETag', 'x-amz-server-side-encryption', 'x-amz-request-id', 'x-amz-id-2'],
            MaxAge: 3000,
          },
        ],
      },
      // ACLs stay blocked; only the policy may grant public reads.
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    });
  });

  it('lets anyone GET only profile, project and resume objects, and denies plain HTTP', () => {
    const objectArn = (suffix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, suffix]] });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 's3:GetObject',
            Resource: [
              objectArn('/users/*/profile/*'),
              objectArn('/users/*/projects/*'),
              objectArn('/users/*/resume/*'),
            ],
          }),
        ]),
      },
    });
  });
});

describe('auth', () => {
  it('signs users in by email with the seed password policy, custom attributes and no MFA', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'prolynk-user-pool',
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
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'fullname', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'date_of_birth', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'username', AttributeDataType: 'String', Mutable: false }),
        Match.objectLike({ Name: 'picture', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('gives clients SRP and USER_PASSWORD_AUTH sign-in without a client secret', () => {
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));

    expect([...(client.Properties.ExplicitAuthFlows as string[])].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(client.Properties.GenerateSecret).toBe(false);
  });
});

describe('GraphQL API', () => {
  it('defaults to Cognito user pools and adds API key and IAM, logging field errors', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      Name: 'prolynk-api',
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      UserPoolConfig: { UserPoolId: { Ref: Match.stringLikeRegexp('UserPool') }, DefaultAction: 'ALLOW' },
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'API_KEY' }, { AuthenticationType: 'AWS_IAM' }],
      LogConfig: { FieldLogLevel: 'ERROR' },
    });
  });

  it('hands resolvers the table names and the public assets base URL as environment variables', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: {
        USERS_TABLE: { Ref: Match.stringLikeRegexp('^StorageUsersTable') },
        PROFILES_TABLE: { Ref: Match.stringLikeRegexp('^StorageProfilesTable') },
        LINKS_TABLE: { Ref: Match.stringLikeRegexp('^StorageLinksTable') },
        ASSETS_BASE_URL: {
          'Fn::Join': ['', ['https://', { Ref: Match.stringLikeRegexp('^StorageAssetsBucket') }, '.s3.amazonaws.com']],
        },
      },
    });
  });

  it('issues one API key with no expiry computed at synth; the renewal sets it at deploy and daily', () => {
    const keys = Object.values(template.findResources('AWS::AppSync::ApiKey'));
    expect(keys).toHaveLength(1);
    expect(keys[0].Properties.Expires).toBeUndefined();
    template.hasResourceProperties('Custom::ApiKeyRenewal', { ValidityDays: 365 });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)' });
  });

  it('has one DynamoDB data source per table, each allowed to read and write all three tables for transactions', () => {
    for (const name of ['UsersTable', 'ProfilesTable', 'LinksTable']) {
      template.hasResourceProperties('AWS::AppSync::DataSource', {
        Name: name,
        Type: 'AMAZON_DYNAMODB',
        DynamoDBConfig: { TableName: { Ref: Match.stringLikeRegexp(`^Storage${name}`) } },
      });
    }
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      /Api(Users|Profiles|Links)TableServiceRole/.test(JSON.stringify(policy.Properties.Roles)),
    );
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      const text = JSON.stringify(policy.Properties.PolicyDocument);
      for (const table of ['UsersTable', 'ProfilesTable', 'LinksTable'])
        expect(text).toMatch(new RegExp(`"Storage${table}[0-9A-F]{8}","Arn"`));
      expect(text).toContain('dynamodb:PutItem');
    }
  });

  it('has a resolver for every Query and Mutation field of schema.graphql', () => {
    const document = parse(readFileSync(SCHEMA_PATH, 'utf8'));
    const rootFields = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION &&
      ['Query', 'Mutation', 'Subscription'].includes(definition.name.value)
        ? (definition.fields ?? []).map((field) => ({ TypeName: definition.name.value, FieldName: field.name.value }))
        : [],
    );
    expect(rootFields.length).toBeGreaterThan(0);
    for (const field of rootFields) template.hasResourceProperties('AWS::AppSync::Resolver', field);
  });

  it('deploys every resolver and function as inline APPSYNC_JS code within the 32 KB limit', () => {
    const code = [
      ...Object.values(template.findResources('AWS::AppSync::Resolver')),
      ...Object.values(template.findResources('AWS::AppSync::FunctionConfiguration')),
    ].map((resource) => resource.Properties);
    for (const properties of code) {
      expect(properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(typeof properties.Code).toBe('string');
      expect((properties.Code as string).length).toBeLessThanOrEqual(32_768);
      expect(properties.CodeS3Location).toBeUndefined();
    }
  });

  it('outputs what clients configure themselves with', () => {
    for (const name of ['GraphQLUrl', 'ApiKey', 'UserPoolId', 'UserPoolClientId', 'BucketName', 'Region']) {
      template.hasOutput(name, {});
    }
  });
});

describe('inventory', () => {
  it('declares exactly the expected resources', () => {
    // users, profiles, links, stats, stats-visitors.
    template.resourceCountIs('AWS::DynamoDB::Table', 5);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.resourceCountIs('AWS::S3::BucketPolicy', 1);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.resourceCountIs('AWS::AppSync::GraphQLApi', 1);
    template.resourceCountIs('AWS::AppSync::GraphQLSchema', 1);
    template.resourceCountIs('AWS::AppSync::ApiKey', 1);
    template.resourceCountIs('AWS::AppSync::DataSource', 6);
    // presign, pre-sign-up, post-confirmation, the REST shim, the stream publisher, the API key
    // renewal, stats; no CDK helper function (the API's log group is the stack's own).
    template.resourceCountIs('AWS::Lambda::Function', 7);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    // The seed's seven, GET /users/me/stats, and the two public counting routes.
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 10);
  });
});
