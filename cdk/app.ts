// `npm run synth`: synthesizes the ProLynk stack offline into ./cdk.out (no AWS calls, no lookups).
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { developmentFederation } from './config/federation.ts';
import { ProLynkStack } from './prolynkStack.ts';

const app = new App({
  // Run directly by tsx, the app has no CDK_OUTDIR and would otherwise write to a temp folder.
  outdir: process.env.CDK_OUTDIR ?? resolve('cdk.out'),
  // CDK's built-in template validation (a WebAssembly rule engine) costs seconds of CPU per synth,
  // and `npm start` re-synthesizes whenever a source changed; the infra tests run it, and
  // CDK_VALIDATION=true opts in here (e.g. before a deploy).
  builtinCloudFormationValidation: process.env.CDK_VALIDATION === 'true',
});
const projectName = (app.node.tryGetContext('projectName') as string | undefined) ?? 'prolynk';
new ProLynkStack(app, 'ProLynk', {
  projectName,
  // Until the per-stage config lands, the one app is the local/dev stage (the seed's localhost URLs).
  federation: developmentFederation(projectName),
  description: 'ProLynk: GraphQL API on AppSync with DynamoDB, S3 and Cognito',
});
app.synth();
