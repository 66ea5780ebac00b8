// The realtime server's parts on their own: a start's checks, what one subscription receives for a
// published result, the registry of live subscriptions, and faults reported through the sink.
import { buildSchema, parse } from 'graphql';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { ResolvedSubscription } from '../../../local/appsync/engine/resolveSubscription.ts';
import { MAX_PAYLOAD_BYTES, deliveryMessage } from '../../../local/appsync/realtime/deliveryMessage.ts';
import { LiveSubscriptions } from '../../../local/appsync/realtime/liveSubscriptions.ts';
import type { LiveSubscription } from '../../../local/appsync/realtime/realtimeConnection.ts';
import {
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
  filterRefusal,
  parseStartRequest,
  startRefusal,
} from '../../../local/appsync/realtime/subscriptionStart.ts';

describe('startRefusal', () => {
  it('refuses a start without an id, for the connection (no id on the frame)', () => {
    expect(startRefusal(undefined, new Map())).toEqual({
      type: 'error',
      payload: { errors: [{ errorType: 'BadRequestException', message: 'A start message needs an id.' }] },
    });
    expect(startRefusal('', new Map())?.type).toBe('error');
  });

  it('refuses an id already in use on the connection, and a start past the quota', () => {
    expect(startRefusal('a', new Map([['a', {}]]))).toMatchObject({
      id: 'a',
      payload: { errors: [{ errorType: 'DuplicatedOperationError' }] },
    });
    const full = new Map(Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION }, (_, i) => [`s${i}`, {}]));
    expect(startRefusal('one-more', full)).toMatchObject({
      id: 'one-more',
      payload: { errors: [{ errorType: 'LimitExceededError' }] },
    });
  });

  it('lets a new id through', () => {
    expect(startRefusal('b', new Map([['a', {}]]))).toBeUndefined();
  });
});

describe('parseStartRequest', () => {
  it('reads {query, variables, operationName} from the JSON string in payload.data', () => {
    expect(
      parseStartRequest(JSON.stringify({ query: 'subscription { s }', variables: { a: 1 }, operationName: 'S' })),
    ).toEqual({
      query: 'subscription { s }',
      variables: { a: 1 },
      operationName: 'S',
    });
  });

  it('drops variables and operationName of the wrong type', () => {
    expect(parseStartRequest(JSON.stringify({ query: 'q', variables: 'x', operationName: 3 }))).toEqual({
      query: 'q',
      variables: undefined,
      operationName: undefined,
    });
  });

  it('is undefined for anything that is not a JSON string with a query', () => {
    for (const data of [undefined, { query: 'q' }, 'not json', 'null', JSON.stringify({ variables: {} })]) {
      expect(parseStartRequest(data)).toBeUndefined();
    }
  });
});

describe('filterRefusal', () => {
  it('accepts no filter or a filterGroup, and refuses anything else', () => {
    expect(filterRefusal(undefined)).toBeUndefined();
    expect(filterRefusal(null)).toBeUndefined();
    expect(
      filterRefusal({ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: '1' }] }] }),
    ).toBeUndefined();
    expect(filterRefusal({ id: { eq: '1' } })).toMatchObject([{ errorType: 'BadRequestException' }]);
  });
});

const schema = buildSchema(`
  directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
  type Query { x: Int }
  type Message { id: ID!  text: String }
  type Mutation { send(text: String): Message }
  type Subscription { onMessage(id: ID): Message @aws_subscribe(mutations: ["send"]) }
`);
const field = schema.getSubscriptionType()!.getFields().onMessage!;

function subscription(query: string, overrides: Partial<ResolvedSubscription> = {}): ResolvedSubscription {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const fieldNode = operation.selectionSet.selections[0] as FieldNode;
  return {
    fieldName: 'onMessage',
    responseKey: fieldNode.alias?.value ?? 'onMessage',
    arguments: {},
    fieldNode,
    fragments: {},
    variables: {},
    ...overrides,
  };
}

describe('deliveryMessage', () => {
  it('shapes the result by the subscriber’s selection, under its response key', () => {
    const message = deliveryMessage(
      '7',
      subscription('subscription { m: onMessage { id } }'),
      field,
      { id: '1', text: 'hi' },
      schema,
    );
    expect(message).toEqual({ type: 'data', id: '7', payload: { data: { m: { id: '1' } } } });
  });

  it('delivers nothing when the arguments, or the enhanced filter instead of them, reject the result', () => {
    const byArgument = subscription('subscription { onMessage(id: "2") { id } }', { arguments: { id: '2' } });
    expect(deliveryMessage('7', byArgument, field, { id: '1' }, schema)).toBeUndefined();
    const byFilter = subscription('subscription { onMessage(id: "1") { id } }', {
      arguments: { id: '1' },
      filter: { filterGroup: [{ filters: [{ fieldName: 'text', operator: 'eq', value: 'yes' }] }] },
    });
    expect(deliveryMessage('7', byFilter, field, { id: '1', text: 'no' }, schema)).toBeUndefined();
    expect(deliveryMessage('7', byFilter, field, { id: '9', text: 'yes' }, schema)?.type).toBe('data');
  });

  it('answers LimitExceededError instead of a payload over 240 KB', () => {
    const text = 'x'.repeat(MAX_PAYLOAD_BYTES);
    expect(
      deliveryMessage('7', subscription('subscription { onMessage { text } }'), field, { id: '1', text }, schema),
    ).toEqual({
      type: 'error',
      id: '7',
      payload: {
        errors: [
          {
            errorType: 'LimitExceededError',
            message: 'The subscription payload exceeds 240 KB and was not delivered.',
          },
        ],
      },
    });
  });
});

describe('LiveSubscriptions', () => {
  it('finds live subscriptions by field until they are removed', () => {
    const registry = new LiveSubscriptions();
    const live = (id: string): LiveSubscription => ({
      id,
      subscription: subscription('subscription { onMessage { id } }'),
      send: () => undefined,
    });
    const a = live('a');
    const b = live('b');
    registry.add(a);
    registry.add(b);
    registry.remove(a);

    expect(registry.on('onMessage')).toEqual([b]);
    expect(registry.on('other')).toEqual([]);
  });
});
