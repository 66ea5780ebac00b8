// How the scalars behave inside graphql-js, and the AppSync wording the engine can rebuild from
// the errors. Expected strings are recorded AWS responses (see local/appsync/scalars/*Messages.ts).
import { describe, expect, it } from 'vitest';
import { buildSchema, graphql, parse } from 'graphql';
import type { GraphQLScalarType, ValueNode } from 'graphql';
import { AwsScalarError, awsScalars, findAwsScalarError } from '../../../local/appsync/scalars.ts';
import {
  cantSerializeMessage,
  literalWrongTypeMessage,
  variableInvalidValueMessage,
} from '../../../local/appsync/scalars/graphqlJavaMessages.ts';

function schemaWith(resolvers: Record<string, (args: Record<string, unknown>) => unknown>) {
  const schema = buildSchema(`
    scalar AWSJSON
    scalar AWSPhone
    scalar AWSTimestamp
    scalar AWSDateTime
    type Query {
      echoJson(data: AWSJSON): AWSJSON
      call(phone: AWSPhone): String
      updatedAt: AWSTimestamp
      when(at: AWSDateTime): AWSDateTime
    }
  `);
  for (const name of ['AWSJSON', 'AWSPhone', 'AWSTimestamp', 'AWSDateTime']) {
    Object.assign(schema.getType(name) as GraphQLScalarType, awsScalars[name].toConfig(), { astNode: undefined });
  }
  const rootValue = Object.fromEntries(
    Object.entries(resolvers).map(([k, f]) => [k, (args: Record<string, unknown>) => f(args)]),
  );
  return { schema, rootValue };
}

describe('AWS scalars inside a GraphQL request', () => {
  it('hands the resolver AWSJSON input already parsed and returns its object as a JSON string', async () => {
    let received: unknown;
    const { schema, rootValue } = schemaWith({ echoJson: (args) => ((received = args.data), { seen: args.data }) });
    const result = await graphql({
      schema,
      rootValue,
      source: 'query($d: AWSJSON) { echoJson(data: $d) }',
      variableValues: { d: '{"upvotes":10}' },
    });
    expect(received).toEqual({ upvotes: 10 });
    expect(result.data).toEqual({ echoJson: '{"seen":{"upvotes":10}}' });
  });

  it('keeps AppSync wording for a bad variable so the engine can print it', async () => {
    const { schema, rootValue } = schemaWith({ call: () => 'ok' });
    const result = await graphql({
      schema,
      rootValue,
      source: 'query($p: AWSPhone) { call(phone: $p) }',
      variableValues: { p: '1110004444' },
    });
    const original = findAwsScalarError(result.errors?.[0]);
    expect(original).toBeInstanceOf(AwsScalarError);
    expect(variableInvalidValueMessage('phone', original!.message)).toBe(
      "Variable 'phone' has an invalid value. Unable to parse `1110004444` as a valid phone number.",
    );
  });

  it('reports a bad literal as a validation error carrying the scalar error', async () => {
    const { schema, rootValue } = schemaWith({ echoJson: () => null });
    const result = await graphql({ schema, rootValue, source: '{ echoJson(data: {upvotes: 10}) }' });
    expect(findAwsScalarError(result.errors?.[0])).toBeInstanceOf(AwsScalarError);
    const valueNode = (
      parse('{ f(a: {upvotes: 10}) }').definitions[0] as unknown as {
        selectionSet: { selections: { arguments: { value: ValueNode }[] }[] };
      }
    ).selectionSet.selections[0].arguments[0].value;
    expect(
      literalWrongTypeMessage({ argumentPath: 'data', value: valueNode, typeName: 'AWSJSON', fieldPath: 'sendEmail' }),
    ).toBe(
      "Validation error of type WrongType: argument 'data' with value 'ObjectValue{objectFields=[ObjectField{name='upvotes', value=IntValue{value=10}}]}' is not a valid 'AWSJSON' @ 'sendEmail'",
    );
  });

  it('rejects a resolver result the scalar cannot serialize, in AppSync words', async () => {
    const { schema, rootValue } = schemaWith({ updatedAt: () => '2026-01-22T17:48:30.032Z' });
    const result = await graphql({ schema, rootValue, source: '{ updatedAt }' });
    const original = findAwsScalarError(result.errors?.[0]);
    expect(original).toBeInstanceOf(AwsScalarError);
    expect(cantSerializeMessage(['UsersQueryByEmail', 'items', 0, 'updatedAt'], original!.message)).toBe(
      "Can't serialize value (/UsersQueryByEmail/items[0]/updatedAt) : Unable to serialize `2026-01-22T17:48:30.032Z` as a valid timestamp.",
    );
  });

  it('accepts the AWSDateTime AWS accepted and amplify mock refused', async () => {
    const { schema, rootValue } = schemaWith({ when: (args) => args.at });
    const result = await graphql({ schema, rootValue, source: '{ when(at: "2020-01-01T00:00+00:00") }' });
    expect(result).toEqual({ data: { when: '2020-01-01T00:00+00:00' } });
  });
});
