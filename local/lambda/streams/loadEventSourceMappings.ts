// Reads the template's AWS::Lambda::EventSourceMapping resources whose source is a DynamoDB stream
// (docs/architecture.md §5: "DynamoDB stream event-source mappings are polled like AWS does"). Other sources
// (SQS, Kinesis, …) are left out: nothing local feeds them.
import { resourcesOfType } from '../../template/cloudFormation.ts';
import type { CfnTemplate } from '../../template/cloudFormation.ts';
import type { ReferenceResolver } from '../../template/resolveIntrinsics.ts';
import { propertyReader } from '../../template/resolveProperty.ts';

/** One DynamoDB stream → function mapping, with Lambda's defaults filled in. */
export interface StreamMappingDefinition {
  logicalId: string;
  /** The function's name (what the Lambda runner finds it by). */
  functionName: string;
  /** The stream's ARN on DynamoDB Local (its LatestStreamArn). */
  streamArn: string;
  /** Lambda's default for DynamoDB streams: 100 (at most 10,000). */
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  startingPosition: 'LATEST' | 'TRIM_HORIZON';
  /** -1 (Lambda's default): retry until the records expire. */
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  /** FunctionResponseTypes holds ReportBatchItemFailures: the function's batchItemFailures are honoured. */
  reportBatchItemFailures: boolean;
  enabled: boolean;
}

/** The template's enabled-or-not DynamoDB stream mappings; `<Table>.StreamArn` must resolve (pass localStreamArns as physicalIds). */
export function loadEventSourceMappings(template: CfnTemplate, resolver: ReferenceResolver): StreamMappingDefinition[] {
  const mappings: StreamMappingDefinition[] = [];
  for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
    const raw = resource.Properties?.EventSourceArn;
    if (!isDynamoDbStreamSource(raw, template)) continue;
    const read = propertyReader(logicalId, resource, resolver);
    const streamArn = read.required<string>('EventSourceArn');
    const startingPosition = read.optional<string>('StartingPosition') ?? 'LATEST';
    if (startingPosition !== 'LATEST' && startingPosition !== 'TRIM_HORIZON') {
      read.fail('StartingPosition', `${startingPosition} is not served locally (LATEST or TRIM_HORIZON)`);
    }
    mappings.push({
      logicalId,
      functionName: String(read.required('FunctionName')),
      streamArn,
      batchSize: Number(read.optional('BatchSize') ?? 100),
      maximumBatchingWindowSeconds: Number(read.optional('MaximumBatchingWindowInSeconds') ?? 0),
      startingPosition: startingPosition as 'LATEST' | 'TRIM_HORIZON',
      maximumRetryAttempts: Number(read.optional('MaximumRetryAttempts') ?? -1),
      bisectBatchOnFunctionError: read.optional<boolean>('BisectBatchOnFunctionError') === true,
      reportBatchItemFailures: (read.optional<string[]>('FunctionResponseTypes') ?? []).includes(
        'ReportBatchItemFailures',
      ),
      enabled: read.optional<boolean>('Enabled') !== false,
    });
  }
  return mappings;
}

// CDK writes Fn::GetAtt [Table, StreamArn] for a table of the stack, a literal ARN for an imported one.
function isDynamoDbStreamSource(value: unknown, template: CfnTemplate): boolean {
  if (typeof value === 'string') return /^arn:[^:]+:dynamodb:.*\/stream\//.test(value);
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  const [logicalId, attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : [];
  return attribute === 'StreamArn' && template.Resources[String(logicalId)]?.Type === 'AWS::DynamoDB::Table';
}
