// `npm start` as a user, an IDE or `timeout` runs it, in processes of its own on free ports and a
// temporary data folder, then ended the three ways that used to leave services behind: Ctrl-C
// with a request in flight, SIGTERM to npm alone, and SIGKILL of the stack's node process. Each
// time every port must be freed and no process (DynamoDB Local's JVM included) may remain.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { canListSockets, processTree, socketsOnPort } from '../../support/listeningSockets.ts';
import { testTempDir } from '../../support/tempDirs.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const PORTS_PER_STACK = 8;
// Start-up is seconds alone, more while the rest of the run shares the CPU.
const START_TIMEOUT_MS = 120_000;
const GONE_TIMEOUT_MS = 15_000;

interface StartedStack {
  npm: ChildProcess;
  base: number;
  lines: string[];
  /** Every process of the stack: npm, sh, tsx, the stack's node, DynamoDB Local's JVM. */
  pids: number[];
  stackPid: number;
  javaPid: number;
  apiKey: string;
}

const started: StartedStack[] = [];
const dataDirs: string[] = [];
afterEach(() => {
  // A failed test must not leave its stack behind: end whatever is left of it.
  for (const stack of started.splice(0)) {
    for (const pid of stack.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(canListSockets)('stopping `npm start`', () => {
  it(
    'on Ctrl-C, answers the request in flight, then stops every service',
    async () => {
      const stack = await startNpm();
      const held = await holdRequest(stack.base, stack.apiKey);

      // A terminal's Ctrl-C goes to the whole foreground process group.
      process.kill(-stack.npm.pid!, 'SIGINT');
      await until(() => stack.lines.some((line) => line.includes('request(s) in flight')), GONE_TIMEOUT_MS);
      const answer = await held.finish();

      expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
      await expectAllGone(stack);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'on SIGTERM to npm alone (what `timeout` and IDE stop buttons send), stops every service',
    async () => {
      const stack = await startNpm();

      process.kill(stack.npm.pid!, 'SIGTERM');

      await expectAllGone(stack);
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'when the stack’s node process is killed outright, DynamoDB Local’s JVM exits too and the ports are freed',
    async () => {
      const stack = await startNpm();

      process.kill(stack.stackPid, 'SIGKILL');

      await expectAllGone(stack);
    },
    START_TIMEOUT_MS + 30_000,
  );
});

async function startNpm(): Promise<StartedStack> {
  const base = await freePortRange();
  const dataDir = testTempDir('prolynk-signals-');
  dataDirs.push(dataDir);
  const npm = spawn('npm', ['start', '--', '--port', String(base), '--quiet', '--data', dataDir], {
    cwd: ROOT,
    // Its own process group, as a terminal's job is.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: npm.stdout! }).on('line', (line) => lines.push(line));
  createInterface({ input: npm.stderr! }).on('line', (line) => lines.push(line));
  const stack: StartedStack = { npm, base, lines, pids: [], stackPid: 0, javaPid: 0, apiKey: '' };
  const ready = () => lines.some((line) => line.startsWith('ProLynk local stack ready'));
  try {
    // A stack that could not start ends npm: that fails at once rather than at the deadline.
    await until(() => {
      if (!ready() && npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}) before it was ready`);
      return ready();
    }, START_TIMEOUT_MS);
  } catch (error) {
    throw new Error(`${(error as Error).message}; its output:\n${lines.slice(-30).join('\n')}`);
  }
  stack.pids = processTree(npm.pid!);
  stack.stackPid = pidRunning(stack.pids, 'local/cli/start.ts', '--import');
  stack.javaPid = pidRunning(stack.pids, 'LoopbackDynamoDbLocal');
  stack.apiKey = (JSON.parse(readFileSync(join(dataDir, 'outputs.json'), 'utf8')) as { apiKey: string }).apiKey;
  started.push(stack);
  return stack;
}

async function expectAllGone(stack: StartedStack): Promise<void> {
  const ports = Array.from({ length: PORTS_PER_STACK }, (_, i) => stack.base + i);
  await until(
    () => stack.pids.every((pid) => !alive(pid)) && ports.every((port) => socketsOnPort(port).length === 0),
    GONE_TIMEOUT_MS,
  ).catch(() => undefined);
  expect(stack.pids.filter(alive)).toEqual([]);
  expect(ports.filter((port) => socketsOnPort(port).length > 0)).toEqual([]);
}

// A `{ __typename }` POST whose body is held back: in flight on the server until `finish`. Another
// request answered on a second connection after this one's headers were sent means the server has
// read those headers (its sockets are read in the order their bytes arrived).
async function holdRequest(
  base: number,
  apiKey: string,
): Promise<{ finish(): Promise<{ status: number; body: unknown }> }> {
  const body = JSON.stringify({ query: '{ __typename }' });
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-api-key': apiKey,
  };
  const req = request({ host: '127.0.0.1', port: base, path: '/graphql', method: 'POST', headers });
  const answer = new Promise<{ status: number; body: unknown }>((done, fail) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', fail);
  });
  await new Promise<void>((written) => req.write(body.slice(0, 5), () => written()));
  const probe = await fetch(`http://127.0.0.1:${base}/graphql`, { method: 'POST', headers, body });
  await probe.text();
  return {
    finish: () => {
      req.end(body.slice(5));
      return answer;
    },
  };
}

function pidRunning(pids: number[], ...fragments: string[]): number {
  const pid = pids.find((candidate) => {
    try {
      const command = readFileSync(`/proc/${candidate}/cmdline`, 'utf8');
      return fragments.every((fragment) => command.includes(fragment));
    } catch {
      return false;
    }
  });
  if (pid === undefined) throw new Error(`no process with ${fragments.join(' ')} among ${pids.join(', ')}`);
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

// A base port with the seven after it free on 127.0.0.1.
async function freePortRange(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    // Below Linux's ephemeral range (32768 and up): a port the kernel hands out meanwhile, to a
    // connection or to another test's port-0 listener, cannot land in this stack's range.
    const base = 20_000 + Math.floor(Math.random() * 1_270) * 10;
    const free = await Promise.all(Array.from({ length: PORTS_PER_STACK }, (_, i) => portFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port range');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}
