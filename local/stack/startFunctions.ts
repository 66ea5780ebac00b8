// Phase 3 of the local stack: the template's Lambda functions, run from their bundles with the
// local services' endpoints, behind the Lambda Invoke endpoint and the DynamoDB stream event-source
// mappings, polled like Lambda does (docs/architecture.md §5); and, in `npm start`, the scheduled
// rules on their rate (local/schedules/).
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, localAwsEnvironment } from '../awsConfig.ts';
import { createLambdaRunner, loadLambdaFunctions } from '../lambda/index.ts';
import type { LambdaRunner } from '../lambda/index.ts';
import { loadEventSourceMappings, localStreamsClient, startStreamPollers } from '../lambda/streams/index.ts';
import { loadSchedules, startSchedules as startScheduleTimers } from '../schedules/index.ts';
import type { ReferenceResolver } from '../template/index.ts';
import type { LocalServices } from './startServices.ts';
import type { StackTemplate } from './stackTemplate.ts';
import type { StopList } from './stopList.ts';

/** The runner for the template's functions, attached to the Lambda Invoke endpoint. */
export function startFunctions(
  stack: StackTemplate,
  refs: ReferenceResolver,
  services: LocalServices,
  /** The API's origin, where the control plane's API key operations answer (renew-api-key calls them). */
  appSyncEndpoint: string,
  logs: 'inherit' | 'ignore',
  stops: StopList,
): LambdaRunner {
  const runner = createLambdaRunner(loadLambdaFunctions(stack.template, stack.assembly.assets, refs), {
    logs,
    envOverrides: {
      ...localAwsEnvironment(),
      AWS_ENDPOINT_URL_DYNAMODB: services.dynamoDb.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: services.cognito.endpoint,
      AWS_ENDPOINT_URL_APPSYNC: appSyncEndpoint,
      S3_ENDPOINT: services.s3.endpoint,
      ASSETS_BASE_URL: `${services.s3.endpoint}/${stack.buckets[0]?.name ?? ''}`,
    },
  });
  stops.add(async () => runner.close());
  services.lambda.attach(runner);
  return runner;
}

/** Starts polling the template's stream mappings; resolves once writes from now on will be delivered. */
export async function startStreamMappings(
  stack: StackTemplate,
  refs: ReferenceResolver,
  dynamoDbEndpoint: string,
  runner: LambdaRunner,
  stops: StopList,
): Promise<void> {
  const streamsClient = localStreamsClient(dynamoDbEndpoint);
  const pollers = startStreamPollers({
    mappings: loadEventSourceMappings(stack.template, refs),
    streamsClient,
    invoke: (functionName, event) => runner.invoke(functionName, event),
    region: LOCAL_REGION,
  });
  stops.add(async () => {
    await pollers.stop();
    streamsClient.destroy();
  });
  await pollers.ready;
}

/** Runs the template's scheduled rules (the account reconciler) on their rate until the stack stops. */
export function startSchedules(stack: StackTemplate, runner: LambdaRunner, stops: StopList): void {
  const scheduler = startScheduleTimers({
    schedules: loadSchedules(stack.template).schedules,
    invoke: (functionLogicalId, event) => runner.invoke(functionLogicalId, event),
    region: LOCAL_REGION,
    account: LOCAL_ACCOUNT_ID,
  });
  stops.add(async () => scheduler.stop());
}
