// Builds LambdaFunctionDefinitions for the runner's tests (what loadLambdaFunctions would read from a template).
import { fileURLToPath } from 'node:url';
import type { LambdaFunctionDefinition } from '../../../local/lambda/loadLambdaFunctions.ts';

/** A definition running the fixture bundle `fixture` (test/unit/lambda/fixtures/<fixture>/index.mjs). */
export function fixtureFunction(
  logicalId: string,
  fixture: string,
  overrides: Partial<LambdaFunctionDefinition> = {},
): LambdaFunctionDefinition {
  return {
    logicalId,
    functionName: `prolynk-${logicalId.toLowerCase()}`,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:prolynk-${logicalId.toLowerCase()}`,
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    codeDirectory: fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url)),
    environment: {},
    timeoutSeconds: 3,
    memorySize: 128,
    region: 'us-east-1',
    ...overrides,
  };
}
