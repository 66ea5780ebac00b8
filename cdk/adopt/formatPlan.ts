// The import plan as `npm run adopt -- --plan` prints it: the resources CloudFormation imports and
// their identifiers, what the follow-up deploy applies to them, what the stack creates that acts
// on them, what can never change in place and how the stack lives with that, and the stage's
// concrete commands for each step of the runbook (README "Adopting the running ProLynk").
import type { AdoptionTargets } from './adoptionTargets.ts';
import { isPlaceholder } from './adoptionTargets.ts';
import type { ImportPlan } from './importPlan.ts';
import { FIXED_PROPERTIES } from './replacement.ts';

/** Where the plan's files are and what the stage is called. */
export interface PlanContext {
  stage: string;
  stackId: string;
  stackName: string;
  project: string;
  mappingFile: string;
  importTemplateFile: string;
  /** The day, YYYYMMDD, for backup names. */
  today: string;
}

/** The plan, as text. */
export function formatPlan(plan: ImportPlan, targets: AdoptionTargets, c: PlanContext): string {
  const context = c.project === 'prolynk' ? `-c stage=${c.stage}` : `-c stage=${c.stage} -c projectName=${c.project}`;
  const lines = [
    `Adoption plan for stage "${c.stage}": stack ${c.stackName} (${c.stackId}) in account ${targets.account}, ${targets.region}, project "${c.project}"`,
    ...(isPlaceholder(targets)
      ? [
          '',
          '! The stage still holds placeholder values: put the running system’s account and user pool into cdk/config/stages.ts.',
        ]
      : []),
    ...(plan.problems.length
      ? ['', 'BLOCKED: the import must not run until these are fixed:', ...plan.problems.map((p) => `  - ${p}`)]
      : []),
    '',
    '1. Back up, and check the running resources against what this plan assumes',
    ...Object.values(targets.tables).flatMap((table) => [
      `   aws dynamodb update-continuous-backups --table-name ${table} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`,
      `   aws dynamodb create-backup --table-name ${table} --backup-name ${table}-before-adoption-${c.today}`,
      `   aws dynamodb describe-table --table-name ${table} > ${table}.before.json   # no stream yet, the seed's indexes, its encryption`,
    ]),
    `   aws s3api get-bucket-policy --bucket ${targets.bucket} --query Policy --output text > seed-bucket-policy.json`,
    `   aws s3api get-bucket-cors --bucket ${targets.bucket} > seed-bucket-cors.json`,
    `   aws cognito-idp describe-user-pool --user-pool-id ${targets.userPool.id} > seed-user-pool.json   # custom attributes as below, its triggers`,
    '   terraform state rm <the tables, the bucket and its policy/CORS/versioning, the user pool>   # Terraform must stop managing them',
    '',
    '2. Import: CloudFormation takes the resources over as they are; nothing about them changes',
    ...plan.imports.map(
      (i) =>
        `   ${i.logicalId.padEnd(34)} ${i.type.padEnd(24)} ${Object.entries(i.identifier)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
    ),
    `   resource mapping: ${c.mappingFile}`,
    `   import template:  ${c.importTemplateFile} (the seed's definitions only, DeletionPolicy and UpdateReplacePolicy Retain)`,
    `   npx cdk import --app "npx tsx cdk/adopt/importApp.ts" ${context} --resource-mapping ${c.mappingFile} ${c.stackId}`,
    '',
    '3. Deploy: an ordinary deploy applies what the seed lacks, and creates the API around it',
    ...plan.imports.map((i) => `   ${i.logicalId.padEnd(34)} ${followUpText(i.followUp)}`),
    ...(plan.touching.length ? ['   created by the deploy, acting on the imported resources:'] : []),
    ...plan.touching.map((t) => `   + ${t.logicalId} (${t.type}): ${t.note}`),
    `   npm run deploy -- ${context} ${c.stackId}`,
    '',
    '4. Never changed in place (kept exactly as the seed has them; changing one would replace the resource)',
    ...Object.entries(FIXED_PROPERTIES).flatMap(([type, fixed]) =>
      fixed.map((f) => `   ${type} ${f.property}: ${f.why}.\n     The stack: ${f.livesWith}.`),
    ),
    '   Left as they are, outside the stack: the seed’s app clients' +
      (targets.existingClientIds.length ? ` (${targets.existingClientIds.join(', ')})` : '') +
      ', its hosted-UI domain and identity providers, its Lambdas and HTTP API (remove them with Terraform after the switch).',
    '',
    '5. Migrate the data (resumable; Ctrl-C and run again)',
    `   npm run migrate -- --stage ${c.stage} --dry-run && npm run migrate -- --stage ${c.stage}`,
    '',
    '6. Verify',
    `   aws cloudformation detect-stack-drift --stack-name ${c.stackName}   # then describe-stack-resource-drifts`,
    `   npm run migrate -- --stage ${c.stage} --dry-run   # "would fix: none"`,
    '   GET /profiles/{a seed-era name} on the new REST URL; sign in with a seed-era account',
    '',
    '7. Roll back',
    `   aws cloudformation delete-stack --stack-name ${c.stackName}   # imported resources are retained, everything else goes`,
    `   aws s3api put-bucket-policy --bucket ${targets.bucket} --policy file://seed-bucket-policy.json`,
    "   restore the pool's triggers from seed-user-pool.json (terraform import + apply of the auth module)",
    '   data: the migration only adds and normalizes; restore from the backups above if needed (PITR or on-demand, to a new table)',
  ];
  return lines.join('\n');
}

function followUpText(diff: ImportPlan['imports'][number]['followUp']): string {
  const parts = [
    ...diff.added.map((p) => `+${p}`),
    ...diff.changed.map((p) => `~${p}`),
    ...diff.reset.map((p) => `-${p} (reset to the default!)`),
  ];
  return parts.length ? parts.join(' ') : 'nothing to change';
}
