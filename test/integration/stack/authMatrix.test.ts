// Every operation × every kind of caller, over HTTP against the running local stack. Expected
// answers are AppSync's (docs/appsync-facts.md §5, §6): bad or missing credentials never reach
// GraphQL (HTTP 401 UnauthorizedException); a mode the field does not allow is a 200 with the
// field's "Unauthorized" error; a valid token of another user acts only on that user's data.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';
import type { GraphqlClient, GraphqlHttpResponse } from '../../support/graphqlClient.ts';
import { expiredCopy, foreignKeyCopy, signUpUser } from '../../support/tokens.ts';
import type { TestUser } from '../../support/tokens.ts';

type Caller =
  | 'no credentials'
  | 'bad API key'
  | 'API key'
  | 'IAM signature'
  | 'expired token'
  | 'token signed by another key'
  | 'valid token'
  | "other user's token";

type Operation = 'me' | 'myProfile' | 'profile' | 'usernameAvailable' | 'saveProfile' | 'saveLink' | 'deleteLink';

const stack = inject('localStack');
const suffix = randomUUID().slice(0, 8);
const ownerName = `owner-${suffix}`;
const otherName = `other-${suffix}`;

let api: GraphqlClient;
let owner: TestUser;
let other: TestUser;
let expired: string;
let forged: string;
// guardedLink: every refused or foreign attempt targets it, so it must survive unchanged.
// doomedLink: deleted by the owner's own token.
let guardedLink: string;
let doomedLink: string;

const OPERATIONS: Record<
  Operation,
  { type: 'Query' | 'Mutation'; query: string; variables: (caller: Caller) => Record<string, unknown> }
> = {
  me: { type: 'Query', query: 'query { me { userId username } }', variables: () => ({}) },
  myProfile: { type: 'Query', query: 'query { myProfile { username bio } }', variables: () => ({}) },
  profile: {
    type: 'Query',
    query: 'query P($u: String!) { profile(username: $u) { username email isOwner } }',
    variables: () => ({ u: ownerName }),
  },
  usernameAvailable: {
    type: 'Query',
    query: 'query A($u: String!) { usernameAvailable(username: $u) { username available reason } }',
    variables: () => ({ u: ownerName }),
  },
  saveProfile: {
    type: 'Mutation',
    query: 'mutation S($input: ProfileInput!) { saveProfile(input: $input) { username bio } }',
    variables: (caller) => ({ input: { bio: `written with ${caller}` } }),
  },
  saveLink: {
    type: 'Mutation',
    query: 'mutation L($input: LinkInput!) { saveLink(input: $input) { linkId title } }',
    variables: (caller) => ({
      input:
        caller === 'valid token'
          ? { title: 'Fresh', url: 'https://fresh.example' }
          : { linkId: guardedLink, title: 'Hijacked', url: 'https://evil.example' },
    }),
  },
  deleteLink: {
    type: 'Mutation',
    query: 'mutation D($id: ID!) { deleteLink(linkId: $id) { linkId isDeleted } }',
    variables: (caller) => ({ id: caller === 'valid token' ? doomedLink : guardedLink }),
  },
};

async function send(operation: Operation, caller: Caller): Promise<GraphqlHttpResponse> {
  const { query, variables } = OPERATIONS[operation];
  const vars = variables(caller);
  switch (caller) {
    case 'no credentials':
      return api.post(query, vars);
    case 'bad API key':
      return api.post(query, vars, { 'x-api-key': 'da2-thisisnotthekey0000000000' });
    case 'API key':
      return api.post(query, vars, { 'x-api-key': stack.apiKey });
    case 'IAM signature':
      return api.postSigned(query, vars);
    case 'expired token':
      return api.post(query, vars, { authorization: expired });
    case 'token signed by another key':
      return api.post(query, vars, { authorization: forged });
    case 'valid token':
      return api.post(query, vars, { authorization: owner.accessToken });
    case "other user's token":
      return api.post(query, vars, { authorization: other.accessToken });
  }
}

type Expectation = (res: GraphqlHttpResponse, operation: Operation) => void;

// AWS's recorded wording for a missing Authorization header or a forged JWT, and for a bad API
// key (docs/appsync-facts.md §5); the expired-token wording is not recorded from AWS, so only its shape is checked.
const rejected =
  (message?: string): Expectation =>
  (res) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(res.body).toEqual({
      errors: [{ errorType: 'UnauthorizedException', message: message ?? expect.any(String) }],
    });
  };

const fieldUnauthorized: Expectation = (res, operation) => {
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ [operation]: null });
  expect(res.body.errors).toEqual([
    expect.objectContaining({
      path: [operation],
      errorType: 'Unauthorized',
      message: `Not Authorized to access ${operation} on type ${OPERATIONS[operation].type}`,
    }),
  ]);
};

const answers =
  (check: (data: Record<string, unknown>) => void): Expectation =>
  (res, operation) => {
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    check(res.body.data[operation]);
  };

const fieldError =
  (errorType: string): Expectation =>
  (res, operation) => {
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ [operation]: null });
    expect(res.body.errors?.[0]).toMatchObject({ path: [operation], errorType });
  };

const PUBLIC_READS: Partial<Record<Operation, Expectation>> = {
  profile: answers((p) => expect(p).toEqual({ username: ownerName, email: null, isOwner: false })),
  usernameAvailable: answers((a) => expect(a).toEqual({ username: ownerName, available: false, reason: 'TAKEN' })),
};

const EXPECTED: Record<Caller, Partial<Record<Operation, Expectation>>> = {
  'no credentials': {},
  'bad API key': {},
  'expired token': {},
  'token signed by another key': {},
  'API key': PUBLIC_READS,
  'IAM signature': PUBLIC_READS,
  'valid token': {
    me: answers((me) => expect(me).toEqual({ userId: owner.sub, username: ownerName })),
    myProfile: answers((p) => expect(p).toMatchObject({ username: ownerName })),
    profile: answers((p) => expect(p).toEqual({ username: ownerName, email: 'owner@example.com', isOwner: true })),
    usernameAvailable: PUBLIC_READS.usernameAvailable,
    saveProfile: answers((p) => expect(p).toEqual({ username: ownerName, bio: 'written with valid token' })),
    saveLink: answers((l) => expect(l).toMatchObject({ title: 'Fresh' })),
    deleteLink: answers((l) => expect(l).toEqual({ linkId: doomedLink, isDeleted: true })),
  },
  "other user's token": {
    me: answers((me) => expect(me).toEqual({ userId: other.sub, username: otherName })),
    myProfile: answers((p) => expect(p).toMatchObject({ username: otherName })),
    profile: PUBLIC_READS.profile,
    usernameAvailable: PUBLIC_READS.usernameAvailable,
    saveProfile: answers((p) => expect(p).toEqual({ username: otherName, bio: "written with other user's token" })),
    saveLink: fieldError('NotFound'),
    deleteLink: fieldError('NotFound'),
  },
};

const REQUEST_REJECTIONS: Partial<Record<Caller, Expectation>> = {
  'no credentials': rejected('Valid authorization header not provided.'),
  'bad API key': rejected('You are not authorized to make this call.'),
  'expired token': rejected(),
  'token signed by another key': rejected('Valid authorization header not provided.'),
};

const CALLERS = Object.keys(EXPECTED) as Caller[];
const CASES = CALLERS.flatMap((caller) =>
  (Object.keys(OPERATIONS) as Operation[]).map((operation) => {
    const expectation = REQUEST_REJECTIONS[caller] ?? EXPECTED[caller][operation] ?? fieldUnauthorized;
    const outcome = REQUEST_REJECTIONS[caller]
      ? 'HTTP 401'
      : EXPECTED[caller][operation]
        ? 'allowed'
        : 'field Unauthorized';
    return { operation, caller, outcome, expectation };
  }),
);

beforeAll(async () => {
  api = graphqlClient(stack.graphqlUrl);
  [owner, other] = await Promise.all([signUpUser(stack), signUpUser(stack)]);
  [expired, forged] = await Promise.all([expiredCopy(owner.accessToken), foreignKeyCopy(owner.accessToken)]);
  const setup = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await api.post(query, variables, { authorization: token });
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };
  await setup(
    OPERATIONS.saveProfile.query,
    { input: { username: ownerName, email: 'owner@example.com', bio: 'original' } },
    owner.idToken,
  );
  await setup(OPERATIONS.saveProfile.query, { input: { username: otherName } }, other.accessToken);
  guardedLink = (
    await setup(
      OPERATIONS.saveLink.query,
      { input: { title: 'Guarded', url: 'https://guarded.example' } },
      owner.accessToken,
    )
  ).saveLink.linkId;
  doomedLink = (
    await setup(
      OPERATIONS.saveLink.query,
      { input: { title: 'Doomed', url: 'https://doomed.example' } },
      owner.accessToken,
    )
  ).saveLink.linkId;
});

describe('auth matrix over HTTP', () => {
  it.each(CASES)('$operation with $caller → $outcome', async ({ operation, caller, expectation }) => {
    const res = await send(operation, caller);

    expectation(res, operation);
  });

  it("no refused or foreign request changed the owner's profile or links", async () => {
    const res = await api.post(
      'query P($u: String!) { profile(username: $u) { bio links { linkId title url } } }',
      { u: ownerName },
      { authorization: owner.idToken },
    );

    expect(res.body.data.profile.bio).toBe('written with valid token');
    expect(res.body.data.profile.links).toContainEqual({
      linkId: guardedLink,
      title: 'Guarded',
      url: 'https://guarded.example',
    });
    expect(res.body.data.profile.links.map((l: { linkId: string }) => l.linkId)).not.toContain(doomedLink);
  });

  it('an IAM request signed with the wrong secret is refused before GraphQL runs', async () => {
    const res = await api.postSigned(
      OPERATIONS.profile.query,
      { u: ownerName },
      { accessKeyId: 'local', secretAccessKey: 'wrong' },
    );

    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].errorType).toBe('InvalidSignatureException');
  });
});
