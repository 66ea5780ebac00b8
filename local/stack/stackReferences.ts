// Phase 2 of the local stack: the physical IDs only the running services know (the pool and client
// IDs cognito-local assigned, the stream ARNs naming the tables' creation time, the GraphQL URL
// naming the port), and the one GraphQL API read with them.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import { localStreamArns } from '../lambda/streams/index.ts';
import type { EnsuredUserPool } from '../services/cognito.ts';
import { createLocalReferenceResolver, extractGraphqlApis, resourcesOfType } from '../template/index.ts';
import type { ReferenceResolver } from '../template/index.ts';
import { withLocalBucketUrls } from './localDataSources.ts';
import type { StackTemplate } from './stackTemplate.ts';

/** Physical IDs keyed as the reference resolver expects (`logicalId` or `logicalId.Attribute`). */
export function stackPhysicalIds(
  stack: Pick<StackTemplate, 'template' | 'pool'>,
  userPool: EnsuredUserPool,
  streamArns: Record<string, string>,
  graphqlUrl: string,
): Record<string, string> {
  const physicalIds: Record<string, string> = { [stack.pool.logicalId]: userPool.userPoolId, ...streamArns };
  for (const [graphqlApiId] of resourcesOfType(stack.template, 'AWS::AppSync::GraphQLApi')) {
    physicalIds[`${graphqlApiId}.GraphQLUrl`] = graphqlUrl;
  }
  for (const client of stack.pool.clients) {
    const ensured = userPool.clients.find((c) => c.name === client.name);
    if (ensured) physicalIds[client.logicalId] = ensured.clientId;
  }
  return physicalIds;
}

/** The reference resolver with every physical ID of the running stack (reads the stream ARNs from DynamoDB Local). */
export async function stackReferences(
  stack: StackTemplate,
  services: { dynamoDbClient: DynamoDBClient; userPool: EnsuredUserPool },
  graphqlUrl: string,
): Promise<ReferenceResolver> {
  const streamArns = await localStreamArns(services.dynamoDbClient, stack.template);
  const physicalIds = stackPhysicalIds(stack, services.userPool, streamArns, graphqlUrl);
  return createLocalReferenceResolver(stack.template, { physicalIds });
}

/** The template's one GraphQL API, its bucket URLs pointed at the local S3 endpoint. */
export function stackGraphqlApi(stack: StackTemplate, refs: ReferenceResolver, s3Endpoint: string): ApiDefinition {
  const apis = extractGraphqlApis(stack.template, refs);
  if (apis.length !== 1)
    throw new Error(`The local stack serves exactly one GraphQL API; the template has ${apis.length}.`);
  return withLocalBucketUrls(
    apis[0],
    stack.buckets.map((b) => b.name),
    s3Endpoint,
  );
}
