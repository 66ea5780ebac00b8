// The AppSync Lambda data source side: recordProfileView and myStats. As for presign, expected
// refusals are RETURNED as { ok: false, errorType, message } and re-raised by the resolver with
// util.error, because a thrown error reaches AppSync only as Lambda:Unhandled (docs/appsync-facts.md §5).
import type { ProfileStats } from '../../generated/graphql.ts';
import type { ErrorType } from '../lib/errors.ts';
import { BadRequestError, UnauthorizedError } from '../lib/errors.ts';
import type { CountingDependencies, SkipReason } from './countVisits.ts';
import { countView } from './countVisits.ts';
import { readStats } from './readStats.ts';
import { visitorAddress } from './visitorAddress.ts';

/** What the resolvers send as the Invoke payload. */
export type StatsAction =
  | {
      action: 'recordProfileView';
      username: string;
      sourceIp?: unknown;
      forwardedFor?: unknown;
      userAgent?: unknown;
      callerSub?: unknown;
    }
  | { action: 'myStats'; userId: unknown; from: unknown; to: unknown };

/** What the function returns to the resolvers. */
export type StatsActionResult =
  | { ok: true; counted: boolean; skipped: SkipReason }
  | { ok: true; stats: ProfileStats }
  | { ok: false; errorType: ErrorType; message: string };

/** True for an AppSync Invoke payload of this function (as opposed to an HTTP API event). */
export function isStatsAction(event: unknown): event is StatsAction {
  const action = (event as { action?: unknown } | null)?.action;
  return action === 'recordProfileView' || action === 'myStats';
}

/** Runs one action; domain errors are thrown to the caller, which returns them as values. */
export async function runStatsAction(event: StatsAction, deps: CountingDependencies): Promise<StatsActionResult> {
  if (event.action === 'myStats') {
    if (typeof event.userId !== 'string' || event.userId === '')
      throw new UnauthorizedError('myStats needs a signed-in user.');
    return { ok: true, stats: await readStats(deps.store, event.userId, event.from, event.to) };
  }
  if (typeof event.username !== 'string') throw new BadRequestError('username: is required.');
  const { skipped } = await countView(
    {
      username: event.username,
      address: visitorAddress({ sourceIp: event.sourceIp, forwardedFor: event.forwardedFor }),
      userAgent: firstText(event.userAgent),
      callerSub: typeof event.callerSub === 'string' && event.callerSub !== '' ? event.callerSub : null,
    },
    deps,
  );
  return { ok: true, counted: skipped === null, skipped };
}

// AppSync turns a header sent twice into an array.
function firstText(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : null;
}
