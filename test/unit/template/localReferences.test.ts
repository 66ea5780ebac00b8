// Ref and Fn::GetAtt as the local stack answers them: physical IDs the services assigned first,
// then pseudo parameters, parameters, and each served resource type's names and ARNs.
import { describe, expect, it } from 'vitest';
import { createLocalReferenceResolver, localApiKeyValue } from '../../../local/template/index.ts';
import type { CfnTemplate } from '../../../local/template/index.ts';

const template: CfnTemplate = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
  Resources: {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: { 'Fn::Sub': 'profiles-${Stage}' } } },
    Bucket: { Type: 'AWS::S3::Bucket' },
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Api: { Type: 'AWS::AppSync::GraphQLApi' },
    Key: { Type: 'AWS::AppSync::ApiKey' },
    Source: { Type: 'AWS::AppSync::DataSource', Properties: { Name: 'Profiles' } },
    Step: { Type: 'AWS::AppSync::FunctionConfiguration', Properties: { Name: 'getProfile' } },
    Role: { Type: 'AWS::IAM::Role' },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'presign' } },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/presign' } },
    Queue: { Type: 'AWS::SQS::Queue' },
  },
};
const refs = createLocalReferenceResolver(template, {
  physicalIds: { Pool: 'local_pool', 'Table.StreamArn': 'arn:stream' },
});

describe('the local reference resolver', () => {
  it('answers pseudo parameters and parameter defaults', () => {
    expect(refs('AWS::Region', undefined)).toBe('us-east-1');
    expect(refs('AWS::AccountId', undefined)).toBe('000000000000');
    expect(refs('AWS::StackId', undefined)).toBe('arn:aws:cloudformation:us-east-1:000000000000:stack/ProLynk/local');
    expect(refs('Stage', undefined)).toBe('dev');
  });

  it('names resources from their properties (intrinsics resolved) or their logical IDs', () => {
    expect(refs('Table', undefined)).toBe('profiles-dev');
    expect(refs('Table', 'Arn')).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/profiles-dev');
    expect(refs('Bucket', undefined)).toBe('bucket');
    expect(refs('Bucket', 'RegionalDomainName')).toBe('bucket.s3.us-east-1.amazonaws.com');
    expect(refs('Role', 'Arn')).toBe('arn:aws:iam::000000000000:role/Role');
    expect(refs('Fn', 'Arn')).toBe('arn:aws:lambda:us-east-1:000000000000:function:presign');
    expect(refs('Logs', 'Arn')).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/presign:*');
  });

  it('takes what only the running services know from physicalIds', () => {
    expect(refs('Table', 'StreamArn')).toBe('arn:stream');
    expect(refs('Pool', 'ProviderURL')).toBe('https://cognito-idp.us-east-1.amazonaws.com/local_pool');
    expect(refs('Pool', undefined)).toBe('local_pool');
    expect(createLocalReferenceResolver(template)('Pool', 'UserPoolId')).toBeUndefined();
  });

  it("gives AppSync resources stable local IDs, ARNs and the API key's value", () => {
    expect(refs('Api', 'ApiId')).toMatch(/^local[0-9a-f]{20}$/);
    expect(refs('Api', 'Arn')).toBe(`arn:aws:appsync:us-east-1:000000000000:apis/${refs('Api', 'ApiId')}`);
    expect(refs('Api', 'GraphQLUrl')).toBeUndefined();
    expect(refs('Key', 'ApiKey')).toBe(localApiKeyValue('Key'));
    expect(refs('Source', 'Name')).toBe('Profiles');
    expect(refs('Step', 'FunctionId')).toBe('Step');
    expect(refs('Step', 'FunctionArn')).toBe('arn:aws:appsync:us-east-1:000000000000:apis/local/functions/Step');
  });

  it('resolves unknown attributes, types the stack does not serve and missing resources to nothing', () => {
    expect(refs('Table', 'Nope')).toBeUndefined();
    expect(refs('Queue', 'Arn')).toBeUndefined();
    expect(refs('Missing', undefined)).toBeUndefined();
  });
});
