// Servers that listen before what they serve exists: 503 (or a dropped handshake) until attached.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { lateHandler, lateUpgrade } from '../../../local/stack/lateHandler.ts';

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(listener: http.RequestListener): Promise<string> {
  server = http.createServer(listener);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('lateHandler', () => {
  it('answers 503 with a JSON message until a handler is attached, then forwards to it', async () => {
    const late = lateHandler();
    const url = await listen(late.listener);

    const early = await fetch(url);
    expect(early.status).toBe(503);
    expect(await early.json()).toEqual({ message: 'The local stack is still starting.' });

    late.attach((_req, res) => res.end('served'));
    expect(await (await fetch(url)).text()).toBe('served');
  });
});

describe('lateUpgrade', () => {
  it('drops a handshake until a server is attached, then hands it over', () => {
    const late = lateUpgrade();
    const request = {} as http.IncomingMessage;
    const before = new PassThrough();
    late.listener(request, before, Buffer.alloc(0));
    expect(before.destroyed).toBe(true);

    const handed: unknown[] = [];
    late.attach({ handleUpgrade: (req, socket) => handed.push(req, socket) });
    const after = new PassThrough();
    late.listener(request, after, Buffer.alloc(0));
    expect(after.destroyed).toBe(false);
    expect(handed).toEqual([request, after]);
  });
});
