// The engine's parts on their own: preparing a document, a mutation's root results, the request
// state a field writes to, and the compiled resolvers.
import { buildSchema, parse } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { ApiDefinition } from '../../../local/appsync/engine/definitions.ts';
import { mutationRootResults } from '../../../local/appsync/engine/executeRequest.ts';
import { assertResolversMatchSchema } from '../../../local/appsync/engine/fieldResolvers.ts';
import { prepareDocument } from '../../../local/appsync/engine/prepareDocument.ts';
import { createRequestState, recordFieldOutcome } from '../../../local/appsync/engine/requestState.ts';
import { createResolverEvaluator } from '../../../local/appsync/engine/resolverEvaluator.ts';
import { fakeDataSource, resolverInput } from './support.ts';

const schema = buildSchema(`
  type Query { post(id: ID!): Post }
  type Post { id: ID!  title: String  author: Author }
  type Author { name: String }
  type Mutation { createPost(title: String): Post  deletePost(id: ID!): Post }
`);

describe('prepareDocument', () => {
  it('accepts a valid document', () => {
    const prepared = prepareDocument(schema, '{ post(id: "1") { id } }');
    expect(prepared.ok).toBe(true);
  });

  it("answers a syntax error in graphql-java's words, with AppSync's location shape", () => {
    expect(prepareDocument(schema, '{ post(id: "1") { id }')).toEqual({
      ok: false,
      errors: [
        {
          path: null,
          locations: [{ line: 1, column: 23, sourceName: null }],
          message: "Invalid Syntax : offending token '<EOF>' at line 1 column 23",
        },
      ],
    });
  });

  it('answers every validation error as a request error (no path), nothing executed', () => {
    const prepared = prepareDocument(schema, '{ post { nope } }');
    expect(prepared.ok).toBe(false);
    expect(prepared.ok ? [] : prepared.errors.map((e) => [e.path, e.message.split(':')[0]])).toEqual([
      [null, 'Validation error of type FieldUndefined'],
      [null, 'Validation error of type MissingFieldArgument'],
    ]);
  });
});

describe('mutationRootResults', () => {
  const data = { created: { id: '1' }, deletePost: null, __typename: 'Mutation' };

  it("lists a mutation's root fields by name with their values under their response keys, fragments expanded", () => {
    const document = parse(`mutation M { created: createPost(title: "t") { id } ...D __typename }
      fragment D on Mutation { ... on Mutation { deletePost(id: "1") { id } } }`);
    expect(mutationRootResults(document, 'M', data)).toEqual([
      { fieldName: 'createPost', value: { id: '1' } },
      { fieldName: 'deletePost', value: null },
    ]);
  });

  it('is empty for a query, or when the mutation produced no data', () => {
    expect(mutationRootResults(parse('{ post(id: "1") { id } }'), undefined, { post: null })).toEqual([]);
    expect(mutationRootResults(parse('mutation { deletePost(id: "1") { id } }'), undefined, null)).toEqual([]);
  });
});

describe('request state', () => {
  it("gathers one field's headers, extensions calls, logs and errors, each tagged with the field", () => {
    const state = createRequestState({ authMode: 'API_KEY', identity: null, headers: { 'X-Custom': 'a' } });
    const document = parse('{ post(id: "1") { id } }');
    const info = {
      fieldName: 'post',
      parentType: { name: 'Query' },
      path: { prev: undefined, key: 'post', typename: 'Query' },
      fieldNodes: [
        (document.definitions[0] as never as { selectionSet: { selections: unknown[] } }).selectionSet.selections[0],
      ],
      fragments: {},
    } as unknown as GraphQLResolveInfo;

    recordFieldOutcome(
      state,
      {
        data: null,
        aborted: false,
        errors: [{ message: 'boom', errorType: 'Custom', data: null, errorInfo: null }],
        responseHeaders: { 'x-one': '1' },
        extensionCalls: [{ name: 'invalidateSubscriptions', args: [] }],
        logs: [{ level: 'log', message: 'hi' }],
      },
      info,
    );

    expect(state.headers).toMatchObject({ 'x-custom': 'a' });
    expect(state.responseHeaders).toEqual({ 'x-one': '1' });
    const site = { parentTypeName: 'Query', fieldName: 'post', path: ['post'] };
    expect(state.extensionCalls).toEqual([{ name: 'invalidateSubscriptions', args: [], ...site }]);
    expect(state.logs).toEqual([{ level: 'log', message: 'hi', ...site }]);
    expect(state.errors).toEqual([
      expect.objectContaining({
        path: ['post'],
        message: 'boom',
        errorType: 'Custom',
        locations: [expect.objectContaining({ line: 1, column: 3 })],
      }),
    ]);
  });
});

describe('compiled resolvers', () => {
  const api: ApiDefinition = {
    logicalId: 'Api',
    apiId: 'localapi',
    name: 'api',
    schema: 'type Query { post(id: ID!): Post } type Post { id: ID! }',
    defaultAuth: { mode: 'API_KEY' },
    additionalAuth: [],
    apiKeys: [],
    environmentVariables: {},
    dataSources: [{ name: 'table', type: 'AMAZON_DYNAMODB' }],
    functions: [],
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'post',
        kind: 'UNIT',
        dataSourceName: 'table',
        code: 'export function request(ctx) { return { id: ctx.args.id }; }\nexport function response(ctx) { return ctx.result; }',
      },
    ],
  };

  it('are compiled once, found by Type.field, and evaluated against their data source', async () => {
    const table = fakeDataSource((request) => ({ result: { ...(request as object), from: 'table' } }));
    const evaluator = createResolverEvaluator(api, new Map([['table', table]]));

    expect([...evaluator.fields()]).toEqual(['Query.post']);
    const resolver = evaluator.get('Query.post');
    if (!resolver) throw new Error('no resolver');
    const outcome = await evaluator.evaluate(resolver, resolverInput({ arguments: { id: '7' } }));

    expect(outcome.data).toEqual({ id: '7', from: 'table' });
    expect(table.requests).toEqual([{ id: '7' }]);
  });

  it('must each sit on a field the schema defines', () => {
    expect(() => assertResolversMatchSchema(schema, ['Query.post', 'Post.title'])).not.toThrow();
    expect(() => assertResolversMatchSchema(schema, ['Query.missing'])).toThrow(
      'Resolver Query.missing is attached to a field the schema does not define',
    );
  });
});
