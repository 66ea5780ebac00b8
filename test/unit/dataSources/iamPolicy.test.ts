// IAM's evaluation of identity-based statements, as the AWS IAM User Guide's "Policy evaluation
// logic" and "IAM JSON policy elements" pages describe it (docs/appsync-facts.md §2.4).
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../local/appsync/dataSources/iamPolicy.ts';
import type { IamPolicyStatement } from '../../../local/appsync/dataSources/iamPolicy.ts';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/prolynk-profiles';
const allow = (Action: string | string[], Resource: string | string[] = TABLE): IamPolicyStatement => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('evaluatePolicy', () => {
  it('allows only the listed actions on the listed resources; anything else is implicitly denied', () => {
    const statements = [allow(['dynamodb:GetItem', 'dynamodb:Query'])];
    expect(evaluatePolicy(statements, 'dynamodb:GetItem', TABLE)).toBe('allow');
    expect(evaluatePolicy(statements, 'dynamodb:Scan', TABLE)).toBe('implicitDeny');
    expect(evaluatePolicy(statements, 'dynamodb:BatchGetItem', TABLE)).toBe('implicitDeny');
    // An index is a resource of its own: the table's ARN does not cover it.
    expect(evaluatePolicy(statements, 'dynamodb:Query', `${TABLE}/index/user_id-index`)).toBe('implicitDeny');
    expect(evaluatePolicy([], 'dynamodb:GetItem', TABLE)).toBe('implicitDeny');
  });

  it('matches wildcards, actions case-insensitively and resources case-sensitively', () => {
    expect(evaluatePolicy([allow('dynamodb:*', `${TABLE}*`)], 'dynamodb:Query', `${TABLE}/index/x`)).toBe('allow');
    expect(evaluatePolicy([allow('DynamoDB:get*')], 'dynamodb:GetItem', TABLE)).toBe('allow');
    expect(evaluatePolicy([allow('dynamodb:?etItem')], 'dynamodb:GetItem', TABLE)).toBe('allow');
    expect(evaluatePolicy([allow('*', '*')], 'dynamodb:Scan', TABLE)).toBe('allow');
    expect(evaluatePolicy([allow('dynamodb:GetItem', TABLE.toUpperCase())], 'dynamodb:GetItem', TABLE)).toBe(
      'implicitDeny',
    );
  });

  it('lets an explicit Deny win over any Allow, and reads NotAction / NotResource as "everything but"', () => {
    const deny: IamPolicyStatement = { Effect: 'Deny', Action: 'dynamodb:Scan', Resource: '*' };
    expect(evaluatePolicy([allow('dynamodb:*'), deny], 'dynamodb:Scan', TABLE)).toBe('explicitDeny');
    expect(evaluatePolicy([allow('dynamodb:*'), deny], 'dynamodb:GetItem', TABLE)).toBe('allow');
    const notScan: IamPolicyStatement = { Effect: 'Allow', NotAction: 'dynamodb:Scan', Resource: TABLE };
    expect(evaluatePolicy([notScan], 'dynamodb:Scan', TABLE)).toBe('implicitDeny');
    expect(evaluatePolicy([notScan], 'dynamodb:PutItem', TABLE)).toBe('allow');
    const notIndex: IamPolicyStatement = { Effect: 'Allow', Action: 'dynamodb:Query', NotResource: `${TABLE}/index/*` };
    expect(evaluatePolicy([notIndex], 'dynamodb:Query', TABLE)).toBe('allow');
    expect(evaluatePolicy([notIndex], 'dynamodb:Query', `${TABLE}/index/x`)).toBe('implicitDeny');
  });
});
