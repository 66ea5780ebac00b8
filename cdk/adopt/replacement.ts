// Which properties of the adopted resources CloudFormation cannot change in place. Changing one
// makes CloudFormation replace the resource: create a new, empty one and (with our Retain
// policies) orphan the old one, which for a table, the bucket or the user pool means the stack
// suddenly serves no data and no users. Each entry cites the CloudFormation resource reference
// ("Update requires: Replacement") or, for Cognito, the service's own rule.

/** A property and why it must never change. */
export interface FixedProperty {
  property: string;
  why: string;
  /** How the stack works without changing it. */
  livesWith: string;
}

/** Per resource type, the properties the adopting template must keep exactly as the seed has them. */
export const FIXED_PROPERTIES: Record<string, FixedProperty[]> = {
  'AWS::DynamoDB::Table': [
    {
      property: 'TableName',
      why: '"Update requires: Replacement" (CloudFormation resource reference)',
      livesWith: 'the stage keeps the seed names ({project}-users, -profiles, -links): naming "seed"',
    },
    {
      property: 'KeySchema',
      why: '"Update requires: Replacement" (CloudFormation resource reference)',
      livesWith:
        'the stack keeps the seed keys (user_id; username; user_id + link_id). Usernames stay case-sensitive keys: seed-era names keep their spelling and are found as typed (docs/architecture.md §3)',
    },
    {
      property: 'AttributeDefinitions',
      why: 'the types of key attributes follow KeySchema (a key attribute of another type is another table)',
      livesWith: 'every key and index attribute stays a string, as in the seed',
    },
  ],
  'AWS::S3::Bucket': [
    {
      property: 'BucketName',
      why: '"Update requires: Replacement" (CloudFormation resource reference)',
      livesWith: 'the bucket keeps {project}-assets-{account}, so every stored asset URL stays valid',
    },
  ],
  'AWS::Cognito::UserPool': [
    {
      property: 'UsernameAttributes',
      why: '"Update requires: Replacement"; sign-in identifiers are fixed when a pool is created',
      livesWith: 'users sign in with their email, as before; the ProLynk username lives in DynamoDB, not in Cognito',
    },
    {
      property: 'AliasAttributes',
      why: '"Update requires: Replacement" (CloudFormation resource reference)',
      livesWith: 'no aliases (no preferred_username sign-in); the seed has none either',
    },
    {
      property: 'UsernameConfiguration',
      why: '"Update requires: Replacement"; case sensitivity is fixed when a pool is created',
      livesWith: 'the template leaves it out, so the pool keeps whatever case sensitivity it was created with',
    },
    {
      property: 'Schema',
      why: 'Cognito can add custom attributes but never change or remove one (type, mutability, constraints)',
      livesWith:
        'the stack declares exactly the seed’s four custom attributes; custom:username stays immutable and is read only at sign-up (renames live in DynamoDB), custom:picture stays unused (the avatar lives in the profile)',
    },
    {
      property: 'UserPoolName',
      why: '"Update requires: No interruption", so not replacement-causing; compared anyway, the stage keeps the name',
      livesWith: 'the pool keeps {project}-user-pool',
    },
  ],
};

/** True when two property values are equal for CloudFormation (key order aside; set-like lists in any order). */
export function sameValue(property: string, a: unknown, b: unknown): boolean {
  return canonical(property, a) === canonical(property, b);
}

/** The properties (by name) whose value differs between two definitions, among the type's fixed ones. */
export function fixedPropertyChanges(
  type: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  return (FIXED_PROPERTIES[type] ?? [])
    .map((f) => f.property)
    .filter((property) => !sameValue(property, before[property], after[property]));
}

// Lists are compared as sets (attribute definitions, schema attributes, CORS rules), except
// KeySchema, whose order (HASH, RANGE) is its meaning.
function canonical(property: string, value: unknown): string {
  if (!Array.isArray(value) || property === 'KeySchema') return JSON.stringify(sortKeys(value ?? null));
  return JSON.stringify(value.map((v) => JSON.stringify(sortKeys(v))).sort());
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
