import { describe, expect, it } from 'vitest';
import { confirmationProblem } from '../../../resolvers/lib/deletionConfirmation.ts';

const withUsername = { username: 'ada', email: 'ada@example.com', claimedEmail: null };
const withoutUsername = { username: null, email: 'Ada@Example.com', claimedEmail: null };

describe('deleteAccount confirmation', () => {
  it.each(['ada', ' Ada ', 'ADA'])('accepts the username typed as %j (trimmed, case-insensitive)', (typed) => {
    expect(confirmationProblem(typed, withUsername)).toBeNull();
  });

  it.each(['adam', 'ad', 'ada@example.com', 'a da'])('refuses %j for the username "ada"', (typed) => {
    expect(confirmationProblem(typed, withUsername)).toEqual({
      field: 'input.username',
      message: 'does not match your username; nothing was deleted',
    });
  });

  it('refuses an empty, blank or overlong confirmation', () => {
    for (const typed of ['', '   ', `${'a'.repeat(250)}@example.com`]) {
      expect(confirmationProblem(typed, withUsername)?.message).toMatch(/^type your username/);
    }
  });

  it('lets a caller without a username confirm with the email of their users row or their token', () => {
    expect(confirmationProblem(' ada@EXAMPLE.com', withoutUsername)).toBeNull();
    expect(
      confirmationProblem('ID@example.com', { username: null, email: null, claimedEmail: 'id@example.com' }),
    ).toBeNull();
    expect(confirmationProblem('other@example.com', withoutUsername)?.message).toMatch(/does not match your email/);
  });

  it('explains what to do when there is nothing to compare with', () => {
    expect(
      confirmationProblem('ada@example.com', { username: null, email: null, claimedEmail: null })?.message,
    ).toMatch(/use your ID token/);
  });
});
