// Bad input for every mutation over HTTP: each is refused with a clear answer (BadRequest naming
// the field, a GraphQL validation error, NotFound) and DynamoDB Local, read directly with the SDK,
// holds exactly what it held before. Malformed bodies get AppSync's 400 (docs/appsync-facts.md §5).
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';
import type { GraphqlClient, GraphqlHttpResponse } from '../../support/graphqlClient.ts';
import { signUpUser } from '../../support/tokens.ts';
import type { TestUser } from '../../support/tokens.ts';

const SAVE_PROFILE = 'mutation S($input: ProfileInput!) { saveProfile(input: $input) { username } }';
const SAVE_LINK = 'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId } }';
const DELETE_LINK = 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId } }';

const stack = inject('localStack');
const name = `bad-${randomUUID().slice(0, 8)}`;

let api: GraphqlClient;
let dynamo: DynamoDBClient;
let user: TestUser;
let linkId: string;

async function item(table: string, key: Record<string, string>): Promise<Record<string, unknown> | null> {
  const out = await dynamo.send(
    new GetItemCommand({
      TableName: `prolynk-${table}`,
      Key: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: v }])),
      ConsistentRead: true,
    }),
  );
  return out.Item ? unmarshall(out.Item) : null;
}

/** Everything the caller owns: their users row, their profile, and all their link rows. */
async function snapshot(sub: string, username: string) {
  const links = await dynamo.send(
    new QueryCommand({
      TableName: 'prolynk-links',
      KeyConditionExpression: 'user_id = :sub',
      ExpressionAttributeValues: { ':sub': { S: sub } },
      ConsistentRead: true,
    }),
  );
  return {
    user: await item('users', { user_id: sub }),
    profile: await item('profiles', { username }),
    links: (links.Items ?? []).map((i) => unmarshall(i)),
  };
}

const asUser = () => ({ authorization: user.accessToken });

function expectBadRequest(res: GraphqlHttpResponse, mutation: string, field: string): void {
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ [mutation]: null });
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors[0]).toMatchObject({ path: [mutation], errorType: 'BadRequest', errorInfo: { field } });
  expect(res.body.errors[0].message).toContain(field);
}

// AppSync reports GraphQL validation failures as HTTP 200, data null, path null and no errorType,
// with graphql-java's "Validation error of type <Kind>: …" wording (docs/appsync-facts.md §5).
function expectValidationError(res: GraphqlHttpResponse, kind?: string): void {
  expect(res.status).toBe(200);
  expect(res.body.data).toBeNull();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors[0]).not.toHaveProperty('errorType');
  if (kind) {
    expect(res.body.errors[0].path).toBeNull();
    expect(res.body.errors[0].message).toMatch(new RegExp(`^Validation error of type ${kind}: `));
  }
}

beforeAll(async () => {
  api = graphqlClient(stack.graphqlUrl);
  dynamo = new DynamoDBClient({
    endpoint: stack.dynamoDbEndpoint,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  user = await signUpUser(stack);
  const claimed = await api.post(SAVE_PROFILE, { input: { username: name, bio: 'kept', skills: ['kept'] } }, asUser());
  expect(claimed.body.errors).toBeUndefined();
  const link = await api.post(SAVE_LINK, { input: { title: 'Kept', url: 'https://kept.example', order: 1 } }, asUser());
  expect(link.body.errors).toBeUndefined();
  linkId = link.body.data.saveLink.linkId;
});

afterAll(() => {
  dynamo?.destroy();
});

describe('saveProfile with bad input', () => {
  it.each([
    [{ username: 'admin' }, 'input.username'],
    [{ username: 'x' }, 'input.username'],
    [{ username: 'no spaces allowed' }, 'input.username'],
    [{ bio: 'x'.repeat(2001) }, 'input.bio'],
    [{ email: 'not-an-email' }, 'input.email'],
    [{ phone: 'call me maybe' }, 'input.phone'],
    [{ dateOfBirth: '2999-01-01' }, 'input.dateOfBirth'],
    [{ skills: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'input.skills'],
    [{ socialLinks: [{ platform: 'x', url: 'javascript:alert(1)' }] }, 'input.socialLinks[0].url'],
    [
      {
        projects: [
          { title: 'Fine', link: 'https://ok.example' },
          { title: 'P', link: 'data:text/html,hi' },
        ],
      },
      'input.projects[1].link',
    ],
    [{ avatarKey: 'users/someone-else/profile/a.png' }, 'input.avatarKey'],
  ])('%j is a BadRequest naming %s, and nothing is written', async (input, field) => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(SAVE_PROFILE, { input: { ...input, fullName: 'must not be written' } }, asUser());

    expectBadRequest(res, 'saveProfile', field);
    expect(await snapshot(user.sub, name)).toEqual(before);
  });

  it('a first save without a username is a BadRequest and leaves the new account as it was', async () => {
    const newcomer = await signUpUser(stack);
    const before = await item('users', { user_id: newcomer.sub });

    const res = await api.post(
      SAVE_PROFILE,
      { input: { fullName: 'Nobody' } },
      { authorization: newcomer.accessToken },
    );

    expectBadRequest(res, 'saveProfile', 'input.username');
    expect(await item('users', { user_id: newcomer.sub })).toEqual(before);
  });

  it.each([
    ['a missing input argument', 'mutation { saveProfile { username } }', 'MissingFieldArgument'],
    [
      'a field ProfileInput does not have',
      'mutation { saveProfile(input: { nickname: "x" }) { username } }',
      'WrongType',
    ],
    [
      'a string where a Boolean belongs',
      'mutation { saveProfile(input: { showEmail: "yes" }) { username } }',
      'WrongType',
    ],
  ])('%s is a GraphQL validation error without errorType, and nothing is written', async (_case, query, kind) => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(query, {}, asUser());

    expectValidationError(res, kind);
    expect(await snapshot(user.sub, name)).toEqual(before);
  });

  it('a variable of the wrong type is refused before any resolver runs', async () => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(SAVE_PROFILE, { input: { showEmail: 'yes', bio: 'must not be written' } }, asUser());

    expectValidationError(res);
    expect(await snapshot(user.sub, name)).toEqual(before);
  });
});

describe('saveLink with bad input', () => {
  it.each([
    [{ title: ' ', url: 'https://a.example' }, 'input.title'],
    [{ title: 'x'.repeat(101), url: 'https://a.example' }, 'input.title'],
    [{ title: 'X', url: 'javascript:alert(1)' }, 'input.url'],
    [{ title: 'X', url: 'ftp://files.example' }, 'input.url'],
    [{ title: 'X', url: 'https://a.example', order: -1 }, 'input.order'],
    [{ linkId: 'bad id!', title: 'X', url: 'https://a.example' }, 'input.linkId'],
  ])('%j is a BadRequest naming %s, and nothing is written', async (input, field) => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(SAVE_LINK, { input }, asUser());

    expectBadRequest(res, 'saveLink', field);
    expect(await snapshot(user.sub, name)).toEqual(before);
  });

  it.each([
    ['a missing input argument', 'mutation { saveLink { linkId } }', 'MissingFieldArgument'],
    [
      'an input without its required title',
      'mutation { saveLink(input: { url: "https://a.example" }) { linkId } }',
      'WrongType',
    ],
    [
      'a string where an Int belongs',
      'mutation { saveLink(input: { title: "t", url: "https://a.example", order: "1" }) { linkId } }',
      'WrongType',
    ],
  ])('%s is a GraphQL validation error without errorType, and nothing is written', async (_case, query, kind) => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(query, {}, asUser());

    expectValidationError(res, kind);
    expect(await snapshot(user.sub, name)).toEqual(before);
  });

  it('an update of a link that does not exist is NotFound and creates nothing', async () => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(
      SAVE_LINK,
      { input: { linkId: randomUUID(), title: 'Ghost', url: 'https://ghost.example' } },
      asUser(),
    );

    expect(res.body.errors?.[0]).toMatchObject({ path: ['saveLink'], errorType: 'NotFound' });
    expect(await snapshot(user.sub, name)).toEqual(before);
  });
});

describe('deleteLink with bad input', () => {
  it.each([
    ['a missing linkId', 'mutation { deleteLink { linkId } }', 'MissingFieldArgument'],
    ['a null linkId', 'mutation { deleteLink(linkId: null) { linkId } }', 'WrongType'],
  ])('%s is a GraphQL validation error without errorType, and nothing is written', async (_case, query, kind) => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(query, {}, asUser());

    expectValidationError(res, kind);
    expect(await snapshot(user.sub, name)).toEqual(before);
  });

  it.each([
    ['an unknown id', randomUUID(), 'NotFound'],
    ['a malformed id', 'bad id!', 'BadRequest'],
    ['an empty id', '', 'BadRequest'],
    ['an id longer than DynamoDB allows in a key', 'x'.repeat(1100), 'BadRequest'],
  ])('%s is %s naming linkId, and nothing is written', async (_case, id, errorType) => {
    const before = await snapshot(user.sub, name);

    const res = await api.post(DELETE_LINK, { id }, asUser());

    expect(res.body.data).toEqual({ deleteLink: null });
    expect(res.body.errors?.[0]).toMatchObject({ path: ['deleteLink'], errorType, errorInfo: { field: 'linkId' } });
    expect(await snapshot(user.sub, name)).toEqual(before);
    expect(before.links).toContainEqual(expect.objectContaining({ link_id: linkId, is_deleted: false }));
  });
});

describe('malformed HTTP bodies', () => {
  it('an empty body is a 400 MalformedHttpRequestException "Request body is empty."', async () => {
    const res = await api.postRaw('', { 'x-api-key': stack.apiKey });

    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }],
    });
  });

  it.each(['{}', 'meow', '[]'])(
    '%s is a 400 MalformedHttpRequestException "Unable to parse GraphQL query."',
    async (body) => {
      const res = await api.postRaw(body, { 'x-api-key': stack.apiKey });

      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }],
      });
    },
  );
});
