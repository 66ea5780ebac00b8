// Which processes above the stack are launchers whose end must stop it (npm, tsx, `sh -c`
// wrappers), and which are not (the user's shell), read from argument vectors as /proc gives them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isLauncher, isRunning, launcherChain } from '../../../local/cli/launcherChain.ts';

describe('isLauncher', () => {
  it.each([
    [['npm start --port 4000 --quiet']],
    [['node', '/repo/node_modules/.bin/tsx', 'local/cli/start.ts']],
    [['/usr/bin/node', '--import', 'tsx', 'local/cli/start.ts']],
    [['sh', '-c', 'tsx local/cli/start.ts']],
    [['/bin/bash', '-c', 'npm start']],
  ])('counts %j as a launcher', (args) => {
    expect(isLauncher(args)).toBe(true);
  });

  it.each([
    [['-bash']],
    [['bash']],
    [['/usr/bin/zsh', '-l']],
    [['sshd: dev@pts/0']],
    [['timeout', '60', 'npm', 'start']],
  ])('does not count %j', (args) => {
    expect(isLauncher(args)).toBe(false);
  });
});

describe('launcherChain and isRunning', () => {
  it.runIf(process.platform === 'linux')(
    'finds the sh -c wrapper and node above a process, nearest first',
    async () => {
      // sh -c '<node> -e …' runs node as its child (the second command keeps sh from exec'ing it).
      const child = spawn('sh', ['-c', `"${process.execPath}" -e "setTimeout(() => {}, 30000)"; true`], {
        stdio: 'ignore',
      });
      try {
        const children = () => readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
        while (children() === '') await new Promise((resolve) => setTimeout(resolve, 20));
        const grandchild = Number(children());
        const chain = launcherChain(grandchild);

        expect(chain[0]).toEqual({ pid: child.pid, name: 'sh' });
        expect(chain.map((launcher) => launcher.pid)).toContain(process.pid);
        expect(isRunning(child.pid!)).toBe(true);
      } finally {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
      expect(isRunning(child.pid!)).toBe(false);
    },
  );
});
