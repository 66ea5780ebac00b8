// `npm run synth` / `cdk synth -c stage=<name>`: synthesizes one stage's stack offline into
// ./cdk.out (no AWS calls, no lookups). Without -c stage it is `local`, what `npm start` serves.
import { resolve } from 'node:path';
import { createProLynkApp } from './prolynkApp.ts';

const { app } = createProLynkApp({
  // Run directly by tsx, the app has no CDK_OUTDIR and would otherwise write to a temp folder.
  outdir: process.env.CDK_OUTDIR ?? resolve('cdk.out'),
  // CDK's built-in template validation (a WebAssembly rule engine) costs seconds of CPU per synth,
  // and `npm start` re-synthesizes whenever a source changed; the infra tests run it, and
  // CDK_VALIDATION=true opts in here (e.g. before a deploy).
  validate: process.env.CDK_VALIDATION === 'true',
});
app.synth();
