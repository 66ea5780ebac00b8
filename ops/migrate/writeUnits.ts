// How the migration writes: every change is a unit of conditional actions that must apply
// together (one row's fixes; or a user's links and their counter), and the units of a page are
// packed into TransactWriteItems of up to 100 actions. Packing is what makes the migration fast
// where each commit costs a disk sync (DynamoDB Local: ~40 ms for one update, ~0.3 s for a
// hundred); on AWS a transactional write costs twice the capacity of a plain one, which for a
// one-off migration is cents. A cancelled transaction names the actions whose condition failed:
// their units are read again and planned again (a concurrent change wins, never the migration);
// the other units are simply sent again.
import { createHash } from 'node:crypto';
import { TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { addConsumed, eachLimited } from './dynamo.ts';
import type { PageResult, PhaseContext } from './phases/phaseContext.ts';
import { MAX_REPLANS } from './phases/phaseContext.ts';

/** Conditional actions that apply together, and what to do once they did (or could not). */
export interface WriteUnit {
  /** "table|key" of every item the actions write: a transaction may name an item only once. */
  keys: string[];
  actions: TransactWriteItem[];
  /** The actions applied (or, in a dry run, would have). */
  applied(result: PageResult): void;
  /** A condition failed: the unit for the rows as they are now, or null when nothing is left to do. */
  replan(): Promise<WriteUnit | null>;
  /** Still failing after MAX_REPLANS plans. */
  gaveUp(result: PageResult): void;
}

/** At most 100 actions and 4 MB a transaction (DynamoDB's limits); we keep below the size. */
const MAX_ACTIONS = 100;
const MAX_BYTES = 3_500_000;

/** Writes `units`, re-planning the ones that lose to concurrent changes. */
export async function commitUnits(ctx: PhaseContext, units: WriteUnit[], result: PageResult): Promise<void> {
  if (ctx.dryRun) {
    for (const unit of units) unit.applied(result);
    return;
  }
  const failures = new Map<WriteUnit, number>();
  let pending = units;
  while (pending.length > 0) {
    const next: WriteUnit[] = [];
    await eachLimited(pack(pending), ctx.writeConcurrency, async (group) => {
      const failed = await commit(ctx, group);
      if (failed === null) return void group.forEach((unit) => unit.applied(result));
      for (const unit of group) {
        if (!failed.has(unit)) {
          next.push(unit);
          continue;
        }
        result.retried += 1;
        const attempts = (failures.get(unit) ?? 0) + 1;
        if (attempts >= MAX_REPLANS) {
          unit.gaveUp(result);
          continue;
        }
        const replanned = await unit.replan();
        if (replanned) {
          failures.set(replanned, attempts);
          next.push(replanned);
        }
      }
    });
    pending = next;
  }
}

// Groups of units within the transaction limits, never naming an item twice.
function pack(units: WriteUnit[]): WriteUnit[][] {
  const groups: { units: WriteUnit[]; actions: number; bytes: number; keys: Set<string> }[] = [];
  for (const unit of units) {
    const bytes = JSON.stringify(unit.actions).length;
    const group = groups.find(
      (g) =>
        g.actions + unit.actions.length <= MAX_ACTIONS &&
        g.bytes + bytes <= MAX_BYTES &&
        unit.keys.every((k) => !g.keys.has(k)),
    );
    if (group) {
      group.units.push(unit);
      group.actions += unit.actions.length;
      group.bytes += bytes;
      for (const k of unit.keys) group.keys.add(k);
    } else groups.push({ units: [unit], actions: unit.actions.length, bytes, keys: new Set(unit.keys) });
  }
  return groups.map((g) => g.units);
}

// Null when the transaction applied; else the units whose actions were refused.
async function commit(ctx: PhaseContext, group: WriteUnit[]): Promise<Set<WriteUnit> | null> {
  const actions = group.flatMap((unit) => unit.actions);
  // The same token makes an SDK retry of an applied transaction a no-op instead of a conflict.
  const token = createHash('sha256').update(JSON.stringify(actions)).digest('hex').slice(0, 36);
  try {
    const out = await ctx.db.client.send(
      new TransactWriteItemsCommand({
        TransactItems: actions,
        ClientRequestToken: token,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addConsumed(ctx.db, out.ConsumedCapacity);
    return null;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const failed = new Set<WriteUnit>();
    let at = 0;
    for (const unit of group) {
      const codes = reasons.slice(at, at + unit.actions.length).map((r) => r.Code);
      if (codes.some((code) => code !== undefined && code !== 'None')) failed.add(unit);
      at += unit.actions.length;
    }
    // Without reasons nothing can be told apart: every unit is planned again.
    return failed.size > 0 ? failed : new Set(group);
  }
}

/** "table|key" for WriteUnit.keys. */
export function itemKey(table: string, key: Record<string, unknown>): string {
  return `${table}|${JSON.stringify(key)}`;
}
