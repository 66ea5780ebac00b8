// The stack `cdk import` deploys first (README "Adopting the running ProLynk", step 2): the same
// stack id and CloudFormation stack name as the stage's full stack, holding only the seed's
// resources, under the full stack's logical ids, defined as they are now and retained. No
// bootstrap-version rule and no metadata resource: an import may not create anything.
import { CfnResource, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { ImportPlan } from './importPlan.ts';

/** Adds the import stack for `plan` to `app`. */
export function addImportStack(app: App, plan: ImportPlan, stackId: string, stackName: string): Stack {
  const stack = new Stack(app, stackId, {
    stackName,
    analyticsReporting: false,
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    description: 'ProLynk adoption, step 1: the running system’s tables, bucket and user pool, imported as they are',
  });
  for (const imported of plan.imports) {
    const definition = imported.importDefinition;
    const resource = new CfnResource(stack, imported.logicalId, {
      type: definition.Type,
      properties: definition.Properties,
    });
    resource.overrideLogicalId(imported.logicalId);
    resource.addOverride('DeletionPolicy', 'Retain');
    resource.addOverride('UpdateReplacePolicy', 'Retain');
  }
  return stack;
}
