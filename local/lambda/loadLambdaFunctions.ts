// Reads the template's AWS::Lambda::Function resources into what the local Lambda runner needs:
// handler, runtime, environment (intrinsics resolved to local values) and the asset folder
// holding the bundle (docs/architecture.md §1: nothing about a function is declared twice).
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../awsConfig.ts';
import { resourcesOfType } from '../template/cloudFormation.ts';
import type { CfnTemplate } from '../template/cloudFormation.ts';
import type { FileAsset } from '../template/loadCloudAssembly.ts';
import { resolveIntrinsics } from '../template/resolveIntrinsics.ts';
import type { ReferenceResolver } from '../template/resolveIntrinsics.ts';

/** A function the local runner can execute. */
export interface LambdaFunctionDefinition {
  logicalId: string;
  /** The physical name (FunctionName, or the logical ID when CloudFormation would generate one). */
  functionName: string;
  arn: string;
  /** `<module path>.<export>`, e.g. `index.handler`. */
  handler: string;
  runtime: string;
  /** The unpacked asset folder (cdk.out/asset.<hash>). */
  codeDirectory: string;
  environment: Record<string, string>;
  /** Lambda's defaults when the template sets none: 3 seconds, 128 MB. */
  timeoutSeconds: number;
  memorySize: number;
  region: string;
  /** ReservedConcurrentExecutions: the function's own concurrency limit (0 throttles every invocation). */
  reservedConcurrency?: number;
}

/**
 * The template's Node.js functions whose code is a directory asset of the assembly. Functions
 * that cannot run here (other runtimes, inline ZipFile code) are left out: nothing local invokes them.
 */
export function loadLambdaFunctions(
  template: CfnTemplate,
  assets: FileAsset[],
  resolver: ReferenceResolver,
): LambdaFunctionDefinition[] {
  const region = String(resolver('AWS::Region', undefined) ?? LOCAL_REGION);
  const definitions: LambdaFunctionDefinition[] = [];
  for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const properties = resource.Properties ?? {};
    const at = (path: string) => ({ resource: logicalId, path: `Properties.${path}` });
    const runtime = String(resolveIntrinsics(properties.Runtime, resolver, at('Runtime')) ?? '');
    const code = (properties.Code ?? {}) as Record<string, unknown>;
    if (!runtime.startsWith('nodejs') || code.S3Key === undefined) continue;

    const objectKey = String(resolveIntrinsics(code.S3Key, resolver, at('Code.S3Key')));
    const asset = assets.find((candidate) => candidate.objectKey === objectKey);
    if (asset === undefined)
      throw new Error(
        `${logicalId} Properties.Code.S3Key: no asset ${objectKey} in the cloud assembly (synthesize again).`,
      );
    if (asset.packaging !== 'zip')
      throw new Error(
        `${logicalId}: asset ${objectKey} is a file, not a directory; the local runner needs the unpacked bundle.`,
      );

    const variables = resolveIntrinsics(
      (properties.Environment as { Variables?: unknown } | undefined)?.Variables ?? {},
      resolver,
      at('Environment.Variables'),
    );
    definitions.push({
      logicalId,
      functionName: String(resolver(logicalId, undefined) ?? logicalId),
      arn: String(resolver(logicalId, 'Arn') ?? `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${logicalId}`),
      handler: String(resolveIntrinsics(properties.Handler, resolver, at('Handler'))),
      runtime,
      codeDirectory: asset.path,
      environment: Object.fromEntries(
        Object.entries(variables as Record<string, unknown>).map(([name, value]) => [name, String(value)]),
      ),
      timeoutSeconds: Number(properties.Timeout ?? 3),
      memorySize: Number(properties.MemorySize ?? 128),
      region,
      ...reservedConcurrency(
        resolveIntrinsics(properties.ReservedConcurrentExecutions, resolver, at('ReservedConcurrentExecutions')),
      ),
    });
  }
  return definitions;
}

function reservedConcurrency(value: unknown): { reservedConcurrency?: number } {
  return value === undefined || value === null ? {} : { reservedConcurrency: Number(value) };
}
