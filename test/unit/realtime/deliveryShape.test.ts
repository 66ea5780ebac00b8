// What a subscriber receives (docs/appsync-facts.md §8.3): basic argument filtering, the mutation's
// selected result read through the subscriber's own selection, and the schema's
// @aws_subscribe links.
import { buildSchema, parse } from 'graphql';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { matchesArguments } from '../../../local/appsync/realtime/argumentFilter.ts';
import { shapeSubscriptionPayload } from '../../../local/appsync/realtime/shapeSubscriptionPayload.ts';
import { subscribedMutations } from '../../../local/appsync/realtime/subscribedMutations.ts';

const schema = buildSchema(`
  directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
  type Query { x: Int }
  type Message { id: ID!  text: String  author: Author }
  type Author { name: String  email: String }
  type Mutation { sendMessage(text: String): Message  editMessage(id: ID!): Message }
  type Subscription {
    onMessage(id: ID, text: String): Message @aws_subscribe(mutations: ["sendMessage", "editMessage"])
    onEdit: Message @aws_subscribe(mutations: ["editMessage"])
  }
`);

function subscriber(query: string) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const fieldNode = operation.selectionSet.selections[0] as FieldNode;
  return { schema, fieldNode, fragments: {}, variables: {} };
}
const messageType = schema.getSubscriptionType()!.getFields().onMessage!.type;

describe('argument filtering', () => {
  it('delivers only when every supplied argument equals the payload field', () => {
    expect(matchesArguments({ id: '1' }, { id: '1', text: 'hi' })).toBe(true);
    expect(matchesArguments({ id: '1', text: 'yo' }, { id: '1', text: 'hi' })).toBe(false);
  });

  it('lets omitted arguments match everything and an explicit null match only null', () => {
    expect(matchesArguments({}, { id: '2' })).toBe(true);
    expect(matchesArguments({ text: null }, { id: '2', text: null })).toBe(true);
    expect(matchesArguments({ text: null }, { id: '2', text: 'hi' })).toBe(false);
  });
});

describe('payload shaping', () => {
  it('returns null for fields the mutation did not select', () => {
    const shaped = shapeSubscriptionPayload(
      { id: '1' },
      messageType,
      subscriber('subscription { onMessage { id text author { name } } }'),
    );
    expect(shaped).toEqual({ id: '1', text: null, author: null });
  });

  it('drops fields the subscriber did not ask for and honours its aliases and __typename', () => {
    const shaped = shapeSubscriptionPayload(
      { id: '1', text: 'hi', author: { name: 'Ada', email: 'a@x' } },
      messageType,
      subscriber('subscription { onMessage { __typename body: text author { __typename name } } }'),
    );
    expect(shaped).toEqual({ __typename: 'Message', body: 'hi', author: { __typename: 'Author', name: 'Ada' } });
  });
});

describe('@aws_subscribe links', () => {
  it('maps each mutation to every subscription field that lists it', () => {
    const links = subscribedMutations(schema);
    expect(links.get('sendMessage')).toEqual(['onMessage']);
    expect(links.get('editMessage')).toEqual(['onMessage', 'onEdit']);
  });
});
