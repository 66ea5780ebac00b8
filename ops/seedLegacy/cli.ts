// `npm run seed:legacy -- --profiles 10000`: seed-era rows, exactly as the seed's Python Lambdas
// would have left them (ops/seedLegacy/seedLambdas.ts), with the messy cases the migration must
// handle. Writes to the local stack by default; never to a deployed stage unless told with --stage.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TARGET_OPTIONS, TARGET_USAGE, positiveInteger, targetOptions } from '../cliOptions.ts';
import { dynamoDbClient, resolveTarget } from '../target.ts';
import { generateLegacyData } from './generateLegacyData.ts';

const USAGE = [
  'Usage: npm run seed:legacy -- --profiles N [--seed S] [--manifest FILE] [target]',
  '  --profiles N      profile rows to write (accounts without a profile come on top, about 1 in 12)',
  '  --seed S          the data set (default 1): the same seed writes the same rows',
  '  --manifest FILE   also write the summary (traits, samples) as JSON',
  TARGET_USAGE,
].join('\n');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...TARGET_OPTIONS,
      profiles: { type: 'string' },
      seed: { type: 'string' },
      manifest: { type: 'string' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const profiles = positiveInteger('profiles', values.profiles);
  const seed = positiveInteger('seed', values.seed, 1);
  const target = resolveTarget(targetOptions(values));
  if (target.production)
    throw new Error(`Refusing to write generated data into ${target.label}: it holds real users' data.`);
  const client = dynamoDbClient(target);
  const started = performance.now();
  const bucket = target.bucket ?? `${targetOptions(values).project ?? 'prolynk'}-assets-000000000000`;
  let done = 0;
  const manifest = await generateLegacyData(client, target.tables, {
    profiles,
    seed,
    assetsBaseUrl: `https://${bucket}.s3.amazonaws.com`,
    onAccount: (account) => {
      if (account.profile) done += 1;
      if (done % 500 === 0 && account.profile) process.stderr.write(`\r  ${done}/${profiles} profiles`);
    },
  }).finally(() => client.destroy());
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(`Wrote seed-era data to ${target.label} in ${seconds.toFixed(1)} s (seed ${seed}):`);
  console.log(
    `  ${manifest.rows.profiles} profiles, ${manifest.rows.users} users rows, ${manifest.rows.links} links (${manifest.liveLinks} live), ${manifest.accounts} accounts`,
  );
  console.log('  traits:');
  for (const [trait, count] of Object.entries(manifest.traits).sort()) console.log(`    ${trait.padEnd(28)} ${count}`);
  if (values.manifest) writeFileSync(values.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
