// The API's data sources, bound to the local services: DynamoDB Local, the Lambda runner, NONE.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbDataSource } from '../appsync/dataSources/dynamodb.ts';
import { createLambdaDataSource } from '../appsync/dataSources/lambda.ts';
import type { ApiDefinition, DataSourceDefinition } from '../appsync/engine/definitions.ts';
import { createNoneDataSource } from '../appsync/engine/noneDataSource.ts';
import type { DataSource } from '../appsync/runtime/contract.ts';
import type { InternalFaultSink } from '../http/internalFaults.ts';
import type { LambdaRunner } from '../lambda/index.ts';

/** The local services behind the data sources, and where their faults go. */
export interface DataSourceBackends {
  dynamoDb: DynamoDBClient;
  runner: LambdaRunner;
  faults?: InternalFaultSink;
}

/** Every data source the API defines, by name, served by the local services. */
export function localDataSources(api: ApiDefinition, backends: DataSourceBackends): Map<string, DataSource> {
  return new Map(api.dataSources.map((definition) => [definition.name, localDataSource(definition, backends)]));
}

function localDataSource(
  definition: DataSourceDefinition,
  { dynamoDb: client, runner, faults }: DataSourceBackends,
): DataSource {
  switch (definition.type) {
    case 'AMAZON_DYNAMODB':
      return createDynamoDbDataSource({ name: definition.name, tableName: definition.tableName as string, client });
    case 'AWS_LAMBDA':
      return createLambdaDataSource({
        name: definition.name,
        functionName: definition.lambdaFunctionLogicalId as string,
        runner,
        faults,
      });
    case 'NONE':
      return createNoneDataSource(definition.name);
    default:
      throw new Error(`Data source ${definition.name}: type ${definition.type} is not served locally yet.`);
  }
}

/**
 * Points environment variables that hold a bucket's public AWS URL at the local S3 endpoint, so
 * URLs the resolvers derive from upload keys are readable locally.
 */
export function withLocalBucketUrls(api: ApiDefinition, bucketNames: string[], s3Endpoint: string): ApiDefinition {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(api.environmentVariables)) {
    const bucket = bucketNames.find((b) => value === `https://${b}.s3.amazonaws.com`);
    env[name] = bucket ? `${s3Endpoint}/${bucket}` : value;
  }
  return { ...api, environmentVariables: env };
}
