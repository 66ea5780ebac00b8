// The local stack in a process of its own, as `npm start` runs it, so the bench's client load does
// not share an event loop with the server it measures. Prints one JSON line when ready; stops on
// SIGTERM or when the parent goes away (its stdin closes).
import { createLocalStack } from '../local/index.ts';
import type { LocalStack, LocalOutputs } from '../local/index.ts';

/** The line the child prints once the stack is serving. */
export interface StackReady {
  readyMs: number;
  outputs: LocalOutputs;
}

const [cdkOutDir, dataDir] = process.argv.slice(2);
const running: { stack?: LocalStack } = {};
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await running.stack?.stop();
  process.exit(0);
};
// Installed before anything starts: a SIGTERM that found no listener would kill this process
// with its default action and leave DynamoDB Local's Java process running, orphaned (a stop
// before the stack is ready exits at once; DynamoDB Local's own exit hook then kills Java).
process.on('SIGTERM', shutdown);
process.stdin.on('end', shutdown);
process.stdin.resume();

const started = performance.now();
const stack = await createLocalStack({ cdkOutDir, dataDir, ports: {} });
running.stack = stack;
const ready: StackReady = { readyMs: performance.now() - started, outputs: stack.outputs };
process.stdout.write(`${JSON.stringify(ready)}\n`);
