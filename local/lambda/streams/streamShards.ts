// The DynamoDB Streams calls one poller makes on its stream, each cancelled when polling stops.
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type {
  _Record as StreamRecord,
  DynamoDBStreamsClient,
  Shard,
  ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';

/** What one GetRecords call read. */
export interface ShardRead {
  records: StreamRecord[];
  /** Absent once a closed shard is read to its end. */
  nextIterator?: string;
}

/** One stream's shards, read through `client`; every call is aborted by `signal`. */
export class StreamShards {
  constructor(
    private readonly client: DynamoDBStreamsClient,
    private readonly streamArn: string,
    private readonly signal: AbortSignal,
  ) {}

  /** Every shard of the stream, following DescribeStream's pages. */
  async list(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.client.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }),
        { abortSignal: this.signal },
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
    return shards;
  }

  /** A shard iterator of `type` (AFTER_SEQUENCE_NUMBER needs `sequenceNumber`). */
  async iterator(shardId: string, type: ShardIteratorType, sequenceNumber?: string): Promise<string | undefined> {
    const out = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: sequenceNumber,
      }),
      { abortSignal: this.signal },
    );
    return out.ShardIterator;
  }

  /** Whether the shard holds no record at all. */
  async isEmpty(shardId: string): Promise<boolean> {
    const { records } = await this.read(await this.iterator(shardId, 'TRIM_HORIZON'), 1);
    return records.length === 0;
  }

  /** Up to `limit` records from `iterator`. */
  async read(iterator: string | undefined, limit: number): Promise<ShardRead> {
    const out = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), {
      abortSignal: this.signal,
    });
    return { records: out.Records ?? [], nextIterator: out.NextShardIterator };
  }
}
