// How DynamoDB Local's own SQLite plans queries on a database file (JarQueryPlans.java, run by the
// JDK's source launcher with the jar's sqlite4java and native library).
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { packagedJar } from '../../../../local/services/dynamodb/dynamoDbProcess.ts';

const run = promisify(execFile);

/** One plan per query, its steps joined by " | ". */
export async function jarQueryPlans(databaseFile: string, queries: string[]): Promise<string[]> {
  const lib = join(dirname(packagedJar()), 'DynamoDBLocal_lib');
  const { stdout } = await run('java', [
    `-Dsqlite4java.library.path=${lib}`,
    '-cp',
    join(lib, 'sqlite4java.jar'),
    join(import.meta.dirname, 'JarQueryPlans.java'),
    databaseFile,
    ...queries,
  ]);
  return stdout.trimEnd().split('\n');
}
