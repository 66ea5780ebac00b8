// Ref and Fn::GetAtt answered as the local stack runs the template: the physical IDs the running
// services assigned first, then CloudFormation's pseudo parameters, parameter defaults, and for each
// resource type the stack serves, the name and ARN it has locally (local/awsConfig.ts's region and
// account).
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

/** What a resource's reference needs: its logical ID, the attribute asked for, and how to read and name things. */
interface ResourceReference {
  logicalId: string;
  /** Absent for `Ref`. */
  attribute: string | undefined;
  region: string;
  account: string;
  physicalIds: Record<string, string>;
  /** The resource's property `name`, intrinsics resolved, or `fallback` when it is not set. */
  property(name: string, fallback?: string): string | undefined;
  /** `arn:aws:<service>:<region>:<account>:<resourcePart>`, or undefined without a resource part. */
  arn(service: string, resourcePart: string | undefined): string | undefined;
}

type ReferenceRule = (ref: ResourceReference) => unknown;

// What `Ref` and `Fn::GetAtt` give for each resource type the local stack serves; other types resolve to nothing.
const REFERENCE_RULES: Record<string, ReferenceRule> = {
  'AWS::DynamoDB::Table': (ref) => {
    const name = ref.property('TableName', ref.logicalId);
    if (!ref.attribute) return name;
    // StreamArn is only known once DynamoDB Local has created the table: pass it in physicalIds.
    return ref.attribute === 'Arn' ? ref.arn('dynamodb', `table/${name}`) : undefined;
  },
  'AWS::S3::Bucket': (ref) => {
    const name = ref.property('BucketName', ref.logicalId.toLowerCase());
    if (!ref.attribute) return name;
    return {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${ref.region}.amazonaws.com`,
    }[ref.attribute];
  },
  'AWS::Cognito::UserPool': (ref) => {
    // The pool ID is whatever cognito-local assigned: only physicalIds know it.
    const id = ref.physicalIds[ref.logicalId];
    if (!ref.attribute || id === undefined) return undefined;
    return {
      Arn: ref.arn('cognito-idp', `userpool/${id}`),
      ProviderName: `cognito-idp.${ref.region}.amazonaws.com/${id}`,
      ProviderURL: `https://cognito-idp.${ref.region}.amazonaws.com/${id}`,
      UserPoolId: id,
    }[ref.attribute];
  },
  'AWS::AppSync::GraphQLApi': (ref) => {
    const apiId = ref.physicalIds[`${ref.logicalId}.ApiId`] ?? `local${stableHash(ref.logicalId).slice(0, 20)}`;
    if (!ref.attribute || ref.attribute === 'Arn') return ref.arn('appsync', `apis/${apiId}`);
    // GraphQLUrl / RealtimeUrl depend on the port the local server binds: physicalIds only.
    return ref.attribute === 'ApiId' ? apiId : undefined;
  },
  'AWS::AppSync::ApiKey': (ref) => (ref.attribute === 'ApiKey' ? localApiKeyValue(ref.logicalId) : undefined),
  'AWS::AppSync::DataSource': (ref) => {
    const name = ref.property('Name');
    if (ref.attribute === 'Name') return name;
    return ref.attribute === 'DataSourceArn' || !ref.attribute
      ? ref.arn('appsync', `apis/local/datasources/${name}`)
      : undefined;
  },
  'AWS::AppSync::FunctionConfiguration': (ref) => {
    // Pipelines name their functions by FunctionId; locally that is the logical ID.
    if (ref.attribute === 'FunctionId') return ref.logicalId;
    if (ref.attribute === 'Name') return ref.property('Name');
    return ref.attribute === 'FunctionArn' || !ref.attribute
      ? ref.arn('appsync', `apis/local/functions/${ref.logicalId}`)
      : undefined;
  },
  'AWS::IAM::Role': (ref) => {
    const name = ref.property('RoleName', ref.logicalId);
    if (!ref.attribute) return name;
    return ref.attribute === 'Arn' ? `arn:aws:iam::${ref.account}:role/${name}` : undefined;
  },
  'AWS::Lambda::Function': (ref) => {
    const name = ref.property('FunctionName', ref.logicalId);
    if (!ref.attribute) return name;
    return ref.attribute === 'Arn' ? ref.arn('lambda', `function:${name}`) : undefined;
  },
  'AWS::Logs::LogGroup': (ref) => {
    const name = ref.property('LogGroupName', ref.logicalId);
    if (!ref.attribute) return name;
    return ref.attribute === 'Arn' ? ref.arn('logs', `log-group:${name}:*`) : undefined;
  },
};

/** CloudFormation's pseudo parameters as the local stack answers them. */
function pseudoParameters(region: string, account: string, stackName: string): Record<string, string> {
  return {
    'AWS::Region': region,
    'AWS::AccountId': account,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:aws:cloudformation:${region}:${account}:stack/${stackName}/local`,
  };
}

/** A ReferenceResolver giving each resource the physical ID and attributes it has on the local services. */
export function createLocalReferenceResolver(
  template: CfnTemplate,
  environment: LocalEnvironment = {},
): ReferenceResolver {
  const region = environment.region ?? LOCAL_REGION;
  const account = environment.accountId ?? LOCAL_ACCOUNT_ID;
  const physicalIds = environment.physicalIds ?? {};
  const pseudo = pseudoParameters(region, account, environment.stackName ?? 'ProLynk');

  const resolver: ReferenceResolver = (logicalId, attribute) => {
    const known = physicalIds[attribute ? `${logicalId}.${attribute}` : logicalId];
    if (known !== undefined) return known;
    if (!attribute && logicalId in pseudo) return pseudo[logicalId];
    const parameter = template.Parameters?.[logicalId];
    if (parameter) return attribute ? undefined : parameter.Default;
    const resource = template.Resources[logicalId];
    const rule = resource && REFERENCE_RULES[resource.Type];
    if (!rule) return undefined;
    return rule({
      logicalId,
      attribute,
      region,
      account,
      physicalIds,
      property(name, fallback) {
        const value = resource.Properties?.[name];
        if (value === undefined) return fallback;
        return String(resolveIntrinsics(value, resolver, { resource: logicalId, path: `Properties.${name}` }));
      },
      arn: (service, resourcePart) =>
        resourcePart === undefined ? undefined : `arn:aws:${service}:${region}:${account}:${resourcePart}`,
    });
  };
  return resolver;
}

function stableHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
