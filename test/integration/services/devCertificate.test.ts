import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate } from '../../../local/index.ts';

const DAY_MS = 86_400_000;

describe('development certificate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'prolynk-cert-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is generated once and reused afterwards', async () => {
    const first = await ensureDevCertificate(dir);
    const second = await ensureDevCertificate(dir);

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.cert).toBe(first.cert);
    expect(second.key).toBe(first.key);
    expect(second.certPath).toBe(join(dir, 'localhost-cert.pem'));
  });

  it('names localhost, 127.0.0.1 and ::1 and stays valid for 825 days', async () => {
    const { cert } = await ensureDevCertificate(dir);
    const x509 = new X509Certificate(cert);

    expect(x509.subjectAltName?.split(', ').sort()).toEqual([
      'DNS:localhost',
      'IP Address:0:0:0:0:0:0:0:1',
      'IP Address:127.0.0.1',
    ]);
    const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / DAY_MS;
    expect(days).toBe(825);
  });

  it('serves HTTPS that a client trusting the certificate accepts, by name and by address', async () => {
    const { key, cert } = await ensureDevCertificate(dir);
    const server = createServer({ key, cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // `localhost` resolves to 127.0.0.1 here, so the name check, not the route, is what varies.
      const get = (host: string) =>
        new Promise<string>((resolve, reject) => {
          const lookup = (
            _name: string,
            options: { all?: boolean },
            callback: (error: null, address: unknown, family?: number) => void,
          ) =>
            options.all === true
              ? callback(null, [{ address: '127.0.0.1', family: 4 }])
              : callback(null, '127.0.0.1', 4);
          request({ host, port, ca: cert, lookup: lookup as never }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve(body));
          })
            .on('error', reject)
            .end();
        });
      expect(await get('127.0.0.1')).toBe('ok');
      expect(await get('localhost')).toBe('ok');
    } finally {
      server.close();
    }
  });

  it('refuses a client that does not trust it', async () => {
    const { key, cert } = await ensureDevCertificate(dir);
    const server = createServer({ key, cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const attempt = new Promise((resolve, reject) =>
        request({ host: '127.0.0.1', port }, resolve).on('error', reject).end(),
      );
      await expect(attempt).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    } finally {
      server.close();
    }
  });

  it('explains how to get openssl when it is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      await expect(ensureDevCertificate(join(dir, 'elsewhere'))).rejects.toThrow(/openssl not found: install it/);
    } finally {
      process.env.PATH = path;
    }
  });
});
