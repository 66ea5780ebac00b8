// The HTML pages of the local managed login: the sign-in page (providers and email/password) and
// the error page. Deliberately plain; every value is escaped.
import type { AuthorizationRequest } from './authorizeRequest.ts';

/** Escapes text for HTML content and attribute values. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}
a.button,button{display:block;width:100%;margin:.5rem 0;padding:.6rem;font-size:1rem;text-align:center}
input{display:block;width:100%;margin:.25rem 0 .75rem;padding:.5rem;box-sizing:border-box}
.error{color:#b00020}.note{color:#555;font-size:.85rem}</style></head><body>${body}</body></html>`;
}

/** Managed login's sign-in page for one authorization request. */
export function signInPage(
  request: AuthorizationRequest,
  providers: string[],
  authorizeQuery: string,
  error?: string,
): string {
  const hidden = Object.entries({ ...authorizeFields(request) })
    .map(([name, value]) => `<input type="hidden" name="${html(name)}" value="${html(value)}">`)
    .join('');
  const buttons = providers
    .map((name) => {
      const query = new URLSearchParams(authorizeQuery);
      query.set('identity_provider', name);
      return `<a class="button" href="/oauth2/authorize?${html(query.toString())}">Continue with ${html(name)}</a>`;
    })
    .join('');
  return page(
    'Sign in',
    `<h1>Sign in</h1>${buttons}${buttons ? '<p class="note">or with your email and password</p>' : ''}
${error ? `<p class="error">${html(error)}</p>` : ''}
<form method="post" action="/login">${hidden}
<label>Email<input name="username" type="email" autocomplete="username" required></label>
<label>Password<input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>
<p class="note">ProLynk local stack: managed login emulated in front of cognito-local.</p>`,
  );
}

/** Managed login's error page (the user's browser stays here: nothing is sent to an unverified redirect URI). */
export function errorPage(error: string, description?: string): string {
  return page(
    'Error',
    `<h1>An error was encountered with the requested page.</h1><p class="error">${html(error)}</p>${
      description ? `<p>${html(description)}</p>` : ''
    }`,
  );
}

/** The authorize parameters a form re-posts. */
export function authorizeFields(request: AuthorizationRequest): Record<string, string> {
  return {
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: request.scopes.join(' '),
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...(request.state === undefined ? {} : { state: request.state }),
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
  };
}
