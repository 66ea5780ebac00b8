// The one-port HTTP+HTTPS front must survive clients that misbehave before it knows which
// protocol they speak: a connection reset before the first byte is routine on real networks
// (port scanners, health checks, browsers cancelling a preconnect) and must not end the process.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listenDualProtocol } from '../../../local/http/dualProtocolServer.ts';
import type { DualProtocolServer } from '../../../local/http/dualProtocolServer.ts';
import { ensureDevCertificate } from '../../../local/services/devCertificate.ts';

let dir: string;
let server: DualProtocolServer;
const uncaught: unknown[] = [];
const record = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dual-protocol-'));
  const certificate = await ensureDevCertificate(dir);
  server = await listenDualProtocol((_req, res) => res.end('ok'), {
    port: 0,
    host: '127.0.0.1',
    key: certificate.key,
    cert: certificate.cert,
  });
  process.on('uncaughtException', record);
});

afterAll(async () => {
  process.off('uncaughtException', record);
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a connection, optionally writes `first`, then resets it (TCP RST). */
async function connectAndReset(first?: Buffer): Promise<void> {
  await new Promise<void>((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1', () => {
      if (first) socket.write(first);
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('dual-protocol server robustness', () => {
  beforeEach(() => {
    uncaught.length = 0;
  });

  it('keeps serving after a client resets its connection before sending anything', async () => {
    await connectAndReset();

    expect(uncaught).toEqual([]);
    const answer = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await answer.text()).toBe('ok');
  });

  it('keeps serving after a client resets in the middle of a TLS handshake', async () => {
    await connectAndReset(Buffer.from([0x16, 0x03, 0x01]));

    expect(uncaught).toEqual([]);
    const answer = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await answer.text()).toBe('ok');
  });
});
