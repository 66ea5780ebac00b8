// `npm run schedules [-- --at 2030-01-01T00:00:00Z]`: runs every scheduled rule of the template
// once, now (or as of --at, the scheduled event's time, e.g. to make a deletion's final sweep due),
// against the stack started by `npm start`, and prints what each function returned.
import './requireNode24.ts';
import { readFile } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, loadCloudAssembly, loadSchedules, scheduledEvent } from '../index.ts';

const ROOT = resolvePath(import.meta.dirname, '..', '..');
const USAGE = 'Usage: npm run schedules [-- --at <ISO time>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { at: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime())) throw new Error(`--at must be an ISO date and time.\n${USAGE}`);
  const outputs = JSON.parse(await readFile(join(ROOT, '.prolynk', 'outputs.json'), 'utf8').catch(() => '{}')) as {
    lambdaEndpoint?: string;
    region?: string;
  };
  if (outputs.lambdaEndpoint === undefined) throw new Error('No local stack has been started here: npm start');

  const { schedules, unsupported } = loadSchedules(loadCloudAssembly(join(ROOT, 'cdk.out')).template);
  for (const rule of unsupported) console.log(`${rule.ruleId}: not run locally (${rule.reason})`);
  for (const schedule of schedules) {
    const event = scheduledEvent(schedule, at, outputs.region ?? LOCAL_REGION, LOCAL_ACCOUNT_ID);
    const url = `${outputs.lambdaEndpoint}/2015-03-31/functions/${encodeURIComponent(schedule.functionLogicalId)}/invocations`;
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(event) }).catch((error: unknown) => {
      throw new Error(`The local stack is not running (${(error as Error).message}): npm start`);
    });
    const failed = response.headers.get('x-amz-function-error') !== null;
    console.log(`${schedule.ruleId} → ${schedule.functionLogicalId}${failed ? ' FAILED' : ''}`);
    console.log(JSON.stringify(await response.json(), null, 2));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
