// The seed's stateful resources as CloudFormation definitions, from what the seed's own
// documentation states (docs/rest-contract.md "Database Schema", "S3 Storage Architecture and
// the Upload Lambda", "Authentication") and nothing more. They are the import template's
// definitions (what CloudFormation records for the resources it takes over, matching their
// current state) and the fixtures the adoption tests compare the stack against. Names use the
// same intrinsics as the stack's template (the account as {Ref: AWS::AccountId}), so the
// follow-up deploy sees the same value, not merely the same result.

type Definition = Record<string, unknown>;

/** One of the seed's resources: its role, its CloudFormation type and properties. */
export interface SeedResource {
  role: 'usersTable' | 'profilesTable' | 'linksTable' | 'assetsBucket' | 'userPool';
  type: 'AWS::DynamoDB::Table' | 'AWS::S3::Bucket' | 'AWS::Cognito::UserPool';
  properties: Definition;
}

const string = (name: string) => ({ AttributeName: name, AttributeType: 'S' });
const key = (name: string, type: 'HASH' | 'RANGE') => ({ AttributeName: name, KeyType: type });
const index = (name: string, partitionKey: string) => ({
  IndexName: name,
  KeySchema: [key(partitionKey, 'HASH')],
  Projection: { ProjectionType: 'ALL' },
});
const customString = (name: string, mutable: boolean) => ({
  Name: name,
  AttributeDataType: 'String',
  Mutable: mutable,
});

/** The seed's three tables, its bucket and its user pool, for project `project`. */
export function seedResources(project: string): SeedResource[] {
  return [
    {
      role: 'usersTable',
      type: 'AWS::DynamoDB::Table',
      properties: {
        TableName: `${project}-users`,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string('user_id'), string('email')],
        KeySchema: [key('user_id', 'HASH')],
        GlobalSecondaryIndexes: [index('email-index', 'email')],
      },
    },
    {
      role: 'profilesTable',
      type: 'AWS::DynamoDB::Table',
      properties: {
        TableName: `${project}-profiles`,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string('username'), string('user_id')],
        KeySchema: [key('username', 'HASH')],
        GlobalSecondaryIndexes: [index('user_id-index', 'user_id')],
      },
    },
    {
      role: 'linksTable',
      type: 'AWS::DynamoDB::Table',
      properties: {
        TableName: `${project}-links`,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string('user_id'), string('link_id')],
        KeySchema: [key('user_id', 'HASH'), key('link_id', 'RANGE')],
      },
    },
    {
      role: 'assetsBucket',
      type: 'AWS::S3::Bucket',
      properties: {
        BucketName: { 'Fn::Join': ['', [`${project}-assets-`, { Ref: 'AWS::AccountId' }]] },
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
      },
    },
    {
      role: 'userPool',
      type: 'AWS::Cognito::UserPool',
      properties: {
        UserPoolName: `${project}-user-pool`,
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
        Schema: [
          customString('fullname', true),
          customString('date_of_birth', true),
          customString('username', false),
          customString('picture', true),
        ],
      },
    },
  ];
}
