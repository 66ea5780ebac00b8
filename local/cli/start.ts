// `npm start [-- --fresh] [-- --port 4000]`: the whole local stack on fixed ports, ready in
// seconds, with a summary of how to use it. Ctrl-C stops every service cleanly.
import './requireNode24.ts';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleRequestLog, createLocalStack, ensureCloudAssembly, formatOutputs } from '../index.ts';
import type { LocalStack } from '../index.ts';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string', default: '4000' },
    quiet: { type: 'boolean', default: false },
  },
});

const rootDir = resolve(import.meta.dirname, '..', '..');
const started = performance.now();
const apiPort = Number(values.port);
const cdkOutDir = join(rootDir, 'cdk.out');

// Signals are handled from the first moment: a SIGTERM during start-up must still stop the
// services already spawned (DynamoDB Local is a separate Java process that would outlive us).
const running: { stack?: LocalStack } = {};
let stopRequested = false;
const shutdown = async () => {
  if (stopRequested) return;
  stopRequested = true;
  if (!running.stack) return; // start-up is still running; it stops everything as soon as it returns
  process.stdout.write('\nstopping…\n');
  await running.stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const synth = ensureCloudAssembly(rootDir, cdkOutDir);
if (synth.synthesized) process.stdout.write(`synthesized the template in ${(synth.ms / 1000).toFixed(1)} s\n`);

// Fixed ports next to the API's, so tokens (whose issuer names the Cognito port) and clients'
// configuration stay valid across restarts.
const stack = await createLocalStack({
  cdkOutDir,
  dataDir: join(rootDir, '.prolynk'),
  fresh: values.fresh,
  ports: {
    api: apiPort,
    dynamoDb: apiPort + 1,
    cognito: apiPort + 2,
    s3: apiPort + 3,
    lambda: apiPort + 4,
    rest: apiPort + 5,
    oauth: apiPort + 6,
    identityProviders: apiPort + 7,
  },
  lambdaLogs: values.quiet ? 'ignore' : 'inherit',
  requestLog: values.quiet ? () => {} : consoleRequestLog(),
  schedules: true,
}).catch((error: unknown) => {
  process.stderr.write(`Could not start the local stack: ${startFailure(error, apiPort)}\n`);
  process.exit(1);
});
running.stack = stack;
if (stopRequested) {
  await stack.stop();
  process.exit(0);
}
process.stdout.write(`${formatOutputs(stack.outputs, performance.now() - started, stack.outputsFile)}\n`);

/** A start-up failure in words a developer can act on. */
function startFailure(error: unknown, basePort: number): string {
  const failure = error as NodeJS.ErrnoException & { port?: number };
  const hint = `The stack uses ports ${basePort}–${basePort + 7}; is another \`npm start\` running? Pick others with \`npm start -- --port <base>\`.`;
  if (failure.code === 'EADDRINUSE') return `port ${failure.port ?? '?'} is in use. ${hint}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('in use') ? `${message} ${hint}` : message;
}
