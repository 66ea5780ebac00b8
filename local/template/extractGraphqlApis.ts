import type {
  ApiDefinition,
  ApiKeyDefinition,
  AuthMode,
  AuthProvider,
  DataSourceDefinition,
  FunctionDefinition,
  ResolverDefinition,
} from '../appsync/engine/definitions.ts';
import { referencedLogicalId, resourcesOfType } from './cloudFormation.ts';
import type { CfnResource, CfnTemplate } from './cloudFormation.ts';
import { extractServiceRole } from './extractServiceRole.ts';
import { localApiKeyValue } from './localReferences.ts';
import type { ReferenceResolver } from './resolveIntrinsics.ts';
import { propertyReader } from './resolveProperty.ts';
import type { PropertyReader } from './resolveProperty.ts';

// An AppSync API key without Expires lasts 7 days from creation.
const DEFAULT_API_KEY_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

interface UserPoolConfig {
  UserPoolId: string;
  AwsRegion: string;
  AppIdClientRegex?: string;
  DefaultAction?: 'ALLOW' | 'DENY';
}

/** The engine's definition of every AppSync GraphQL API in the template (schema, auth, keys, data sources, code). */
export function extractGraphqlApis(
  template: CfnTemplate,
  resolver: ReferenceResolver,
  options: { now?: () => number } = {},
): ApiDefinition[] {
  const now = options.now ?? Date.now;
  return resourcesOfType(template, 'AWS::AppSync::GraphQLApi').map(([apiLogicalId, apiResource]) => {
    const api = propertyReader(apiLogicalId, apiResource, resolver);
    const members = (type: string) =>
      resourcesOfType(template, type)
        .filter(([, resource]) => referencedLogicalId(resource.Properties?.ApiId) === apiLogicalId)
        .map(([logicalId, resource]) => ({ logicalId, resource, read: propertyReader(logicalId, resource, resolver) }));

    // A key the stack renews (Custom::ApiKeyRenewal, cdk/constructs/apiKeyRenewal.ts) lasts the
    // renewal's validity from start-up, standing in for the deploy-time run of the custom resource;
    // the daily runs do happen locally (UpdateApiKey: appsync/controlPlane/).
    const [renewal] = members('Custom::ApiKeyRenewal');
    const keyLifetime = renewal
      ? Number(renewal.read.required('ValidityDays')) * 86_400
      : DEFAULT_API_KEY_LIFETIME_SECONDS;

    const schemas = members('AWS::AppSync::GraphQLSchema');
    if (schemas.length !== 1)
      api.fail('Name', `expected one AWS::AppSync::GraphQLSchema for the API, found ${schemas.length}`);
    const [schema] = schemas;
    if (schema.resource.Properties?.DefinitionS3Location !== undefined) {
      schema.read.fail(
        'DefinitionS3Location',
        'the local runtime reads the schema from Definition (Definition.fromFile), not S3',
      );
    }

    const additional = api.optional<{ AuthenticationType: AuthMode; UserPoolConfig?: UserPoolConfig }[]>(
      'AdditionalAuthenticationProviders',
    );
    return {
      logicalId: apiLogicalId,
      apiId: String(resolver(apiLogicalId, 'ApiId')),
      name: api.required<string>('Name'),
      schema: schema.read.required<string>('Definition'),
      defaultAuth: authProvider(
        api.required<AuthMode>('AuthenticationType'),
        api.optional<UserPoolConfig>('UserPoolConfig'),
      ),
      additionalAuth: (additional ?? []).map((provider) =>
        authProvider(provider.AuthenticationType, provider.UserPoolConfig),
      ),
      apiKeys: members('AWS::AppSync::ApiKey').map(
        ({ logicalId, read }): ApiKeyDefinition => ({
          value: localApiKeyValue(logicalId),
          expires: read.optional<number>('Expires') ?? Math.floor(now() / 1000) + keyLifetime,
          description: read.optional<string>('Description'),
        }),
      ),
      environmentVariables: api.optional<Record<string, string>>('EnvironmentVariables') ?? {},
      limits: {
        queryDepth: api.optional<number>('QueryDepthLimit'),
        resolverCount: api.optional<number>('ResolverCountLimit'),
      },
      dataSources: members('AWS::AppSync::DataSource').map(({ resource, read }) => ({
        ...dataSource(resource, read),
        ...serviceRoleOf(template, resolver, resource),
      })),
      functions: members('AWS::AppSync::FunctionConfiguration').map(
        ({ logicalId, resource, read }): FunctionDefinition => ({
          id: logicalId,
          name: read.required<string>('Name'),
          dataSourceName: read.required<string>('DataSourceName'),
          code: inlineCode(resource, read),
        }),
      ),
      resolvers: members('AWS::AppSync::Resolver').map(({ resource, read }) => resolverDefinition(resource, read)),
    };
  });
}

function authProvider(mode: AuthMode, config: UserPoolConfig | undefined): AuthProvider {
  if (mode !== 'AMAZON_COGNITO_USER_POOLS' || !config) return { mode };
  return {
    mode,
    userPool: {
      userPoolId: config.UserPoolId,
      awsRegion: config.AwsRegion,
      ...(config.AppIdClientRegex !== undefined ? { appIdClientRegex: config.AppIdClientRegex } : {}),
      ...(config.DefaultAction !== undefined ? { defaultAction: config.DefaultAction } : {}),
    },
  };
}

function dataSource(resource: CfnResource, read: PropertyReader): DataSourceDefinition {
  const type = read.required<DataSourceDefinition['type'] | string>('Type');
  const definition: DataSourceDefinition = {
    name: read.required<string>('Name'),
    type: type as DataSourceDefinition['type'],
  };
  switch (type) {
    case 'AMAZON_DYNAMODB': {
      const config = read.required<{ TableName: string; AwsRegion: string }>('DynamoDBConfig');
      return { ...definition, tableName: config.TableName, region: config.AwsRegion };
    }
    case 'AWS_LAMBDA': {
      // The engine invokes the function by logical ID, so read the reference before it is resolved.
      const raw = (resource.Properties?.LambdaConfig as { LambdaFunctionArn?: unknown } | undefined)?.LambdaFunctionArn;
      const lambdaFunctionLogicalId = referencedLogicalId(raw);
      if (!lambdaFunctionLogicalId)
        read.fail('LambdaConfig', 'LambdaFunctionArn must reference a function in this stack');
      return { ...definition, lambdaFunctionLogicalId };
    }
    case 'NONE':
    case 'HTTP':
      return definition;
    default:
      return read.fail('Type', `data source type ${type} is not supported by the local runtime`);
  }
}

function serviceRoleOf(template: CfnTemplate, resolver: ReferenceResolver, resource: CfnResource) {
  const serviceRole = extractServiceRole(template, resolver, resource.Properties?.ServiceRoleArn);
  return serviceRole === undefined ? {} : { serviceRole };
}

function resolverDefinition(resource: CfnResource, read: PropertyReader): ResolverDefinition {
  const kind = read.optional<'UNIT' | 'PIPELINE'>('Kind') ?? 'UNIT';
  const base = {
    typeName: read.required<string>('TypeName'),
    fieldName: read.required<string>('FieldName'),
    kind,
    code: inlineCode(resource, read),
  };
  if (kind === 'PIPELINE') {
    return { ...base, functionIds: read.required<{ Functions: string[] }>('PipelineConfig').Functions };
  }
  return { ...base, dataSourceName: read.required<string>('DataSourceName') };
}

function inlineCode(resource: CfnResource, read: PropertyReader): string {
  const runtime = read.optional<{ Name: string }>('Runtime');
  if (runtime?.Name !== 'APPSYNC_JS')
    read.fail('Runtime', 'only APPSYNC_JS resolvers and functions are supported locally (no VTL)');
  if (resource.Properties?.CodeS3Location !== undefined) {
    read.fail(
      'CodeS3Location',
      'resolver code must be inline (Code.fromInline) so the template holds the deployed bundle',
    );
  }
  return read.required<string>('Code');
}
