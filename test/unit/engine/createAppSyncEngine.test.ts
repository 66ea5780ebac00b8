import { describe, expect, it } from 'vitest';
import { createAppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import type { Caller } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition, AuthProvider, ResolverDefinition } from '../../../local/appsync/engine/definitions.ts';

const echo = (payload: string) =>
  `export function request(ctx) { return { payload: ${payload} }; }\nexport function response(ctx) { return ctx.result; }`;

function noneResolver(typeName: string, fieldName: string, code: string): ResolverDefinition {
  return { typeName, fieldName, kind: 'UNIT', dataSourceName: 'none', code };
}

function engineFor(
  schema: string,
  resolvers: ResolverDefinition[],
  auth: { defaultAuth?: AuthProvider; additionalAuth?: AuthProvider[] } = {},
) {
  const api: ApiDefinition = {
    logicalId: 'Api',
    apiId: 'localapi',
    name: 'test-api',
    schema,
    defaultAuth: auth.defaultAuth ?? { mode: 'API_KEY' },
    additionalAuth: auth.additionalAuth ?? [],
    apiKeys: [],
    environmentVariables: {},
    dataSources: [{ name: 'none', type: 'NONE' }],
    functions: [],
    resolvers,
  };
  return createAppSyncEngine({ api, dataSources: new Map() });
}

const apiKeyCaller: Caller = { authMode: 'API_KEY', identity: null, headers: {} };

describe('request validation', () => {
  const engine = engineFor(
    `type Query { hello(name: String!): Post  onCreateTodo(owner: String!): String }
     type Post { id: ID!  genres: [String]  author: Author }
     type Author { name: String }
     input NestedInput { name: String! }
     input OutsideInput { nested: NestedInput }
     input CreateUpdateTestInput { test: String! }
     type Mutation { createItem(outside_input: OutsideInput!): String  createUpdateTest(input: [CreateUpdateTestInput!]!): String }`,
    [],
  );

  it('reports an unknown field exactly as AppSync does (graphql-over-http#81)', async () => {
    const response = await engine.execute({ query: '{badfield}' }, apiKeyCaller);
    expect(JSON.stringify(response.body)).toBe(
      '{"data":null,"errors":[{"path":null,"locations":[{"line":1,"column":2,"sourceName":null}],"message":"Validation error of type FieldUndefined: Field \'badfield\' in type \'Query\' is undefined @ \'badfield\'"}]}',
    );
  });

  it('reports a missing argument in graphql-java words (amplify-swift#854)', async () => {
    const response = await engine.execute({ query: '{ onCreateTodo }' }, apiKeyCaller);
    expect(response.body.errors?.[0]?.message).toBe(
      "Validation error of type MissingFieldArgument: Missing field argument owner @ 'onCreateTodo'",
    );
  });

  it('reports a nested undefined field with its path (amplify-android#1822)', async () => {
    const response = await engine.execute({ query: '{ hello(name: "x") { id _deleted } }' }, apiKeyCaller);
    expect(response.body.errors?.[0]?.message).toBe(
      "Validation error of type FieldUndefined: Field '_deleted' in type 'Post' is undefined @ 'hello/_deleted'",
    );
  });

  it('reports a missing required input field once per argument (aws-appsync-community#273)', async () => {
    const response = await engine.execute(
      { query: 'mutation createUpdateTest {\n  createUpdateTest(input: {testa: "test"})\n}' },
      apiKeyCaller,
    );
    expect(response.body.errors?.map((error) => error.message)).toEqual([
      "Validation error of type WrongType: argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='testa', value=StringValue{value='test'}}]}' is missing required fields '[test]' @ 'createUpdateTest'",
    ]);
  });

  it('reports a literal of the wrong type at its argument', async () => {
    const response = await engine.execute({ query: '{ hello(name: 1) { id } }' }, apiKeyCaller);
    expect(response.body.errors).toEqual([
      {
        path: null,
        locations: [{ line: 1, column: 9, sourceName: null }],
        message:
          "Validation error of type WrongType: argument 'name' with value 'IntValue{value=1}' is not a valid 'String' @ 'hello'",
      },
    ]);
  });

  it("reports sub-selection problems with graphql-java's null type name for wrapped types", async () => {
    const leaf = await engine.execute({ query: '{ hello(name: "x") { genres { x } } }' }, apiKeyCaller);
    expect(leaf.body.errors?.[0]?.message).toBe(
      "Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type null of field genres @ 'hello/genres'",
    );
    const object = await engine.execute({ query: '{ hello(name: "x") { author } }' }, apiKeyCaller);
    expect(object.body.errors?.[0]?.message).toBe(
      "Validation error of type SubSelectionRequired: Sub selection required for type Author of field author @ 'hello/author'",
    );
  });

  it('reports unknown arguments, unknown types and mismatched variables', async () => {
    const unknownArgument = await engine.execute({ query: '{ hello(name: "x", nope: 1) { id } }' }, apiKeyCaller);
    expect(unknownArgument.body.errors?.[0]?.message).toBe(
      "Validation error of type UnknownArgument: Unknown field argument nope @ 'hello'",
    );
    const unknownType = await engine.execute({ query: 'query Q($x: Nope) { hello(name: "x") { id } }' }, apiKeyCaller);
    expect(unknownType.body.errors?.[0]?.message).toBe('Validation error of type UnknownType: Unknown type Nope');
    const mismatch = await engine.execute({ query: 'query Q($n: Int) { hello(name: $n) { id } }' }, apiKeyCaller);
    expect(mismatch.body.errors?.[0]?.message).toBe(
      "Validation error of type VariableTypeMismatch: Variable type 'Int' doesn't match expected type 'String!' @ 'hello'",
    );
  });

  it('reports a nested missing variable field as AppSync does (aws-appsync-community#406)', async () => {
    const response = await engine.execute(
      {
        query: 'mutation M($outside_input: OutsideInput!) { createItem(outside_input: $outside_input) }',
        variables: { outside_input: { nested: {} } },
      },
      apiKeyCaller,
    );
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: null,
          message: "Variable 'outside_input' has coerced Null value for NonNull type 'String!'",
        },
      ],
    });
  });

  it("reports an unknown variable input field with AppSync's exact text (aws-appsync-community#273)", async () => {
    const response = await engine.execute(
      {
        query: 'mutation createUpdateTest($input: [CreateUpdateTestInput!]!) { createUpdateTest(input: $input) }',
        variables: { input: { testa: 'test' } },
      },
      apiKeyCaller,
    );
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: null,
          message:
            "The variables input contains a field that is not defined for input object type 'CreateUpdateTestInput' ",
        },
      ],
    });
  });

  it('reports a syntax error with graphql-java\'s "Invalid Syntax" wording', async () => {
    const response = await engine.execute({ query: '{ hello(name: "x") { id }' }, apiKeyCaller);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: [{ line: 1, column: 26, sourceName: null }],
          message: "Invalid Syntax : offending token '<EOF>' at line 1 column 26",
        },
      ],
    });
  });
});

describe('field errors and null propagation', () => {
  const engine = engineFor(
    `type Query { getMessages(id: ID!): Messages  failing: Post  mustHave: String!  warned: String  args(input: Filter): String  secret: String }
     type Messages { id: ID!  text: String!  sendBy: Person! }
     type Person { name: String! }
     type Post { id: ID!  title: String  author: Person }
     input Filter { a: String  b: String }`,
    [
      noneResolver('Query', 'getMessages', echo(`{ id: ctx.args.id, text: 'hi' }`)),
      noneResolver(
        'Query',
        'failing',
        `import { util } from '@aws-appsync/utils';
        export function request(ctx) { return {}; }
        export function response(ctx) { util.error('Nope', 'NotFound', { id: '1', title: 't', hidden: 'x' }, { reason: 'gone' }); }`,
      ),
      noneResolver(
        'Query',
        'mustHave',
        `import { util } from '@aws-appsync/utils';
        export function request(ctx) { util.error('Required failed', 'BadRequest'); }
        export function response(ctx) { return 'x'; }`,
      ),
      noneResolver(
        'Query',
        'warned',
        `import { util } from '@aws-appsync/utils';
        export function request(ctx) { return { payload: 'value' }; }
        export function response(ctx) { util.appendError('careful', 'Warning'); return ctx.result; }`,
      ),
      noneResolver('Query', 'args', echo('JSON.stringify(ctx.args)')),
      noneResolver(
        'Query',
        'secret',
        `import { util } from '@aws-appsync/utils';
        export function request(ctx) { util.unauthorized(); }
        export function response(ctx) { return null; }`,
      ),
    ],
  );

  it("nulls the parent of a missing non-null field with AppSync's message (graphql-compose#121)", async () => {
    const response = await engine.execute(
      {
        query:
          'query getMessages{\n  getMessages(id: "a0") {\n    id\n    text\n    sendBy {\n      name\n    }\n  }\n}',
      },
      apiKeyCaller,
    );
    expect(response.body).toEqual({
      data: { getMessages: null },
      errors: [
        {
          path: ['getMessages', 'sendBy'],
          locations: null,
          message: "Cannot return null for non-nullable type: 'Person' within parent 'Messages' (/getMessages/sendBy)",
        },
      ],
    });
  });

  it("reports util.error with keys in AppSync's order and data filtered by the selection set", async () => {
    const response = await engine.execute({ query: 'query { failing { id title } }' }, apiKeyCaller);
    expect(response.body.data).toEqual({ failing: null });
    const [error] = response.body.errors ?? [];
    expect(Object.keys(error ?? {})).toEqual(['path', 'data', 'errorType', 'errorInfo', 'locations', 'message']);
    expect(error).toEqual({
      path: ['failing'],
      data: { id: '1', title: 't' },
      errorType: 'NotFound',
      errorInfo: { reason: 'gone' },
      locations: [{ line: 1, column: 9, sourceName: null }],
      message: 'Nope',
    });
  });

  it('propagates an error on a non-null root field to data: null', async () => {
    const response = await engine.execute({ query: '{ mustHave warned }' }, apiKeyCaller);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]).toMatchObject({
      path: ['mustHave'],
      errorType: 'BadRequest',
      message: 'Required failed',
    });
  });

  it('keeps the value of a field whose resolver appended an error', async () => {
    const response = await engine.execute({ query: '{ warned }' }, apiKeyCaller);
    expect(response.body).toEqual({
      data: { warned: 'value' },
      errors: [
        {
          path: ['warned'],
          data: null,
          errorType: 'Warning',
          errorInfo: null,
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'careful',
        },
      ],
    });
  });

  it('leaves omitted input fields absent and keeps explicit nulls', async () => {
    const response = await engine.execute(
      { query: 'query Q($f: Filter) { args(input: $f) }', variables: { f: { a: null } } },
      apiKeyCaller,
    );
    expect(response.body.data).toEqual({ args: '{"input":{"a":null}}' });
    const literal = await engine.execute({ query: '{ args }' }, apiKeyCaller);
    expect(literal.body.data).toEqual({ args: '{}' });
  });

  it('reports util.unauthorized() as AppSync does for a live request', async () => {
    const response = await engine.execute({ query: '{ secret }' }, apiKeyCaller);
    expect(response.body.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access secret on type Query',
    });
  });
});

describe('ctx.info.selectionSetList', () => {
  const engine = engineFor(
    `interface Node { id: ID! }
     type Post implements Node { id: ID!  title: String  author: Author  comments: [Comment] }
     type Author { authorId: ID  name: String }
     type Comment { id: ID }
     type Query { getPost: Post  node: Node }`,
    [
      noneResolver('Query', 'getPost', echo('{ id: "1", title: JSON.stringify(ctx.info.selectionSetList) }')),
      noneResolver('Query', 'node', echo('{ __typename: "Post", id: JSON.stringify(ctx.info.selectionSetList) }')),
    ],
  );

  it('lists nested fields with "/", aliases in place of names, and fragments expanded', async () => {
    const query = `{ getPost { id title secondTitle: title author { authorId name } ... on Post { inlineComments: comments { id } } ...postFrag } }
      fragment postFrag on Post { fragComments: comments { id } }`;
    const response = await engine.execute({ query }, apiKeyCaller);
    const title = (response.body.data as { getPost: { title: string } }).getPost.title;
    expect(JSON.parse(title)).toEqual([
      'id',
      'title',
      'secondTitle',
      'author',
      'author/authorId',
      'author/name',
      'inlineComments',
      'inlineComments/id',
      'fragComments',
      'fragComments/id',
    ]);
  });

  it("lists only the interface's own fields for an interface-typed field", async () => {
    const response = await engine.execute({ query: '{ node { id ... on Post { title } } }' }, apiKeyCaller);
    expect(JSON.parse((response.body.data as { node: { id: string } }).node.id)).toEqual(['id']);
  });
});

describe('field-level authorization', () => {
  const schema = `
    type Query {
      defaultOnly: String
      publicPost: Post @aws_api_key @aws_cognito_user_pools
      iamOnly: String @aws_iam
      admins: String @aws_cognito_user_pools(cognito_groups: ["admin"])
      legacy: String @aws_auth(cognito_groups: ["admin"])
      privatePost: PrivatePost @aws_api_key
    }
    type Post @aws_api_key @aws_cognito_user_pools { id: ID  secret: String @aws_cognito_user_pools }
    type PrivatePost { id: ID }`;
  const resolvers = [
    noneResolver('Query', 'defaultOnly', echo("'ok'")),
    noneResolver('Query', 'publicPost', echo("{ id: 'p', secret: 's' }")),
    noneResolver('Query', 'iamOnly', echo("'ok'")),
    noneResolver('Query', 'admins', echo("'ok'")),
    noneResolver('Query', 'legacy', echo("'ok'")),
    noneResolver('Query', 'privatePost', echo("{ id: 'x' }")),
  ];
  const engine = engineFor(schema, resolvers, {
    defaultAuth: { mode: 'AMAZON_COGNITO_USER_POOLS' },
    additionalAuth: [{ mode: 'API_KEY' }, { mode: 'AWS_IAM' }],
  });
  const callers: Record<string, Caller> = {
    apiKey: apiKeyCaller,
    iam: { authMode: 'AWS_IAM', identity: { accountId: '1' }, headers: {} },
    user: { authMode: 'AMAZON_COGNITO_USER_POOLS', identity: { sub: 'u' }, headers: {}, cognitoGroups: [] },
    admin: { authMode: 'AMAZON_COGNITO_USER_POOLS', identity: { sub: 'a' }, headers: {}, cognitoGroups: ['admin'] },
  };

  it.each([
    ['defaultOnly', 'user', true],
    ['defaultOnly', 'apiKey', false],
    ['defaultOnly', 'iam', false],
    ['iamOnly', 'iam', true],
    ['iamOnly', 'user', false],
    ['admins', 'admin', true],
    ['admins', 'user', false],
    ['admins', 'apiKey', false],
    ['legacy', 'user', true],
    ['legacy', 'apiKey', false],
  ])('%s as %s → allowed: %s', async (field, caller, allowed) => {
    const response = await engine.execute({ query: `query { ${field} }` }, callers[caller] as Caller);
    if (allowed) {
      expect(response.body).toEqual({ data: { [field]: 'ok' } });
    } else {
      expect(response.body).toEqual({
        data: { [field]: null },
        errors: [
          {
            path: [field],
            data: null,
            errorType: 'Unauthorized',
            errorInfo: null,
            locations: [{ line: 1, column: 9, sourceName: null }],
            message: `Not Authorized to access ${field} on type Query`,
          },
        ],
      });
    }
  });

  it("checks nested fields: a field directive overrides its type's", async () => {
    const asKey = await engine.execute({ query: '{ publicPost { id secret } }' }, apiKeyCaller);
    expect(asKey.body.data).toEqual({ publicPost: { id: 'p', secret: null } });
    expect(asKey.body.errors?.map((error) => error.message)).toEqual(['Not Authorized to access secret on type Post']);
    const asUser = await engine.execute({ query: '{ publicPost { id secret } }' }, callers.user as Caller);
    expect(asUser.body).toEqual({ data: { publicPost: { id: 'p', secret: 's' } } });
  });

  it("denies a field whose returned type lacks the caller's mode, naming the returned type (amplify-android#2124)", async () => {
    const response = await engine.execute({ query: '{ privatePost { id } }' }, apiKeyCaller);
    expect(response.body.data).toEqual({ privatePost: null });
    expect(response.body.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access privatePost on type PrivatePost',
    });
  });

  it('honours @aws_auth when Cognito user pools is the only mode', async () => {
    const cognitoOnly = engineFor(schema, resolvers, { defaultAuth: { mode: 'AMAZON_COGNITO_USER_POOLS' } });
    const user = await cognitoOnly.execute({ query: '{ legacy }' }, callers.user as Caller);
    expect(user.body.errors?.[0]?.message).toBe('Not Authorized to access legacy on type Query');
    const admin = await cognitoOnly.execute({ query: '{ legacy }' }, callers.admin as Caller);
    expect(admin.body).toEqual({ data: { legacy: 'ok' } });
  });
});

describe('engine creation', () => {
  it('refuses a resolver bundle AppSync would reject, naming the resolver', () => {
    expect(() =>
      engineFor('type Query { a: String }', [
        noneResolver(
          'Query',
          'a',
          'export function request(ctx) { while (true) {} }\nexport function response(ctx) { return 1; }',
        ),
      ]),
    ).toThrow(/The code contains one or more errors\. \[Query\.a\]/);
  });

  it('refuses a resolver attached to a field the schema lacks', () => {
    expect(() => engineFor('type Query { a: String }', [noneResolver('Query', 'b', echo('1'))])).toThrow(/Query\.b/);
  });
});
