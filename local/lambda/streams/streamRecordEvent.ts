// DynamoDB Streams' GetRecords answer (as the SDK parses it) → the records of a Lambda event, in
// the shape Lambda delivers: epoch-second creation time, binary values base64-encoded, eventSourceARN.
import type { AttributeValue, _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';

/** One record of the Lambda event for a DynamoDB stream. */
export interface LambdaStreamRecord {
  eventID?: string;
  eventName?: string;
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
  eventSourceARN: string;
}

/** The Lambda event record for `record` read from the stream `streamArn`. */
export function toLambdaStreamRecord(record: StreamRecord, streamArn: string, region: string): LambdaStreamRecord {
  const change = record.dynamodb ?? {};
  const created = change.ApproximateCreationDateTime;
  const dynamodb: LambdaStreamRecord['dynamodb'] = {};
  // Lambda sends whole seconds since the epoch; the SDK parses them into a Date.
  if (created !== undefined) dynamodb.ApproximateCreationDateTime = Math.floor(new Date(created).getTime() / 1000);
  if (change.Keys) dynamodb.Keys = wireImage(change.Keys);
  if (change.NewImage) dynamodb.NewImage = wireImage(change.NewImage);
  if (change.OldImage) dynamodb.OldImage = wireImage(change.OldImage);
  dynamodb.SequenceNumber = change.SequenceNumber;
  dynamodb.SizeBytes = change.SizeBytes;
  dynamodb.StreamViewType = change.StreamViewType;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    // DynamoDB Local reports its own region name ("ddblocal"); Lambda names the function's region.
    awsRegion: region,
    dynamodb,
    eventSourceARN: streamArn,
  };
}

function wireImage(image: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, wireValue(value)]));
}

// DynamoDB's JSON wire format: the SDK turns B/BS into bytes, the event carries base64 text.
function wireValue(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(wireValue) };
  if (value.M !== undefined) return { M: wireImage(value.M) };
  const { $unknown: _unknown, ...rest } = value as AttributeValue & { $unknown?: unknown };
  return rest;
}
