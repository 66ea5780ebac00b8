// The console's signed-in session refreshes itself a minute before the ID token expires, keeps
// the refresh token Cognito does not reissue, and reports a failed refresh (fake timers).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepFresh, sessionFrom } from '../../../console/src/auth/session.ts';
import type { Session, Tokens } from '../../../console/src/auth/session.ts';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const jwt = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;
const tokensExpiringAt = (expMs: number, tag: string): Tokens => ({
  idToken: jwt({ sub: 'sub-1', 'custom:username': 'ada', exp: expMs / 1000, tag }),
  accessToken: `access-${tag}`,
  refreshToken: `refresh-${tag}`,
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('console session', () => {
  it('reads who signed in and when the ID token expires from its claims', () => {
    const session = sessionFrom(tokensExpiringAt(NOW + 3_600_000, 'a'), 'ada@example.com');
    expect(session).toMatchObject({
      email: 'ada@example.com',
      username: 'ada',
      sub: 'sub-1',
      expiresAt: NOW + 3_600_000,
    });
  });

  it('refreshes one minute before expiry and keeps the refresh token', async () => {
    const session = sessionFrom(tokensExpiringAt(NOW + 3_600_000, 'a'), 'ada@example.com');
    const refresh = vi.fn(async () => tokensExpiringAt(NOW + 7_200_000, 'b'));
    const refreshed: Session[] = [];
    keepFresh(session, { refresh, onRefreshed: (s) => refreshed.push(s), onFailed: () => undefined });

    await vi.advanceTimersByTimeAsync(3_600_000 - 60_000 - 1);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledWith('refresh-a');
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toMatchObject({
      accessToken: 'access-b',
      refreshToken: 'refresh-a',
      expiresAt: NOW + 7_200_000,
    });
  });

  it('refreshes at once a session that is already about to expire', async () => {
    const session = sessionFrom(tokensExpiringAt(NOW + 30_000, 'a'), 'ada@example.com');
    const refresh = vi.fn(async () => tokensExpiringAt(NOW + 3_600_000, 'b'));
    keepFresh(session, { refresh, onRefreshed: () => undefined, onFailed: () => undefined });
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('reports a failed refresh and stops when cancelled', async () => {
    const session = sessionFrom(tokensExpiringAt(NOW + 120_000, 'a'), 'ada@example.com');
    const failures: string[] = [];
    keepFresh(session, {
      refresh: async () => {
        throw new Error('Refresh Token has expired');
      },
      onRefreshed: () => undefined,
      onFailed: (e) => failures.push(e.message),
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(failures).toEqual(['Refresh Token has expired']);

    const refresh = vi.fn(async () => tokensExpiringAt(NOW, 'c'));
    const cancel = keepFresh(session, { refresh, onRefreshed: () => undefined, onFailed: () => undefined });
    cancel();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(refresh).not.toHaveBeenCalled();
  });
});
