// Request pieces shared by the link mutations: the "still a live link" condition, and the live-link
// counter on the owner's users row that keeps the 100-link bound true under concurrency.
import { util } from '@aws-appsync/utils';
import { LINKS_MAX } from './limits.ts';
import type { Expression } from './writeRequests.ts';
import { condition } from './writeRequests.ts';

/** The link exists and is not soft-deleted (old rows may lack is_deleted). */
export function liveLinkCondition(): Expression {
  return condition(
    'attribute_exists(#id) AND (attribute_not_exists(#deleted) OR #deleted = :false)',
    { '#id': 'link_id', '#deleted': 'is_deleted' },
    { ':false': false },
  );
}

/**
 * A TransactWriteItems entry moving the owner's live-link counter by `delta`. ADD treats a
 * missing counter as 0; a positive move also requires room under LINKS_MAX. The account must exist.
 */
export function linkCounterUpdate(usersTable: string, sub: string, delta: number) {
  return {
    table: usersTable,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ user_id: sub }),
    update: {
      expression: 'ADD #count :delta',
      expressionNames: { '#count': 'link_count' },
      expressionValues: { ':delta': util.dynamodb.toDynamoDB(delta) },
    },
    condition:
      delta > 0
        ? condition(
            'attribute_exists(#id) AND (attribute_not_exists(#count) OR #count < :max)',
            { '#id': 'user_id', '#count': 'link_count' },
            { ':max': LINKS_MAX },
          )
        : condition('attribute_exists(#id)', { '#id': 'user_id' }, {}),
  };
}
