// The data source's service role, enforced: AppSync calls DynamoDB as that role
// (`assumed-role/<role>/APPSYNC_ASSUME_ROLE`), so an operation its policies do not allow fails with
// DynamoDB's AccessDeniedException, which reaches ctx.error as `DynamoDB:DynamoDbException`
// (docs/appsync-facts.md §2.4). The IAM actions and resources each AppSync operation needs are
// DynamoDB's: batch writes are BatchWriteItem, transactions need the per-item actions, a Query or
// Scan on an index needs the index's ARN.
import { randomBytes } from 'node:crypto';
import type { IamDecision, IamPolicyStatement } from './iamPolicy.ts';
import { evaluatePolicy } from './iamPolicy.ts';
import type { RequestObject } from './dynamodbRequestFields.ts';

/** The role a data source runs as (ServiceRoleArn) and its policy statements, read from the template. */
export interface ServiceRole {
  arn: string;
  statements: IamPolicyStatement[];
}

/** One IAM check: an action on a table, or on one of its indexes. */
interface Permission {
  action: string;
  tableName: string;
  indexName?: string;
}

const isObject = (value: unknown): value is RequestObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Transaction items name the operation AppSync's way; IAM names the action DynamoDB's way.
const TRANSACT_WRITE_ACTIONS: Record<string, string> = {
  PutItem: 'dynamodb:PutItem',
  UpdateItem: 'dynamodb:UpdateItem',
  DeleteItem: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

function transactPermissions(request: RequestObject, actionOf: (item: RequestObject) => string | undefined) {
  const items = Array.isArray(request.transactItems) ? request.transactItems.filter(isObject) : [];
  return items.flatMap((item): Permission[] => {
    const action = actionOf(item);
    return action && typeof item.table === 'string' ? [{ action, tableName: item.table }] : [];
  });
}

function batchPermissions(request: RequestObject, action: string): Permission[] {
  return isObject(request.tables) ? Object.keys(request.tables).map((tableName) => ({ action, tableName })) : [];
}

/**
 * The checks IAM makes for a request object; parts too malformed to read are left out, so that
 * the operation's own validation reports them, as AppSync does before calling DynamoDB.
 */
export function requiredPermissions(operation: string, request: RequestObject, ownTable: string): Permission[] {
  switch (operation) {
    case 'Query':
    case 'Scan':
      return [
        {
          action: `dynamodb:${operation}`,
          tableName: ownTable,
          ...(typeof request.index === 'string' ? { indexName: request.index } : {}),
        },
      ];
    case 'BatchGetItem':
      return batchPermissions(request, 'dynamodb:BatchGetItem');
    case 'BatchPutItem':
    case 'BatchDeleteItem':
      return batchPermissions(request, 'dynamodb:BatchWriteItem');
    case 'TransactGetItems':
      return transactPermissions(request, () => 'dynamodb:GetItem');
    case 'TransactWriteItems':
      return transactPermissions(request, (item) => TRANSACT_WRITE_ACTIONS[String(item.operation)]);
    default:
      return [{ action: `dynamodb:${operation}`, tableName: ownTable }];
  }
}

/** DynamoDB's AccessDeniedException, shaped like an SDK service error so it maps as AWS's does. */
export class DynamoDbAccessDenied extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400, requestId: randomBytes(26).toString('hex').toUpperCase() };

  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedException';
  }
}

/** Checks permissions against one role; decisions are remembered, since a role's statements never change. */
export type Authorizer = (permissions: readonly Permission[]) => void;

/** An Authorizer for `role` in `region`: throws DynamoDbAccessDenied for the first permission the role lacks. */
export function roleAuthorizer(role: ServiceRole, region: string): Authorizer {
  const [, , , , account = '', rolePath = ''] = role.arn.split(':');
  const roleName = rolePath.split('/').pop();
  const principal = `arn:aws:sts::${account}:assumed-role/${roleName}/APPSYNC_ASSUME_ROLE`;
  const decisions = new Map<string, IamDecision>();
  const decide = (action: string, resource: string): IamDecision => {
    const key = `${action} ${resource}`;
    let decision = decisions.get(key);
    if (decision === undefined) {
      decision = evaluatePolicy(role.statements, action, resource);
      decisions.set(key, decision);
    }
    return decision;
  };
  return (permissions) => authorize(permissions, { principal, account, region, decide });
}

interface RoleView {
  principal: string;
  account: string;
  region: string;
  decide(action: string, resource: string): IamDecision;
}

// The refusal is worded as IAM words it (docs/appsync-facts.md §2.4).
function authorize(permissions: readonly Permission[], role: RoleView): void {
  const { principal, account, region } = role;
  for (const { action, tableName, indexName } of permissions) {
    const table = `arn:aws:dynamodb:${region}:${account}:table/${tableName}`;
    const resource = indexName === undefined ? table : `${table}/index/${indexName}`;
    const decision = role.decide(action, resource);
    if (decision === 'allow') continue;
    const why =
      decision === 'explicitDeny'
        ? 'with an explicit deny in an identity-based policy'
        : `because no identity-based policy allows the ${action} action`;
    throw new DynamoDbAccessDenied(
      `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
    );
  }
}
