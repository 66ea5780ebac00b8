// exportAccount's business, free of Lambda: claim the minute's export slot, read the account,
// write the document under the private exports/{sub}/ prefix, and presign its GET for 15 minutes.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AccountExport as GeneratedAccountExport } from '../../generated/graphql.ts';
import type { AccountTables } from '../lib/accountTables.ts';
import { readAccountData } from './accountData.ts';
import { exportDocument } from './exportDocument.ts';
import { claimExportSlot } from './exportSlot.ts';

/** How long the download link stays valid. */
export const EXPORT_URL_TTL_SECONDS = 15 * 60;

/** GraphQL's AccountExport. */
export type AccountExport = Omit<GeneratedAccountExport, '__typename'>;

export interface ExportDependencies {
  dynamodb: DynamoDBClient;
  tables: AccountTables;
  /** The profile stats' counters (functions/stats/accountStats.ts). */
  statsTable: string;
  s3: S3Client;
  bucket: string;
  assetsBaseUrl: string;
  now: () => Date;
}

/** Builds and stores the export of `userId`; throws ExportTooSoonError within a minute of the last one. */
export async function exportAccount(userId: string, deps: ExportDependencies): Promise<AccountExport> {
  const now = deps.now();
  await claimExportSlot(deps.dynamodb, deps.tables.accountJobs, userId, now);
  const data = await readAccountData(userId, { ...deps, urlExpiresIn: EXPORT_URL_TTL_SECONDS, now });
  const key = `exports/${userId}/${now.toISOString().replace(/[:.]/g, '-')}.json`;
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket,
      Key: key,
      Body: JSON.stringify(exportDocument(userId, data, now), null, 2),
      ContentType: 'application/json',
      ContentDisposition: `attachment; filename="prolynk-export-${now.toISOString().slice(0, 10)}.json"`,
    }),
  );
  const url = await getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: deps.bucket, Key: key }), {
    expiresIn: EXPORT_URL_TTL_SECONDS,
    signingDate: now,
  });
  return { url, expiresAt: new Date(now.getTime() + EXPORT_URL_TTL_SECONDS * 1000).toISOString() };
}
