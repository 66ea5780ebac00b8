// Ids for seed-era projects that have none. Stable: the same project of the same profile always
// gets the same id (a re-run, or a retried write, never invents another), and it has the shape
// of the ids saveProfile generates (a UUID, here a name-based one: RFC 9562 version 5).
import { createHash } from 'node:crypto';

const NAMESPACE = 'prolynk/seed-era-project';

/** The id of the `index`-th project (titled `title`) of `userId`'s profile `username`. */
export function stableProjectId(userId: string, username: string, index: number, title: unknown): string {
  const hash = createHash('sha1')
    .update(`${NAMESPACE}\n${userId}\n${username}\n${index}\n${String(title)}`)
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
