// The stand-in provider's sign-in page: type an identity, or pick a preset or a recent one.
import { html } from '../pages.ts';
import { PRESET_IDENTITIES, stableSubject } from './accounts.ts';
import type { StandInAccount } from './accounts.ts';

/** The page for interaction `uid` at provider `label` (slug `provider`), mounted under `base`. */
export function standInLoginPage(
  label: string,
  provider: string,
  action: string,
  recent: StandInAccount[],
  error?: string,
): string {
  const pick = (identity: { email: string; name: string; sub?: string }) =>
    `<form method="post" action="${html(action)}" class="pick">
<input type="hidden" name="email" value="${html(identity.email)}"><input type="hidden" name="name" value="${html(identity.name)}">
<input type="hidden" name="sub" value="${html(identity.sub ?? stableSubject(provider, identity.email))}"><input type="hidden" name="email_verified" value="on">
<button type="submit">${html(identity.name)} &lt;${html(identity.email)}&gt;</button></form>`;
  const picks = [...recent, ...PRESET_IDENTITIES.filter((p) => !recent.some((r) => r.email === p.email))]
    .map(pick)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in with ${html(label)} (stand-in)</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
input[type=text],input[type=email],input[type=url]{display:block;width:100%;margin:.25rem 0 .75rem;padding:.5rem;box-sizing:border-box}
button{width:100%;margin:.25rem 0;padding:.6rem;font-size:1rem}.error{color:#b00020}.note{color:#555;font-size:.85rem}</style></head>
<body><h1>Sign in with ${html(label)}</h1>
<p class="note">Local stand-in for ${html(label)}: no password, no network. The subject stays the same for the same email unless you type one.</p>
${error ? `<p class="error">${html(error)}</p>` : ''}
<h2>Pick an identity</h2>${picks}
<h2>Or type one</h2>
<form method="post" action="${html(action)}">
<label>Email<input type="email" name="email" required></label>
<label>Name<input type="text" name="name"></label>
<label>Subject (optional)<input type="text" name="sub" placeholder="derived from the email"></label>
<label>Picture URL (optional)<input type="url" name="picture"></label>
<label><input type="checkbox" name="email_verified" checked> email verified</label>
<button type="submit">Continue</button></form>
<p><a href="${html(action.replace(/\/login$/, '/abort'))}">Cancel</a></p></body></html>`;
}
