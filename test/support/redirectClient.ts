// A small browser without a renderer: it follows redirects and keeps cookies (by host and path,
// as a browser does for http://localhost), so OAuth flows can be walked over real HTTP. It stops
// before leaving for a URL `stopAt` accepts (the app's callback, which nothing serves in tests).
import { createHash, randomBytes } from 'node:crypto';

interface Cookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

/** Cookies set by responses, sent back on matching requests. */
export class CookieJar {
  private cookies: Cookie[] = [];

  store(url: URL, setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const pathAttribute = attributes.find((attribute) => /^path=/i.test(attribute));
      const path = pathAttribute ? pathAttribute.slice(5) : url.pathname.replace(/\/[^/]*$/, '') || '/';
      const expired = attributes.some((attribute) => /^(max-age=0|expires=Thu, 01 Jan 1970)/i.test(attribute));
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === path));
      if (!expired) this.cookies.push({ name, value, host: url.hostname, path });
    }
  }

  header(url: URL): string {
    return this.cookies
      .filter(
        (c) =>
          c.host === url.hostname &&
          (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

/** Where a walk ended: a page (status, body) or a redirect to a URL `stopAt` accepted. */
export interface WalkResult {
  url: string;
  status: number;
  body: string;
  /** The redirect target the walk stopped before following. */
  stoppedAt?: URL;
  /** Every URL visited, in order. */
  visited: string[];
}

/** Requests `url` and follows redirects (POST becomes GET after 302/303, as browsers do). */
export async function walk(
  url: string,
  options: { jar: CookieJar; stopAt?: (url: URL) => boolean; form?: Record<string, string>; maxHops?: number },
): Promise<WalkResult> {
  let current = new URL(url);
  let form = options.form;
  const visited: string[] = [];
  for (let hop = 0; hop < (options.maxHops ?? 20); hop += 1) {
    visited.push(current.toString());
    const headers: Record<string, string> = {};
    const cookie = options.jar.header(current);
    if (cookie) headers.cookie = cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(current, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    options.jar.store(current, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, current);
      if (options.stopAt?.(next))
        return { url: current.toString(), status: response.status, body: '', stoppedAt: next, visited };
      current = next;
      form = undefined;
      continue;
    }
    return { url: current.toString(), status: response.status, body: await response.text(), visited };
  }
  throw new Error(`More than ${options.maxHops ?? 20} redirects from ${url}`);
}

/** A PKCE pair (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
