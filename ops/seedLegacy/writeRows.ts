// Writes generated rows in TransactWriteItems of up to 100 puts, a few in flight. Not BatchWriteItem:
// DynamoDB Local on disk syncs once per item of a batch but once per transaction, which makes
// transactions about ten times faster there (on AWS they cost twice the write capacity, which a
// generator of test data does not mind). Rows are marshalled as boto3 would: numbers as N, None as
// NULL, empty strings kept.
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

const PER_TRANSACTION = 100;
const IN_FLIGHT = 4;

/** Queues rows and writes them in transactions; `flush` waits for everything queued. */
export class RowWriter {
  private pending: TransactWriteItem[] = [];
  private readonly running = new Set<Promise<void>>();
  private failure: unknown;
  written = 0;

  constructor(private readonly client: DynamoDBClient) {}

  /** Queues `item` for `table`; resolves once the writer has room for more. */
  async put(table: string, item: Record<string, unknown>): Promise<void> {
    this.pending.push({ Put: { TableName: table, Item: marshall(item, { removeUndefinedValues: true }) } });
    if (this.pending.length >= PER_TRANSACTION) await this.start();
  }

  /** Writes everything still queued and waits for all requests. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) await this.start();
    await Promise.all(this.running);
    if (this.failure) throw this.failure;
  }

  private async start(): Promise<void> {
    const actions = this.pending;
    this.pending = [];
    while (this.running.size >= IN_FLIGHT) await Promise.race(this.running);
    if (this.failure) throw this.failure;
    const task: Promise<void> = this.client
      .send(new TransactWriteItemsCommand({ TransactItems: actions }))
      .then(() => {
        this.written += actions.length;
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }
}
