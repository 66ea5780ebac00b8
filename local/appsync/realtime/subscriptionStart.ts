// The checks of a `start` message that need no authentication or engine: its id, the connection's
// subscription quota, its payload's request, and the filter its resolver set (docs/appsync-facts.md §8.2, §8.5).
import type { GraphQLRequest } from '../engine/engineTypes.ts';
import type { SubscriptionErrorEntry } from '../engine/resolveSubscription.ts';
import { errorMessage } from './protocolMessages.ts';
import type { ServerMessage } from './protocolMessages.ts';
import { isSubscriptionFilter } from './subscriptionFilter.ts';

// Subscriptions per connection: AppSync's default service quota [O].
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

/** The error frame refusing a start with `id` on a connection whose ids are `taken`, or undefined to go on. */
export function startRefusal(id: unknown, taken: ReadonlyMap<string, unknown>): ServerMessage | undefined {
  if (typeof id !== 'string' || id === '')
    return errorMessage([{ errorType: 'BadRequestException', message: 'A start message needs an id.' }]);
  // A reused id is an error [D].
  if (taken.has(id))
    return errorMessage(
      [
        {
          errorType: 'DuplicatedOperationError',
          message: `Subscription id ${id} is already in use on this connection.`,
        },
      ],
      id,
    );
  if (taken.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION)
    return errorMessage(
      [
        {
          errorType: 'LimitExceededError',
          message: `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection.`,
        },
      ],
      id,
    );
  return undefined;
}

/** The GraphQL request in a start's payload.data (a JSON string of {query, variables}), if it is one. */
export function parseStartRequest(data: unknown): GraphQLRequest | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = JSON.parse(data) as Partial<GraphQLRequest> | null;
    if (!parsed || typeof parsed.query !== 'string') return undefined;
    const variables = parsed.variables !== null && typeof parsed.variables === 'object' ? parsed.variables : undefined;
    return {
      query: parsed.query,
      variables,
      operationName: typeof parsed.operationName === 'string' ? parsed.operationName : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The errors for a start whose payload.data is not a request. */
export const BAD_START_PAYLOAD: SubscriptionErrorEntry[] = [
  { errorType: 'BadRequestException', message: 'payload.data must be a JSON string of {query, variables}.' },
];

/** The errors for a filter that extensions.setSubscriptionFilter got but cannot apply, or undefined. */
export function filterRefusal(filter: unknown): SubscriptionErrorEntry[] | undefined {
  if (filter === undefined || filter === null || isSubscriptionFilter(filter)) return undefined;
  return [
    {
      errorType: 'BadRequestException',
      message:
        'extensions.setSubscriptionFilter was given something that is not a {filterGroup:[{filters:[…]}]} filter.',
    },
  ];
}
