// Bundles a functions/<name> handler with the deploy recipe (cdk/lambda/bundleLambda.ts) into a
// temporary folder and describes it to the local Lambda runner, so tests run the deployed code.
import { bundleLambda } from '../../../cdk/lambda/bundleLambda.ts';
import type { LambdaFunctionDefinition } from '../../../local/index.ts';
import { testTempDir } from '../../support/tempDirs.ts';

/** The local services' fixed credentials and region, as the local stack passes them to functions. */
export const LOCAL_AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'us-east-1',
  LOG_LEVEL: 'ERROR',
};

/** A runner definition for functions/<source>, bundled now, with the given environment. */
export function bundledFunction(
  logicalId: string,
  source: string,
  environment: Record<string, string>,
): LambdaFunctionDefinition {
  const { directory } = bundleLambda(source, { outRoot: testTempDir(`prolynk-${source}-`) });
  return {
    logicalId,
    functionName: logicalId,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${logicalId}`,
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    codeDirectory: directory,
    environment: { ...environment, NODE_OPTIONS: '--enable-source-maps' },
    timeoutSeconds: 10,
    memorySize: 256,
    region: 'us-east-1',
  };
}
