// `npm start [-- --fresh] [-- --port 4000]`: the whole local stack on fixed ports, ready in
// seconds, with a summary of how to use it. Ctrl-C stops every service cleanly.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleRequestLog } from '../http/requestLog.ts';
import { createLocalStack } from '../stack/createLocalStack.ts';
import { ensureCloudAssembly } from '../stack/ensureCloudAssembly.ts';
import { formatOutputs } from '../stack/localOutputs.ts';

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
const synth = ensureCloudAssembly(rootDir, cdkOutDir);
if (synth.synthesized) process.stdout.write(`synthesized the template in ${(synth.ms / 1000).toFixed(1)} s\n`);

// Fixed ports next to the API's, so tokens (whose issuer names the Cognito port) and clients'
// configuration stay valid across restarts.
const stack = await createLocalStack({
  cdkOutDir,
  dataDir: join(rootDir, '.prolynk'),
  fresh: values.fresh,
  ports: { api: apiPort, dynamoDb: apiPort + 1, cognito: apiPort + 2, s3: apiPort + 3, lambda: apiPort + 4 },
  lambdaLogs: values.quiet ? 'ignore' : 'inherit',
  requestLog: values.quiet ? () => {} : consoleRequestLog(),
});
process.stdout.write(`${formatOutputs(stack.outputs, performance.now() - started, stack.outputsFile)}\n`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping…\n');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
