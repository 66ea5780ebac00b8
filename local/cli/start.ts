// `npm start [-- --fresh] [-- --port 4000] [-- --host 127.0.0.1] [-- --data .prolynk]`: the whole
// local stack on fixed ports, ready in seconds, with a summary of how to use it. Every service
// listens on 127.0.0.1 unless --host opens them. Ctrl-C, SIGTERM, SIGHUP or the end of npm stop it
// cleanly, after the requests in flight (shutdown.ts, launcherChain.ts).
import './requireNode24.ts';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  consoleRequestLog,
  createLocalStack,
  ensureCloudAssembly,
  formatOutputs,
  trackInFlightRequests,
} from '../index.ts';
import { launcherChain, watchLaunchers } from './launcherChain.ts';
import { createShutdown } from './shutdown.ts';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string', default: '4000' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.prolynk' },
    quiet: { type: 'boolean', default: false },
  },
});

const rootDir = resolve(import.meta.dirname, '..', '..');
const started = performance.now();
const apiPort = Number(values.port);
const cdkOutDir = join(rootDir, 'cdk.out');
const say = (line: string) => process.stdout.write(`${line}\n`);
// How long Ctrl-C waits for requests in flight before the services stop.
const DRAIN_MS = 5_000;

// Signals are handled from the first moment: a SIGTERM during start-up must still stop the
// services already spawned.
const inFlight = trackInFlightRequests();
const shutdown = createShutdown({ inFlight, drainMs: DRAIN_MS, say, exit: (code) => process.exit(code) });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown.request(signal));
watchLaunchers(launcherChain(), (gone) => void shutdown.request(`${gone.name} (pid ${gone.pid}) exited`));

if (!isLoopback(values.host)) {
  process.stderr.write(
    `warning: --host ${values.host} opens every service (the APIs, DynamoDB Local, Cognito, S3, the Lambda Invoke endpoint) to the network. They accept the fixed local credentials: anyone who can reach this machine can read and write all local data.\n`,
  );
}

const synth = ensureCloudAssembly(rootDir, cdkOutDir);
if (synth.synthesized) say(`synthesized the template in ${(synth.ms / 1000).toFixed(1)} s`);

// Fixed ports next to the API's, so tokens (whose issuer names the Cognito port) and clients'
// configuration stay valid across restarts.
const stack = await createLocalStack({
  cdkOutDir,
  dataDir: isAbsolute(values.data) ? values.data : join(rootDir, values.data),
  fresh: values.fresh,
  host: values.host,
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
say(formatOutputs(stack.outputs, performance.now() - started, stack.outputsFile));
await shutdown.started(stack);

/** A start-up failure in words a developer can act on. */
function startFailure(error: unknown, basePort: number): string {
  const failure = error as NodeJS.ErrnoException & { port?: number };
  const hint = `The stack uses ports ${basePort}–${basePort + 7}; is another \`npm start\` running? Pick others with \`npm start -- --port <base>\`.`;
  if (failure.code === 'EADDRINUSE') return `port ${failure.port ?? '?'} is in use. ${hint}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('in use') ? `${message} ${hint}` : message;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}
