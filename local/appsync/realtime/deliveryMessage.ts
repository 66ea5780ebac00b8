// What one subscription receives for one published mutation result (docs/appsync-facts.md §8.3,
// §8.4, §8.5): nothing when its filter does not match, the result shaped by its own selection set,
// or an error when that exceeds the payload limit.
import type { GraphQLField, GraphQLSchema } from 'graphql';
import type { ResolvedSubscription } from '../engine/resolveSubscription.ts';
import { matchesArguments } from './argumentFilter.ts';
import { errorMessage } from './protocolMessages.ts';
import type { ServerMessage } from './protocolMessages.ts';
import { shapeSubscriptionPayload } from './shapeSubscriptionPayload.ts';
import { isSubscriptionFilter, matchesSubscriptionFilter } from './subscriptionFilter.ts';

// Subscription payload limit [D]; what AppSync does with a larger one is not documented [?].
export const MAX_PAYLOAD_BYTES = 240 * 1024;

/** The frame for subscription `id` given `value` published on its field, or undefined when its filter rejects it. */
export function deliveryMessage(
  id: string,
  subscription: ResolvedSubscription,
  field: GraphQLField<unknown, unknown>,
  value: unknown,
  schema: GraphQLSchema,
): ServerMessage | undefined {
  // An enhanced filter replaces argument filtering; the two never run together [D].
  const matches = isSubscriptionFilter(subscription.filter)
    ? matchesSubscriptionFilter(subscription.filter, value)
    : matchesArguments(subscription.arguments, value);
  if (!matches) return undefined;
  const data = {
    [subscription.responseKey]: shapeSubscriptionPayload(value, field.type, { schema, ...subscription }),
  };
  const message = { type: 'data' as const, id, payload: { data } };
  if (Buffer.byteLength(JSON.stringify(message.payload)) <= MAX_PAYLOAD_BYTES) return message;
  return errorMessage(
    [
      {
        errorType: 'LimitExceededError',
        message: `The subscription payload exceeds ${MAX_PAYLOAD_BYTES / 1024} KB and was not delivered.`,
      },
    ],
    id,
  );
}
