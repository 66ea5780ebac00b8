import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeStack } from './fixtures/synthesizeStack.ts';

// The AppSync DynamoDB data sources' roles: what the resolvers do (key reads, the links Query,
// transactional Put/Update/Delete/ConditionCheck) and nothing else (docs/architecture.md §3: no Scan).
let policies: { Action: string | string[]; Resource: unknown }[][];

beforeAll(() => {
  const template = Template.fromStack(synthesizeStack().stack);
  policies = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => /Api(Users|Profiles|Links)TableServiceRole/.test(JSON.stringify(policy.Properties.Roles)))
    .map((policy) => policy.Properties.PolicyDocument.Statement);
});

const actionsOf = (statements: { Action: string | string[] }[]) =>
  [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();

describe('AppSync DynamoDB data source roles', () => {
  it('exist for the three tables', () => {
    expect(policies).toHaveLength(3);
  });

  it('allow only the item operations the resolvers use: no Scan, no batch operations, no streams', () => {
    for (const statements of policies) {
      expect(actionsOf(statements)).toEqual([
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
    }
  });

  it('name the tables themselves, not their indexes (no resolver reads a GSI)', () => {
    for (const statements of policies) expect(JSON.stringify(statements)).not.toContain('/index/');
  });
});
