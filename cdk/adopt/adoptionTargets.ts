// The running system an adopting stage takes over (README "Adopting the running ProLynk"): the
// seed's AWS account and region, its Terraform project_name, and the names of its tables, bucket
// and user pool, as `terraform output` and the console show them. The stage keeps every name
// (naming 'seed'), so these must be exactly what the stack would name them; `npm run adopt`
// checks that before it prints an import plan.

/** The seed's resources, by the names and ids they have in the running account. */
export interface AdoptionTargets {
  account: string;
  region: string;
  /** The seed's `project_name`: the prefix of every name (`{project}-users`, …). */
  project: string;
  tables: { users: string; profiles: string; links: string };
  bucket: string;
  userPool: { id: string; arn: string };
  /**
   * App clients of the seed's pool that its front end uses. They stay as they are (the stack
   * adds its own client); listed here so the plan can say what keeps working.
   */
  existingClientIds: string[];
}

/** Problems with `targets` that make an import impossible, each a sentence; empty when none. */
export function targetProblems(targets: AdoptionTargets): string[] {
  const problems: string[] = [];
  if (!/^\d{12}$/.test(targets.account)) problems.push(`account "${targets.account}" is not a 12-digit AWS account id`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(targets.region)) problems.push(`region "${targets.region}" is not an AWS region`);
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(targets.userPool.id) || !targets.userPool.id.startsWith(`${targets.region}_`))
    problems.push(`user pool id "${targets.userPool.id}" is not a pool id of ${targets.region} (<region>_<id>)`);
  const arn = `arn:aws:cognito-idp:${targets.region}:${targets.account}:userpool/${targets.userPool.id}`;
  if (targets.userPool.arn !== arn) problems.push(`user pool ARN "${targets.userPool.arn}" should be ${arn}`);
  return problems;
}

/** True while `targets` still holds the placeholder values of cdk/config/stages.ts. */
export function isPlaceholder(targets: AdoptionTargets): boolean {
  return targets.account === '111111111111' || targets.userPool.id.endsWith('_PLACEHOLDER');
}
