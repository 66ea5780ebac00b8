import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { stageOf } from '../config/stageOf.ts';
import type { StageConfig } from '../config/stages.ts';
import { bundleLambda } from '../lambda/bundleLambda.ts';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';

export interface NodeFunctionProps {
  /** The folder under functions/ whose index.ts is bundled. */
  source: string;
  description: string;
  environment?: Record<string, string>;
  /** Default 10 seconds. */
  timeout?: Duration;
  /** Default 256 MB. */
  memorySize?: number;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

/**
 * A Lambda function from a functions/<source> bundle with ProLynk's defaults: Node.js 24 on
 * ARM64, source maps on, logs kept as long as the stage says in a log group the stack owns, and
 * Powertools configured from the stage (cdk/config/stages.ts `observability`). The observability
 * construct finds every NodeFunction of the stack and alarms on it.
 */
export class NodeFunction extends LambdaFunction {
  /** The function's folder under functions/ (its Powertools service name). */
  readonly source: string;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const stage = stageOf(scope);
    const bundle = bundleLambda(props.source, props.bundle);
    // An explicit log group: CDK's `logRetention` would add a custom-resource Lambda per stack.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: stage.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      description: props.description,
      // Node 24: the version the local runtime executes the same bundle with.
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromAsset(bundle.directory),
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 256,
      environment: {
        ...props.environment,
        ...powertoolsEnvironment(stage, Stack.of(scope).stackName),
        NODE_OPTIONS: '--enable-source-maps',
      },
      tracing: stage.observability.tracing ? Tracing.ACTIVE : undefined,
      logGroup,
    });
    this.source = props.source;
    // cfn-lint W3005: the L2 adds DependsOn on the role that `Role: Fn::GetAtt` already implies
    // (redundant, harmless, and not removable from outside the construct).
    (this.node.defaultChild as CfnFunction).addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "AWS's basic execution policy only allows writing the function's CloudWatch Logs.",
    });
    if (stage.observability.tracing) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permission (active tracing).',
      });
    }
  }
}

// Powertools reads these (functions/lib/powertools.ts): metrics per stack, no response bodies in
// traces (profiles carry personal data), tracing and metrics off where nothing collects them.
function powertoolsEnvironment(stage: StageConfig, stackName: string): Record<string, string> {
  const { observability } = stage;
  return {
    POWERTOOLS_METRICS_NAMESPACE: stackName,
    POWERTOOLS_METRICS_DISABLED: String(!observability.metrics),
    POWERTOOLS_TRACE_ENABLED: String(observability.tracing),
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
    POWERTOOLS_LOG_LEVEL: observability.logLevel,
    POWERTOOLS_LOGGER_SAMPLE_RATE: String(observability.debugSampleRate),
  };
}
