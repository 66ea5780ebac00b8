// Serves the console bundle: the page at `/` and its files under /_console/assets/. Paths are
// resolved inside the bundle folder only, and nothing is cached by the browser across rebuilds.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Hono } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Routes for the page and its assets; `ready` settles when the bundle is current. */
export function staticAssetRoutes(bundleDir: string, ready: Promise<void>): Hono {
  const app = new Hono();
  const serve = async (file: string) => {
    const failure = await ready.then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    if (failure !== undefined) {
      return new Response(`The console could not be built: ${failure}\nRun \`npm run build\` to see why.`, {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    const path = normalize(join(bundleDir, file));
    if (!path.startsWith(`${normalize(bundleDir)}${sep}`)) return new Response('Not found', { status: 404 });
    const body = await readFile(path).catch(() => undefined);
    if (body === undefined) return new Response('Not found', { status: 404 });
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      },
    });
  };
  app.get('/', () => serve('index.html'));
  app.get('/_console/assets/:file', (c) => serve(c.req.param('file')));
  return app;
}
