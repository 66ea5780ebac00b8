// A stack that cannot start (a port taken) says why and leaves nothing running behind it.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalStack } from '../../../local/index.ts';
import { testTempDir } from '../../support/tempDirs.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const dataDir = testTempDir('prolynk-start-failure-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

describe('a failed start', () => {
  it('rejects with the port in use and stops the services that did start', async () => {
    const blocker = net.createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const taken = (blocker.address() as AddressInfo).port;

    const start = createLocalStack({ cdkOutDir: join(ROOT, 'cdk.out'), dataDir, ports: { cognito: taken } });

    await expect(start).rejects.toThrow(`cognito-local cannot listen on 127.0.0.1:${taken}: the port is in use.`);
    blocker.close();
    // DynamoDB Local is a separate JVM started with -dbPath under the data folder.
    await expect.poll(() => processesMentioning(join(dataDir, 'dynamodb')), { timeout: 10_000 }).toEqual([]);
  });
});
