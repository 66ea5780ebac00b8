// Makes DynamoDB Local's stream store searchable. The jar keeps every stream record of every table
// in one SQLite table, `us`, keyed by a sequence number counted across all streams, and it looks
// records up by stream or shard: a shard's records from an iterator's position, a shard's newest
// record, a stream's oldest. The table has no index on those columns, so each lookup walks the
// records of the other streams; the stack's stream pollers make them several times a second, and
// since all of the jar's SQLite work runs on one thread, every request waits behind them once the
// tables have seen ~100k writes (a GetItem measured 14x slower at 100k profiles than at 1k).
//
// Indexes alone do not help the hottest lookup: the jar's SQLite is 3.8.7, whose planner cannot
// use a range on a rowid column inside an index, and `us` declares SequenceNumber INTEGER PRIMARY
// KEY, which makes it the rowid. So the table is rebuilt once with the same columns, SequenceNumber
// declared INT (same integer affinity and values, still the primary key, no longer the rowid), and
// then given (ShardID, SequenceNumber) and (StreamID, SequenceNumber) indexes: every lookup becomes
// an index seek (docs/architecture.md §5.1.1 "DynamoDB Local's stream store").
//
// It runs after DynamoDB Local has created its tables and before the stack's first request. Later
// starts, the supervisor's restarts included, only read the schema: they find the work done and
// take no lock that DynamoDB Local could meet. DynamoDB Local re-prepares its statements after the
// schema change.
// Only a data folder can be reached this way: an in-memory database lives inside the JVM.

import type { DatabaseSync } from 'node:sqlite';

/** The file DynamoDB Local keeps its shared database in, inside its data folder. */
export const SHARED_DATABASE_FILE = 'shared-local-instance.db';

/** The indexes added to `us`, by name. */
export const STREAM_RECORD_INDEXES: Record<string, string> = {
  prolynk_stream_records_by_shard: 'ShardID, SequenceNumber',
  prolynk_stream_records_by_stream: 'StreamID, SequenceNumber',
};

// The jar's definition of `us`, but for SequenceNumber's declared type.
const REBUILD = [
  'CREATE TABLE prolynk_us_rebuilt (StreamID TEXT, ShardID TEXT, SequenceNumber INT, CreationDateTime INTEGER, StreamRecord BLOB, OperationType TEXT, PRIMARY KEY(SequenceNumber))',
  'INSERT INTO prolynk_us_rebuilt SELECT StreamID, ShardID, SequenceNumber, CreationDateTime, StreamRecord, OperationType FROM us',
  'DROP TABLE us',
  'ALTER TABLE prolynk_us_rebuilt RENAME TO us',
];

// DynamoDB Local may hold its write lock for a moment (a restart while requests are retried).
const BUSY_TIMEOUT_MS = 5_000;

/**
 * What was found and done: 'rebuilt' (the jar's table, now rebuilt and indexed), 'indexed' (indexes
 * added), 'unchanged' (already done), 'absent' (no stream store in the file), 'unsupported' (no node:sqlite).
 */
export type StreamStoreOutcome = 'rebuilt' | 'indexed' | 'unchanged' | 'absent' | 'unsupported';

/** Rebuilds (if still the jar's) and indexes the stream store in the database at `databaseFile`. */
export async function indexStreamRecords(databaseFile: string): Promise<StreamStoreOutcome> {
  let Database: typeof DatabaseSync;
  try {
    ({ DatabaseSync: Database } = await import('node:sqlite'));
  } catch {
    return 'unsupported';
  }
  const database = new Database(databaseFile, { timeout: BUSY_TIMEOUT_MS });
  try {
    const columns = database.prepare('PRAGMA table_info(us)').all();
    if (columns.length === 0) return 'absent';
    const sequence = columns.find((column) => column.name === 'SequenceNumber');
    // A lone INTEGER primary key column is SQLite's rowid alias.
    const rebuild = String(sequence?.type).toUpperCase() === 'INTEGER' && sequence?.pk === 1;
    const present = new Set(
      database
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'us'")
        .all()
        .map((row) => row.name),
    );
    const missing = Object.keys(STREAM_RECORD_INDEXES).filter((name) => !present.has(name));
    if (!rebuild && missing.length === 0) return 'unchanged';
    database.exec('BEGIN IMMEDIATE');
    try {
      if (rebuild) for (const statement of REBUILD) database.exec(statement);
      for (const [name, columns] of Object.entries(STREAM_RECORD_INDEXES))
        database.exec(`CREATE INDEX IF NOT EXISTS ${name} ON us (${columns})`);
      database.exec('COMMIT');
    } catch (error) {
      database.exec('ROLLBACK');
      throw error;
    }
    return rebuild ? 'rebuilt' : 'indexed';
  } finally {
    database.close();
  }
}
