// Which erasures a batch of account-jobs stream records asks for (pure). The stream carries keys
// only: a record says "this account's deletion job changed"; the worker reads the job itself.
import { DELETION_JOB } from '../../resolvers/lib/accountJobKeys.ts';
import type { DynamoDBStreamRecord } from '../publish/streamEvent.ts';

/** An account to erase and the first record (by position) that asked for it. */
export interface ErasureRequest {
  userId: string;
  sequenceNumber: string;
}

/** The accounts whose deletion job was written (not removed), each once, in the order first seen. */
export function erasureRequests(records: DynamoDBStreamRecord[]): ErasureRequest[] {
  const requests: ErasureRequest[] = [];
  records.forEach((record, index) => {
    const keys = record.dynamodb?.Keys;
    const userId = keys?.user_id && 'S' in keys.user_id ? keys.user_id.S : undefined;
    const job = keys?.job && 'S' in keys.job ? keys.job.S : undefined;
    // A REMOVE is the tombstone expiring (TTL): nothing is left to do.
    if (record.eventName === 'REMOVE' || job !== DELETION_JOB || !userId) return;
    if (requests.some((request) => request.userId === userId)) return;
    requests.push({ userId, sequenceNumber: record.dynamodb?.SequenceNumber ?? record.eventID ?? String(index) });
  });
  return requests;
}
