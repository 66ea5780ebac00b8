// What the local AppSync engine is built from. The template loader (local/template/) produces
// these from the synthesized CloudFormation template; nothing here is declared by hand.
import type { IamPolicyStatement } from '../dataSources/iamPolicy.ts';

/** AppSync's authorization modes, spelled as in CloudFormation. */
export type AuthMode = 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

/** One configured auth provider (the default or an additional one). */
export interface AuthProvider {
  mode: AuthMode;
  /** For AMAZON_COGNITO_USER_POOLS: which pool, and the optional client-id regex. */
  userPool?: { userPoolId: string; awsRegion: string; appIdClientRegex?: string; defaultAction?: 'ALLOW' | 'DENY' };
}

/** An API key from the template (AWS::AppSync::ApiKey). */
export interface ApiKeyDefinition {
  /** The key value clients send in x-api-key (locally: derived from the logical ID, stable). */
  value: string;
  /** Expiry, seconds since the epoch (CloudFormation `Expires`); UpdateApiKey moves it. */
  expires: number;
  /** CloudFormation `Description`; UpdateApiKey may change it. */
  description?: string;
}

/** A data source's ServiceRoleArn: the role's ARN and its policy statements, resolved. */
export interface ServiceRoleDefinition {
  arn: string;
  statements: IamPolicyStatement[];
}

/** AWS::AppSync::DataSource, resolved. */
export interface DataSourceDefinition {
  name: string;
  type: 'AMAZON_DYNAMODB' | 'AWS_LAMBDA' | 'NONE' | 'HTTP';
  /** AMAZON_DYNAMODB: the table this data source targets. */
  tableName?: string;
  region?: string;
  /** AWS_LAMBDA: the function's logical ID in the template. */
  lambdaFunctionLogicalId?: string;
  /** The role AppSync calls the service as; absent when the template's role cannot be read (not enforced). */
  serviceRole?: ServiceRoleDefinition;
}

/** AWS::AppSync::FunctionConfiguration, resolved. */
export interface FunctionDefinition {
  /** The function's logical ID (pipelines refer to functions by it). */
  id: string;
  name: string;
  dataSourceName: string;
  /** The APPSYNC_JS bundle exactly as deployed. */
  code: string;
}

/** AWS::AppSync::Resolver, resolved. */
export interface ResolverDefinition {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  /** UNIT only. */
  dataSourceName?: string;
  /** PIPELINE only: function ids in order. */
  functionIds?: string[];
  /** The APPSYNC_JS bundle exactly as deployed. */
  code: string;
}

/** Everything the engine needs for one GraphQL API. */
export interface ApiDefinition {
  logicalId: string;
  /** The API's id (Fn::GetAtt ApiId): what the control plane's paths name. */
  apiId: string;
  name: string;
  /** The SDL as deployed (AppSync dialect, without the AWS prelude). */
  schema: string;
  defaultAuth: AuthProvider;
  additionalAuth: AuthProvider[];
  apiKeys: ApiKeyDefinition[];
  /** AppSync environment variables (ctx.env). */
  environmentVariables: Record<string, string>;
  dataSources: DataSourceDefinition[];
  functions: FunctionDefinition[];
  resolvers: ResolverDefinition[];
  /** QueryDepthLimit and ResolverCountLimit (0 or absent: AppSync's defaults, no depth limit and 10,000 resolvers). */
  limits?: { queryDepth?: number; resolverCount?: number };
}
