import { Stack, Validations } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';

/** Records, with reasons, the cdk-nag AwsSolutions findings on the API's roles and CDK's log-retention helper. */
export function acknowledgeApiNagFindings(api: GraphqlApi): void {
  const stack = Stack.of(api);
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs]',
    reason:
      "CDK's AppSync logging role uses AWS's managed policy for AppSync logs, which only allows writing CloudWatch Logs.",
  });
  // CDK adds one singleton Lambda per stack that sets the retention of the AppSync log group.
  for (const child of stack.node.children.filter((construct) => construct.node.id.startsWith('LogRetention'))) {
    Validations.of(child).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's LogRetention helper function logs with the basic execution role; it is not application code.",
    });
    Validations.of(child).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "CDK's LogRetention helper must set retention on a log group AppSync creates, whose ARN is not known to CloudFormation.",
    });
  }
}
