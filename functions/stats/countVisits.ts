// The two counting use cases: a profile view and a link click. Each answers the same whatever is
// counted (callers learn nothing about the counts), and writes nothing for a bad request.
import { normalizeUsername, usernameProblem } from '../../resolvers/lib/username.ts';
import { BadRequestError, NotFoundError } from '../lib/errors.ts';
import { planCount } from './countPlan.ts';
import { utcDay } from './days.ts';
import type { CounterKind } from './statsKeys.ts';
import type { StatsStore } from './statsStore.ts';
import type { DailyKeys, Visitor } from './visitorHash.ts';
import { visitorHash } from './visitorHash.ts';
import { isCountableAgent } from './visitorAgent.ts';

/** What counting needs besides the request. */
export interface CountingDependencies {
  store: StatsStore;
  keys: DailyKeys;
  /** Counter shards to spread writes over (1…MAX_SHARDS). */
  shards: number;
  now: () => number;
  random: () => number;
}

/** Why a request was not counted; null when it was. */
export type SkipReason = 'bot' | 'owner' | 'repeat' | null;

/** A profile view: who views what. `callerSub` is the signed-in caller, if any. */
export interface ViewRequest {
  username: string;
  address: string | null;
  userAgent: string | null | undefined;
  callerSub: string | null;
}

/** A click through /l/{username}/{link_id}. */
export interface ClickRequest {
  username: string;
  linkId: string;
  address: string | null;
  userAgent: string | null | undefined;
}

/** Counts a view unless it is a bot's, the owner's own, or a repeat within the window. */
export async function countView(request: ViewRequest, deps: CountingDependencies): Promise<{ skipped: SkipReason }> {
  const username = normalizeUsername(request.username);
  const problem = usernameProblem(username);
  if (problem?.reason === 'INVALID') throw new BadRequestError(`username: ${problem.message}`);
  const owner = problem === null ? await deps.store.profileOwner(username) : null;
  if (owner === null) throw new NotFoundError(`No profile is named "${username}".`);
  if (!isCountableAgent(request.userAgent)) return { skipped: 'bot' };
  if (request.callerSub === owner) return { skipped: 'owner' };
  const visitor = { address: request.address, userAgent: request.userAgent };
  return countOnce(owner, { kind: 'views' }, visitor, `view:${owner}`, deps);
}

/** Finds the live link to redirect to, and counts the click unless it is a bot's or a repeat. */
export async function countClick(
  request: ClickRequest,
  deps: CountingDependencies,
): Promise<{ url: string; skipped: SkipReason }> {
  const username = normalizeUsername(request.username);
  const owner = usernameProblem(username) === null ? await deps.store.profileOwner(username) : null;
  const link = owner === null || request.linkId === '' ? null : await deps.store.liveLink(owner, request.linkId);
  // Only http(s) targets were ever accepted by saveLink; anything else is not redirected to.
  if (owner === null || link === null || !/^https?:\/\//i.test(link.url)) {
    throw new NotFoundError(`No link ${request.linkId} on "${username}".`);
  }
  if (!isCountableAgent(request.userAgent)) return { url: link.url, skipped: 'bot' };
  const visitor = { address: request.address, userAgent: request.userAgent };
  const counted = await countOnce(
    owner,
    { kind: 'click', linkId: request.linkId },
    visitor,
    `click:${owner}:${request.linkId}`,
    deps,
  );
  return { url: link.url, ...counted };
}

async function countOnce(
  userId: string,
  counter: CounterKind,
  visitor: Visitor,
  scope: string,
  deps: CountingDependencies,
): Promise<{ skipped: SkipReason }> {
  const nowMs = deps.now();
  const day = utcDay(nowMs);
  const hash = visitorHash(await deps.keys.keyFor(day), day, visitor, scope);
  const plan = planCount({ userId, counter, visitorHash: hash, nowMs }, deps.shards, deps.random);
  if (!(await deps.store.claimFirstVisit(plan.seen, Math.floor(nowMs / 1000)))) return { skipped: 'repeat' };
  // A failure here loses this one count (the marker stays): never a double count.
  await deps.store.increment(plan.counter);
  return { skipped: null };
}
