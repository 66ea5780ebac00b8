// Builds LambdaFunctionDefinitions for the runner's tests (what loadLambdaFunctions would read from a template).
import { fileURLToPath } from 'node:url';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../../../local/awsConfig.ts';
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
    arn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:prolynk-${logicalId.toLowerCase()}`,
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    codeDirectory: fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url)),
    environment: {},
    timeoutSeconds: 3,
    memorySize: 128,
    region: LOCAL_REGION,
    ...overrides,
  };
}
