// The import plan for an adopting stage, from its synthesized template (pure): which of the
// template's resources CloudFormation imports, under which identifier; the import template's
// definition of each (the seed's current state, Retain); what the follow-up deploy then adds or
// changes on them; which other resources of the stack act on them; and anything that makes the
// import unsafe. CloudFormation imports a resource as it is and applies nothing during the
// import, so the import template holds only what already exists (no stream, no PITR): a property
// recorded at import that the resource lacks would never be applied by a later update.
import type { AdoptionTargets } from './adoptionTargets.ts';
import { targetProblems } from './adoptionTargets.ts';
import { fixedPropertyChanges, sameValue } from './replacement.ts';
import type { SeedResource } from './seedResources.ts';
import { seedResources } from './seedResources.ts';

/** A synthesized CloudFormation template, as far as the plan reads it. */
export interface Template {
  Resources: Record<string, TemplateResource>;
}

/** One resource of a template. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  [attribute: string]: unknown;
}

/** One resource CloudFormation takes over. */
export interface ImportedResource {
  role: SeedResource['role'];
  logicalId: string;
  type: string;
  /** The resource-mapping entry: the type's import identifier and the resource's current value. */
  identifier: Record<string, string>;
  /** Its definition in the import template. */
  importDefinition: TemplateResource;
  /** What the follow-up deploy applies, by property: new, changed, and removed (reset to the service default). */
  followUp: { added: string[]; changed: string[]; reset: string[] };
}

/** A resource the stack creates that acts on an adopted one. */
export interface TouchingResource {
  logicalId: string;
  type: string;
  note: string;
}

/** Everything `npm run adopt -- --plan` prints and writes. */
export interface ImportPlan {
  imports: ImportedResource[];
  touching: TouchingResource[];
  /** Reasons the import must not run; empty when it may. */
  problems: string[];
  /** cdk import --resource-mapping: logical id → identifier. */
  mapping: Record<string, Record<string, string>>;
  /** The template `cdk import` deploys: the imported resources only, as they are now. */
  importTemplate: Template;
}

/** The plan for adopting `targets` with the synthesized `template` of project `project`. */
export function importPlan(template: Template, targets: AdoptionTargets, project: string): ImportPlan {
  const problems = [...targetProblems(targets), ...nameProblems(targets, project)];
  const imports: ImportedResource[] = [];
  for (const seed of seedResources(project)) {
    const found = findResource(template, seed);
    if (!found) {
      problems.push(
        `the template has no ${seed.type} named like the seed's ${seed.role} (is the stage's naming "seed"?)`,
      );
      continue;
    }
    const [logicalId, resource] = found;
    const full = resource.Properties ?? {};
    const replaced = fixedPropertyChanges(seed.type, seed.properties, full);
    if (replaced.length > 0)
      problems.push(
        `${logicalId} changes ${replaced.join(', ')}: CloudFormation would replace the seed's ${seed.role}`,
      );
    if (resource.DeletionPolicy !== 'Retain' || resource.UpdateReplacePolicy !== 'Retain')
      problems.push(`${logicalId} is not retained (DeletionPolicy and UpdateReplacePolicy must be Retain)`);
    imports.push({
      role: seed.role,
      logicalId,
      type: seed.type,
      identifier: identifierOf(seed, targets),
      importDefinition: {
        Type: seed.type,
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: seed.properties,
      },
      followUp: propertyDiff(seed.properties, full),
    });
  }
  return {
    imports,
    touching: touchingResources(template, imports),
    problems,
    mapping: Object.fromEntries(imports.map((i) => [i.logicalId, i.identifier])),
    importTemplate: { Resources: Object.fromEntries(imports.map((i) => [i.logicalId, i.importDefinition])) },
  };
}

function nameProblems(targets: AdoptionTargets, project: string): string[] {
  const expected: [string, string][] = [
    [targets.tables.users, `${project}-users`],
    [targets.tables.profiles, `${project}-profiles`],
    [targets.tables.links, `${project}-links`],
    [targets.bucket, `${project}-assets-${targets.account}`],
  ];
  const problems = expected
    .filter(([named, stack]) => named !== stack)
    .map(
      ([named, stack]) => `the stage names "${named}" but the stack would name it "${stack}" (project "${project}")`,
    );
  if (targets.project !== project)
    problems.push(`the stage adopts project "${targets.project}" but synthesizes "${project}" (-c projectName)`);
  return problems;
}

// The seed's resource in the template: by its name (tables, bucket, pool names are the seed's).
function findResource(template: Template, seed: SeedResource): [string, TemplateResource] | undefined {
  const nameProperty = {
    'AWS::DynamoDB::Table': 'TableName',
    'AWS::S3::Bucket': 'BucketName',
    'AWS::Cognito::UserPool': 'UserPoolName',
  }[seed.type];
  const wanted = JSON.stringify(seed.properties[nameProperty]);
  return Object.entries(template.Resources).find(
    ([, r]) => r.Type === seed.type && JSON.stringify(r.Properties?.[nameProperty]) === wanted,
  );
}

// The identifier CloudFormation imports each type by (its resource type's primaryIdentifier).
function identifierOf(seed: SeedResource, targets: AdoptionTargets): Record<string, string> {
  switch (seed.role) {
    case 'usersTable':
      return { TableName: targets.tables.users };
    case 'profilesTable':
      return { TableName: targets.tables.profiles };
    case 'linksTable':
      return { TableName: targets.tables.links };
    case 'assetsBucket':
      return { BucketName: targets.bucket };
    case 'userPool':
      return { UserPoolId: targets.userPool.id };
  }
}

function propertyDiff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const same = (k: string) => sameValue(k, before[k], after[k]);
  return {
    added: Object.keys(after)
      .filter((k) => !(k in before))
      .sort(),
    changed: Object.keys(after)
      .filter((k) => k in before && !same(k))
      .sort(),
    reset: Object.keys(before)
      .filter((k) => !(k in after))
      .sort(),
  };
}

// Resources the follow-up deploy creates whose effect lands on an adopted resource.
function touchingResources(template: Template, imports: ImportedResource[]): TouchingResource[] {
  const adopted = new Map(imports.map((i) => [i.logicalId, i.role]));
  const refersTo = (value: unknown) =>
    [...adopted.keys()].find((id) => JSON.stringify(value ?? null).includes(`"${id}"`));
  const touching: TouchingResource[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (adopted.has(logicalId)) continue;
    const p = resource.Properties ?? {};
    if (resource.Type === 'AWS::S3::BucketPolicy' && refersTo(p.Bucket))
      touching.push({
        logicalId,
        type: resource.Type,
        note: "replaces the bucket's whole policy with the stack's (back the seed's policy up first)",
      });
    if (resource.Type === 'AWS::Cognito::UserPoolClient' && refersTo(p.UserPoolId))
      touching.push({
        logicalId,
        type: resource.Type,
        note: "adds the stack's app client to the pool; the seed's clients stay as they are",
      });
    if (resource.Type === 'AWS::Lambda::Permission' && p.Principal === 'cognito-idp.amazonaws.com')
      touching.push({
        logicalId,
        type: resource.Type,
        note: 'lets the pool invoke the stack’s trigger (the pool’s LambdaConfig points at it after the deploy)',
      });
    if (resource.Type === 'AWS::Lambda::EventSourceMapping' && refersTo(p.EventSourceArn))
      touching.push({ logicalId, type: resource.Type, note: 'reads the table’s stream, which the deploy enables' });
  }
  return touching;
}
