// The CDK app for one stage: cdk.json's context (feature flags), the stage chosen with
// `-c stage=<name>` (default `local`), and the stack named after it. cdk/app.ts synthesizes it;
// the infrastructure tests build every stage through the same function.
import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from './config/cdkContext.ts';
import { stackIdFor } from './config/naming.ts';
import { contextOverrides, stageConfig } from './config/stages.ts';
import type { StageConfig } from './config/stages.ts';
import { ProLynkStack } from './prolynkStack.ts';

export interface ProLynkAppOptions {
  outdir: string;
  /** Extra context, as `-c key=value` gives it (the CLI's own context wins over cdk.json's, and this over both). */
  context?: Record<string, unknown>;
  /** CDK's built-in CloudFormation validation (seconds of CPU per synth). */
  validate?: boolean;
  /** Where the resolver sources live; tests point this at fixtures. */
  resolversDir?: string;
  /** Settings that replace the chosen stage's (tests: a stage with or without federation). */
  stageOverrides?: Partial<StageConfig>;
}

/** A synthesizable app holding the chosen stage's stack. */
export function createProLynkApp(options: ProLynkAppOptions): {
  app: App;
  stack: ProLynkStack;
  stage: StageConfig;
  project: string;
} {
  const app = new App({
    outdir: options.outdir,
    context: cdkJsonContext(),
    postCliContext: options.context,
    builtinCloudFormationValidation: options.validate ?? false,
  });
  const stage = {
    ...contextOverrides(stageConfig(String(app.node.tryGetContext('stage') ?? 'local')), {
      alarmEmail: app.node.tryGetContext('alarmEmail'),
      corsOrigins: app.node.tryGetContext('corsOrigins'),
    }),
    ...options.stageOverrides,
  };
  // An adopting stage takes over a named project (stages.ts `adopt`); others default to prolynk.
  const projectName = String(app.node.tryGetContext('projectName') ?? stage.adopt?.project ?? 'prolynk');
  const stack = new ProLynkStack(app, stackIdFor(stage), {
    projectName,
    stage,
    resolversDir: options.resolversDir,
    description: `ProLynk (${stage.name}): GraphQL API on AppSync with DynamoDB, S3 and Cognito`,
  });
  return { app, stack, stage, project: projectName };
}
