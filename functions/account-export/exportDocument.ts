// The export document (README "Leaving ProLynk"): everything stored about one account, with the
// stored attribute names, so nothing is lost in translation. Pure: the data and the clock come in.

import type { AccountStatsEntry } from '../stats/accountStats.ts';

type Item = Record<string, unknown>;

/** One object under the account's prefix. */
export interface ExportedUpload {
  key: string;
  size: number;
  contentType: string | null;
  lastModified: string | null;
  /** The public URL, or a presigned GET for an object outside the public folders. */
  url: string;
}

/** What was read for the export. */
export interface AccountData {
  account: Item | null;
  profile: Item | null;
  /** Further profile rows the account owns besides `profile` (left by the seed system). */
  otherProfiles: Item[];
  links: Item[];
  uploads: ExportedUpload[];
  /** The profile's views and link clicks, by day (functions/stats/accountStats.ts). */
  stats: AccountStatsEntry[];
}

/** The JSON document: exportedAt, the users row, the profile row and any others, every link (flagged), every upload, the stats. */
export function exportDocument(userId: string, data: AccountData, exportedAt: Date) {
  return {
    format: 'prolynk-account-export',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    userId,
    account: data.account,
    profile: data.profile,
    otherProfiles: [...data.otherProfiles].sort((a, b) => String(a.username).localeCompare(String(b.username))),
    links: [...data.links]
      .sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')))
      // Seed-era rows may lack is_deleted: every link says whether it is deleted.
      .map((link) => ({ ...link, is_deleted: link.is_deleted === true })),
    uploads: [...data.uploads].sort((a, b) => a.key.localeCompare(b.key)),
    stats: data.stats,
  };
}
