import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEventSourceMappings } from '../../../local/lambda/streams/loadEventSourceMappings.ts';
import { createLocalReferenceResolver, TemplateResolutionError } from '../../../local/template/index.ts';
import type { CfnTemplate } from '../../../local/template/index.ts';

let template: CfnTemplate;
let ids: { tuned: string; plain: string };

beforeAll(() => {
  const stack = new Stack(new App(), 'MappingsTest');
  const fn = new LambdaFunction(stack, 'Fn', {
    functionName: 'publisher',
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => null;'),
  });
  const tuned = new Table(stack, 'Tuned', {
    tableName: 'tuned',
    partitionKey: { name: 'id', type: AttributeType.STRING },
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const plain = new Table(stack, 'Plain', {
    tableName: 'plain',
    partitionKey: { name: 'id', type: AttributeType.STRING },
    stream: StreamViewType.KEYS_ONLY,
  });
  fn.addEventSource(
    new DynamoEventSource(tuned, {
      startingPosition: StartingPosition.LATEST,
      batchSize: 25,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 3,
      reportBatchItemFailures: true,
    }),
  );
  fn.addEventSource(new DynamoEventSource(plain, { startingPosition: StartingPosition.TRIM_HORIZON, enabled: false }));
  fn.addEventSource(new SqsEventSource(new Queue(stack, 'Queue')));
  template = Template.fromStack(stack).toJSON() as CfnTemplate;
  ids = {
    tuned: stack.getLogicalId(tuned.node.defaultChild as never),
    plain: stack.getLogicalId(plain.node.defaultChild as never),
  };
});

const STREAMS = {
  tuned: 'arn:aws:dynamodb:ddblocal:000000000000:table/tuned/stream/2024-01-01T00:00:00.000',
  plain: 'arn:aws:dynamodb:ddblocal:000000000000:table/plain/stream/2024-01-01T00:00:00.000',
};

describe('loadEventSourceMappings', () => {
  it("reads the DynamoDB stream mappings with their settings, and Lambda's defaults where none are set", () => {
    const refs = createLocalReferenceResolver(template, {
      physicalIds: { [`${ids.tuned}.StreamArn`]: STREAMS.tuned, [`${ids.plain}.StreamArn`]: STREAMS.plain },
    });
    const mappings = loadEventSourceMappings(template, refs);
    expect(mappings).toHaveLength(2);
    expect(mappings.find((m) => m.streamArn === STREAMS.tuned)).toMatchObject({
      functionName: 'publisher',
      batchSize: 25,
      maximumBatchingWindowSeconds: 1,
      startingPosition: 'LATEST',
      maximumRetryAttempts: 3,
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
      enabled: true,
    });
    // Lambda's documented defaults for DynamoDB streams: batch of 100, no window, retry until expiry.
    expect(mappings.find((m) => m.streamArn === STREAMS.plain)).toMatchObject({
      functionName: 'publisher',
      batchSize: 100,
      maximumBatchingWindowSeconds: 0,
      startingPosition: 'TRIM_HORIZON',
      maximumRetryAttempts: -1,
      bisectBatchOnFunctionError: false,
      reportBatchItemFailures: false,
      enabled: false,
    });
  });

  it('names the missing stream ARN when the local stack did not supply it', () => {
    expect(() => loadEventSourceMappings(template, createLocalReferenceResolver(template))).toThrow(
      TemplateResolutionError,
    );
    expect(() => loadEventSourceMappings(template, createLocalReferenceResolver(template))).toThrow(/StreamArn/);
  });
});
