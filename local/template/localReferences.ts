import { createHash } from 'node:crypto';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../awsConfig.ts';
import type { CfnTemplate } from './cloudFormation.ts';
import { resolveIntrinsics } from './resolveIntrinsics.ts';
import type { ReferenceResolver } from './resolveIntrinsics.ts';

export interface LocalEnvironment {
  region?: string;
  accountId?: string;
  stackName?: string;
  /**
   * Physical IDs known only once services run, keyed by logical ID (for `Ref`) or
   * `logicalId.Attribute` (for `Fn::GetAtt`), e.g. the cognito-local pool and client IDs.
   */
  physicalIds?: Record<string, string>;
}

/** The local API key value for an AWS::AppSync::ApiKey: stable across starts, shaped like AppSync's `da2-…` keys. */
export function localApiKeyValue(logicalId: string): string {
  return `da2-local${stableHash(logicalId).slice(0, 21)}`;
}

/** A ReferenceResolver giving each resource the physical ID and attributes it has on the local services. */
export function createLocalReferenceResolver(
  template: CfnTemplate,
  environment: LocalEnvironment = {},
): ReferenceResolver {
  const region = environment.region ?? LOCAL_REGION;
  const account = environment.accountId ?? LOCAL_ACCOUNT_ID;
  const physicalIds = environment.physicalIds ?? {};
  const pseudo: Record<string, string> = {
    'AWS::Region': region,
    'AWS::AccountId': account,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': environment.stackName ?? 'ProLynk',
    'AWS::StackId': `arn:aws:cloudformation:${region}:${account}:stack/${environment.stackName ?? 'ProLynk'}/local`,
  };

  const resolver: ReferenceResolver = (logicalId, attribute) => {
    const known = physicalIds[attribute ? `${logicalId}.${attribute}` : logicalId];
    if (known !== undefined) return known;
    if (!attribute && logicalId in pseudo) return pseudo[logicalId];
    const parameter = template.Parameters?.[logicalId];
    if (parameter) return attribute ? undefined : parameter.Default;
    const resource = template.Resources[logicalId];
    if (!resource) return undefined;
    const property = (name: string, fallback?: string): string | undefined => {
      const value = resource.Properties?.[name];
      if (value === undefined) return fallback;
      return String(resolveIntrinsics(value, resolver, { resource: logicalId, path: `Properties.${name}` }));
    };
    const arn = (service: string, resourcePart: string | undefined) =>
      resourcePart === undefined ? undefined : `arn:aws:${service}:${region}:${account}:${resourcePart}`;

    switch (resource.Type) {
      case 'AWS::DynamoDB::Table': {
        const name = property('TableName', logicalId);
        if (!attribute) return name;
        // StreamArn is only known once DynamoDB Local has created the table: pass it in physicalIds.
        return attribute === 'Arn' ? arn('dynamodb', `table/${name}`) : undefined;
      }
      case 'AWS::S3::Bucket': {
        const name = property('BucketName', logicalId.toLowerCase());
        if (!attribute) return name;
        return {
          Arn: `arn:aws:s3:::${name}`,
          DomainName: `${name}.s3.amazonaws.com`,
          RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
        }[attribute];
      }
      case 'AWS::Cognito::UserPool': {
        // The pool ID is whatever cognito-local assigned: only physicalIds know it.
        if (!attribute) return undefined;
        const id = physicalIds[logicalId];
        if (id === undefined) return undefined;
        return {
          Arn: arn('cognito-idp', `userpool/${id}`),
          ProviderName: `cognito-idp.${region}.amazonaws.com/${id}`,
          ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${id}`,
          UserPoolId: id,
        }[attribute];
      }
      case 'AWS::AppSync::GraphQLApi': {
        const apiId = physicalIds[`${logicalId}.ApiId`] ?? `local${stableHash(logicalId).slice(0, 20)}`;
        if (!attribute || attribute === 'Arn') return arn('appsync', `apis/${apiId}`);
        // GraphQLUrl / RealtimeUrl depend on the port the local server binds: physicalIds only.
        return attribute === 'ApiId' ? apiId : undefined;
      }
      case 'AWS::AppSync::ApiKey':
        return attribute === 'ApiKey' ? localApiKeyValue(logicalId) : undefined;
      case 'AWS::AppSync::DataSource': {
        const name = property('Name');
        if (attribute === 'Name') return name;
        return attribute === 'DataSourceArn' || !attribute
          ? arn('appsync', `apis/local/datasources/${name}`)
          : undefined;
      }
      case 'AWS::AppSync::FunctionConfiguration':
        // Pipelines name their functions by FunctionId; locally that is the logical ID.
        if (attribute === 'FunctionId') return logicalId;
        if (attribute === 'Name') return property('Name');
        return attribute === 'FunctionArn' || !attribute
          ? arn('appsync', `apis/local/functions/${logicalId}`)
          : undefined;
      case 'AWS::IAM::Role': {
        const name = property('RoleName', logicalId);
        if (!attribute) return name;
        return attribute === 'Arn' ? `arn:aws:iam::${account}:role/${name}` : undefined;
      }
      case 'AWS::Lambda::Function': {
        const name = property('FunctionName', logicalId);
        if (!attribute) return name;
        return attribute === 'Arn' ? arn('lambda', `function:${name}`) : undefined;
      }
      case 'AWS::Logs::LogGroup': {
        const name = property('LogGroupName', logicalId);
        if (!attribute) return name;
        return attribute === 'Arn' ? arn('logs', `log-group:${name}:*`) : undefined;
      }
      default:
        return undefined;
    }
  };
  return resolver;
}

function stableHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
