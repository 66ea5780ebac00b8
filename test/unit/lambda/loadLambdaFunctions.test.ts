import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProLynkFunctions } from '../../../cdk/constructs/prolynkFunctions.ts';
import { loadLambdaFunctions } from '../../../local/lambda/loadLambdaFunctions.ts';
import type { LambdaFunctionDefinition } from '../../../local/lambda/loadLambdaFunctions.ts';
import { createLocalReferenceResolver, loadCloudAssembly } from '../../../local/template/index.ts';
import { testTempDir } from '../../support/tempDirs.ts';

describe('loadLambdaFunctions', () => {
  let functions: LambdaFunctionDefinition[];
  let logicalIds: Record<string, string>;

  beforeAll(() => {
    // A synthesized assembly holding the construct's functions and their bundles.
    const outdir = testTempDir('prolynk-load-fn-');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'LoadTest');
    const functionsConstruct = new ProLynkFunctions(stack, 'Functions', {
      usersTable: new Table(stack, 'Users', {
        tableName: 'prolynk-users',
        partitionKey: { name: 'user_id', type: AttributeType.STRING },
      }),
      profilesTable: new Table(stack, 'Profiles', {
        tableName: 'prolynk-profiles',
        partitionKey: { name: 'username', type: AttributeType.STRING },
      }),
      bucket: new Bucket(stack, 'Assets', { bucketName: 'prolynk-assets-local' }),
      userPool: new UserPool(stack, 'Pool'),
      assetsBaseUrl: 'https://prolynk-assets-local.s3.amazonaws.com',
      bundle: { outRoot: testTempDir('prolynk-load-bundles-') },
    });
    app.synth();
    logicalIds = {
      presign: stack.getLogicalId(functionsConstruct.presignFunction.node.defaultChild as never),
      postConfirmation: stack.getLogicalId(functionsConstruct.postConfirmationFunction.node.defaultChild as never),
    };
    const assembly = loadCloudAssembly(outdir, 'LoadTest');
    functions = loadLambdaFunctions(
      assembly.template,
      assembly.assets,
      createLocalReferenceResolver(assembly.template),
    );
  });

  it('reads each function with its handler, runtime, timeout, memory and unpacked bundle folder', () => {
    const presign = functions.find((fn) => fn.logicalId === logicalIds.presign);

    expect(functions).toHaveLength(3);
    expect(presign).toMatchObject({
      handler: 'index.handler',
      runtime: 'nodejs24.x',
      timeoutSeconds: 10,
      memorySize: 256,
      region: 'us-east-1',
      functionName: logicalIds.presign,
    });
    expect(existsSync(join(presign?.codeDirectory ?? '', 'index.mjs'))).toBe(true);
    expect(existsSync(join(presign?.codeDirectory ?? '', 'index.mjs.map'))).toBe(true);
  });

  it('resolves environment intrinsics to local values', () => {
    const presign = functions.find((fn) => fn.logicalId === logicalIds.presign);
    const postConfirmation = functions.find((fn) => fn.logicalId === logicalIds.postConfirmation);

    expect(presign?.environment).toEqual({
      S3_BUCKET: 'prolynk-assets-local',
      ASSETS_BASE_URL: 'https://prolynk-assets-local.s3.amazonaws.com',
      NODE_OPTIONS: '--enable-source-maps',
      // Powertools, configured from the (default, local) stage: no traces or metrics locally.
      POWERTOOLS_METRICS_NAMESPACE: 'LoadTest',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
    });
    expect(postConfirmation?.environment).toMatchObject({
      USERS_TABLE: 'prolynk-users',
      PROFILES_TABLE: 'prolynk-profiles',
    });
    expect(postConfirmation?.arn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${logicalIds.postConfirmation}`);
  });
});
