// Generates a seed-era data set into a target's tables, account by account (memory stays flat in
// its size), and summarizes what it wrote: counts per trait and a few sample accounts per trait,
// which tests and the migration's report can be checked against.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableNames } from '../target.ts';
import { legacyAccount } from './legacyAccount.ts';
import type { LegacyAccount, Trait } from './legacyAccount.ts';
import { RowWriter } from './writeRows.ts';

/** What to generate. */
export interface LegacyDataOptions {
  /** Number of profile rows (accounts without a profile come on top, about one in twelve). */
  profiles: number;
  seed: number;
  /** The bucket's public URL, as the seed stored asset URLs. */
  assetsBaseUrl: string;
  /** Called after each account (progress). */
  onAccount?: (account: LegacyAccount) => void;
}

/** A sample account of one trait. */
export interface SampleAccount {
  sub: string;
  username: string | null;
  liveLinks: number;
}

/** What a generation wrote. */
export interface LegacyDataManifest {
  seed: number;
  accounts: number;
  rows: { users: number; profiles: number; links: number };
  liveLinks: number;
  traits: Partial<Record<Trait, number>>;
  /** Up to five accounts per trait, in generation order. */
  samples: Partial<Record<Trait, SampleAccount[]>>;
}

const SAMPLES_PER_TRAIT = 5;

/** Writes `options.profiles` seed-era profiles (and their users rows and links) to `tables`. */
export async function generateLegacyData(
  client: DynamoDBClient,
  tables: TableNames,
  options: LegacyDataOptions,
): Promise<LegacyDataManifest> {
  const writer = new RowWriter(client);
  const manifest: LegacyDataManifest = {
    seed: options.seed,
    accounts: 0,
    rows: { users: 0, profiles: 0, links: 0 },
    liveLinks: 0,
    traits: {},
    samples: {},
  };
  for (let index = 0; manifest.rows.profiles < options.profiles; index += 1) {
    const account = legacyAccount(options.seed, index, options.assetsBaseUrl);
    if (account.user) await writer.put(tables.users, account.user);
    if (account.profile) await writer.put(tables.profiles, account.profile);
    for (const link of account.links) await writer.put(tables.links, link);
    record(manifest, account);
    options.onAccount?.(account);
  }
  await writer.flush();
  return manifest;
}

function record(manifest: LegacyDataManifest, account: LegacyAccount): void {
  manifest.accounts += 1;
  manifest.rows.users += account.user ? 1 : 0;
  manifest.rows.profiles += account.profile ? 1 : 0;
  manifest.rows.links += account.links.length;
  manifest.liveLinks += account.liveLinks;
  for (const trait of account.traits) {
    manifest.traits[trait] = (manifest.traits[trait] ?? 0) + 1;
    const samples = (manifest.samples[trait] ??= []);
    if (samples.length < SAMPLES_PER_TRAIT)
      samples.push({ sub: account.sub, username: account.username, liveLinks: account.liveLinks });
  }
}
