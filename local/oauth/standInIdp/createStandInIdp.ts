// A stand-in for the external identity providers (Google, LinkedIn) on one local server, built on
// oidc-provider (a certified OpenID Connect server): each provider is its own issuer under its
// slug (`/google`, `/linkedin`) with its own keys, cookies and accounts, registering the local
// domain's `/oauth2/idpresponse` as the client's redirect URI. Its sign-in page asks for an
// identity on every sign-in, so a developer can switch people freely.
import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { errorPage, html } from '../pages.ts';
import { accountFromForm, accountStore } from './accounts.ts';
import { standInLoginPage } from './loginPage.ts';
import { providerConfiguration } from './providerConfiguration.ts';

/** One provider the stand-in plays, and the one client (the user pool) it serves. */
export interface StandInProviderSpec {
  /** The user pool's name for it: "Google", "LinkedIn". */
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** The stand-in server: its request listener and each provider's issuer URL. */
export interface StandInIdp {
  listener: RequestListener;
  issuerOf(name: string): string;
}

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Creates the stand-in providers served under `baseUrl` (http://localhost:<port>). */
export function createStandInIdp(baseUrl: string, specs: StandInProviderSpec[]): StandInIdp {
  // One signing key for the server's issuers: they are one process, and key generation costs start-up time.
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const routes = new Map(
    specs.map((spec) => [slugOf(spec.name), standInProvider(baseUrl, spec, { ...jwk, use: 'sig' })]),
  );
  const listener: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const [, slug = '', ...rest] = url.pathname.split('/');
    const route = routes.get(slug);
    if (route === undefined) {
      const links = specs
        .map((spec) => `<li>${html(spec.name)}: ${html(`${baseUrl}/${slugOf(spec.name)}`)}</li>`)
        .join('');
      res.writeHead(slug === '' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Stand-in identity providers</title><h1>Stand-in identity providers</h1><ul>${links}</ul>`,
      );
      return;
    }
    void route.handle(req, res, `/${rest.join('/')}${url.search}`).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(errorPage('invalid_request', (error as Error).message));
    });
  };
  return { listener, issuerOf: (name) => `${baseUrl}/${slugOf(name)}` };
}

function standInProvider(baseUrl: string, spec: StandInProviderSpec, jwk: Record<string, unknown>) {
  const slug = slugOf(spec.name);
  const accounts = accountStore();
  const provider = new Provider(`${baseUrl}/${slug}`, providerConfiguration(slug, spec, jwk, accounts));
  const callback = provider.callback();

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const interaction = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(new URL(path, baseUrl).pathname);
    if (interaction === null) {
      // oidc-provider finds its mount path from originalUrl (docs: "Mounting oidc-provider").
      Object.assign(req, { originalUrl: req.url, url: path });
      callback(req, res);
      return;
    }
    const action = `/${slug}/interaction/${interaction[1]}/login`;
    // Throws for an unknown or expired interaction (its cookie names it).
    await provider.interactionDetails(req, res);
    if (interaction[2] === '/abort') {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'The user cancelled the sign-in.',
      });
      return;
    }
    if (interaction[2] === undefined || req.method !== 'POST') {
      sendHtml(res, 200, standInLoginPage(spec.name, slug, action, accounts.recent()));
      return;
    }
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const account = accountFromForm(slug, form);
    if (typeof account === 'string') {
      sendHtml(res, 400, standInLoginPage(spec.name, slug, action, accounts.recent(), account));
      return;
    }
    accounts.put(account);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
  };
  return { handle };
}

function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('The form is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
