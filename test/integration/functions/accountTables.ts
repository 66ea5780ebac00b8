// Private copies of the account tables (keys and the profiles GSI as the template declares them)
// on the run's DynamoDB Local, so a suite can drive the erasure, reconciler or export code without
// the running stack's own worker (fed by the real account-jobs stream) joining in.
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AccountTables } from '../../../functions/lib/accountTables.ts';

function table(name: string, keys: string[], extra: Partial<CreateTableCommandInput> = {}): CreateTableCommandInput {
  return {
    TableName: name,
    KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: 'S' })),
    BillingMode: 'PAY_PER_REQUEST',
    ...extra,
  };
}

/** Creates the four tables under a fresh prefix; `jobsStream` gives account-jobs a KEYS_ONLY stream. */
export async function createAccountTables(
  client: DynamoDBClient,
  options: { jobsStream?: boolean } = {},
): Promise<AccountTables & { drop(): Promise<void> }> {
  const prefix = `acct-${randomUUID().slice(0, 8)}`;
  const names: AccountTables = {
    users: `${prefix}-users`,
    profiles: `${prefix}-profiles`,
    links: `${prefix}-links`,
    accountJobs: `${prefix}-account-jobs`,
  };
  await Promise.all([
    client.send(new CreateTableCommand(table(names.users, ['user_id']))),
    client.send(
      new CreateTableCommand(
        table(names.profiles, ['username'], {
          AttributeDefinitions: [
            { AttributeName: 'username', AttributeType: 'S' },
            { AttributeName: 'user_id', AttributeType: 'S' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'user_id-index',
              KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      ),
    ),
    client.send(new CreateTableCommand(table(names.links, ['user_id', 'link_id']))),
    client.send(
      new CreateTableCommand(
        table(names.accountJobs, ['user_id', 'job'], {
          ...(options.jobsStream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } } : {}),
        }),
      ),
    ),
  ]);
  return {
    ...names,
    async drop() {
      await Promise.allSettled(
        Object.values(names).map((name) => client.send(new DeleteTableCommand({ TableName: name }))),
      );
    },
  };
}
