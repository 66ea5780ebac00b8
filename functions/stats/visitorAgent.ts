// Who is worth counting: browsers, not crawlers. The bot decision is isbot's (a maintained list of
// crawler, spider and tool patterns, pinned in package.json), never a hand-written list here.
import { isbot } from 'isbot';

/** True when `userAgent` looks like a person's browser: present, and not a known bot or tool. */
export function isCountableAgent(userAgent: string | null | undefined): userAgent is string {
  // Every browser sends a User-Agent; a request without one is a script.
  if (typeof userAgent !== 'string' || userAgent.trim() === '') return false;
  return !isbot(userAgent);
}
