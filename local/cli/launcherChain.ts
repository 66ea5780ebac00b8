// The processes that launched the stack on the user's behalf: `npm start` runs `sh -c "tsx …"`,
// which runs tsx, which runs the stack's node. A SIGTERM to npm (what `timeout`, IDE stop buttons
// and `docker stop` send) ends npm without passing it on, and tsx, re-parented, keeps the stack
// alive. So the stack watches that chain (node, npm/npx/tsx and `sh -c` wrappers, up to the first
// process that is none of these, such as the user's shell) and stops when any of it is gone.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** One launching process. */
export interface Launcher {
  pid: number;
  name: string;
}

const LAUNCHER_PROGRAMS = new Set(['node', 'nodejs', 'npm', 'npx', 'tsx', 'pnpm', 'yarn']);
const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh']);
const PROC = existsSync('/proc/self/stat');
// No chain is deeper than this; it bounds the walk if /proc or ps answer oddly.
const MAX_DEPTH = 16;

/** The launchers above process `pid`, nearest first, up to (not including) the first other process. */
export function launcherChain(pid = process.pid): Launcher[] {
  const chain: Launcher[] = [];
  let current = parentOf(pid);
  while (current !== undefined && current > 1 && chain.length < MAX_DEPTH) {
    const args = commandLine(current);
    if (!isLauncher(args)) break;
    chain.push({ pid: current, name: basename((args[0] ?? '?').split(' ')[0]) });
    current = parentOf(current);
  }
  return chain;
}

/** True for a node program (npm, tsx, …) or a `sh -c` wrapper, given its argument vector. */
export function isLauncher(args: string[]): boolean {
  // npm sets its process title ("npm start --port 4000"), which then fills the first argument.
  const [first = '', ...titleWords] = (args[0] ?? '').split(' ');
  const program = basename(first).replace(/^-/, '');
  if (LAUNCHER_PROGRAMS.has(program) || LAUNCHER_PROGRAMS.has(basename(args[0] ?? ''))) return true;
  return SHELLS.has(program) && (args[1] ?? titleWords[0]) === '-c';
}

/** Calls `onGone` once, with the launcher, when one of `chain` has exited; returns how to stop watching. */
export function watchLaunchers(
  chain: Launcher[],
  onGone: (launcher: Launcher) => void,
  intervalMs = 1_000,
): () => void {
  if (chain.length === 0) return () => {};
  const timer = setInterval(() => {
    const gone = chain.find((launcher) => !isRunning(launcher.pid));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** True while `pid` is a live process (a zombie, exited but not yet reaped, counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!PROC) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    if (PROC) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string[] {
  try {
    if (PROC) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
  } catch {
    return [];
  }
}
