// Starts the real local services once per `vitest run` and hands their endpoints to the suites.
// Workers (pool 'forks') are spawned after this runs and inherit process.env, so suites can read
// the endpoint either from process.env or with vitest's inject().
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/services/dynamodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/** Vitest global setup: one in-memory DynamoDB Local for the whole run; returns its teardown. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamoDb = await startDynamoDbLocal({});
  process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT = dynamoDb.endpoint;
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);

  return async () => {
    await dynamoDb.stop();
  };
}
