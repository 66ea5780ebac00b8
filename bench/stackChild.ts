// Starts bench/stackProcess.ts as a child process and waits for its ready line.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { StackReady } from './stackProcess.ts';

/** A local stack running in a child process. */
export interface StackChild extends StackReady {
  /** The stack process's id (the burst row samples its threads and memory). */
  pid?: number;
  stop(): Promise<void>;
}

/** Starts a local stack on `dataDir` in a child process; resolves once it serves requests. */
export async function startStackChild(rootDir: string, cdkOutDir: string, dataDir: string): Promise<StackChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(rootDir, 'bench', 'stackProcess.ts'), cdkOutDir, dataDir],
    {
      cwd: rootDir,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  // Kept for the failure message only.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! });
  const ready = await Promise.race([
    (async () => {
      for await (const line of lines) {
        if (line.startsWith('{')) return JSON.parse(line) as StackReady;
      }
      throw new Error('the stack process closed its output before it was ready');
    })(),
    exited.then(([code]) => {
      throw new Error(`the stack process exited (${String(code)}) before it was ready:\n${stderr}`);
    }),
  ]);
  return {
    ...ready,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
