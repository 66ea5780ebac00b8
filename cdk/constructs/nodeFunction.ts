import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
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
 * A Lambda function from a functions/<source> bundle with ProLynk's defaults: Node.js 20 on
 * ARM64, source maps on, logs kept 7 days in a log group the stack owns.
 */
export class NodeFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const bundle = bundleLambda(props.source, props.bundle);
    super(scope, id, {
      description: props.description,
      // Node 24: the version the local runtime executes the same bundle with.
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromAsset(bundle.directory),
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 256,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      // An explicit log group: CDK's `logRetention` would add a custom-resource Lambda per stack.
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: RetentionDays.ONE_WEEK,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to Node.js 20, the runtime the local stack runs the same bundle on (docs/architecture.md §5); upgrade both together.',
    });
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W2531',
      reason:
        'Node.js 20 is deprecated by Lambda (creation ends 2027-02-01): move to nodejs22.x/24.x together with the local Node version.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "AWS's basic execution policy only allows writing the function's CloudWatch Logs.",
    });
  }
}
