// Starts the real local stack once per `vitest run` (DynamoDB Local, cognito-local, s3rver, the
// AppSync endpoint, all on free ports, data in a temp folder) and hands it to the suites two ways:
// its outputs through `inject('localStack')`, and DynamoDB Local's endpoint as
// PROLYNK_TEST_DYNAMODB_ENDPOINT, which the DynamoDB, stream and resolver suites' helpers read
// (workers, pool 'forks', are spawned after this runs and inherit process.env).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLocalStack } from '../../local/index.ts';
import type { LocalOutputs } from '../../local/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    localStack: LocalOutputs;
  }
}

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Vitest global setup: one local stack for the whole run; returns its teardown. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'prolynk-test-stack-'));
  const stack = await createLocalStack({ cdkOutDir: join(ROOT, 'cdk.out'), dataDir, ports: {} });
  process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT = stack.outputs.dynamoDbEndpoint;
  project.provide('localStack', stack.outputs);

  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
