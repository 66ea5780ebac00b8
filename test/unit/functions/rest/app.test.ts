import { describe, expect, it } from 'vitest';
import { createRestApp } from '../../../../functions/rest/app.ts';
import { UNAVAILABLE_MESSAGE } from '../../../../functions/rest/graphqlErrors.ts';
import { REST_ROUTES, routeKey } from '../../../../functions/rest/routeTable.ts';
import type { GraphqlError, GraphqlRequest, GraphqlResponse } from '../../../../functions/lib/appsyncClient.ts';
import type { Logger } from '../../../../functions/lib/logger.ts';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0b2tlbi1zdWIifQ.sig'; // payload {"sub":"token-sub"}

/** A REST app whose AppSync answers `answer(request)`, recording every request and log line. */
function restApp(answer: (request: GraphqlRequest) => GraphqlResponse = () => ({ status: 200, data: {} })) {
  const calls: GraphqlRequest[] = [];
  const logs: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (message, fields) => logs.push({ level: 'INFO', message, fields }),
    warn: (message, fields) => logs.push({ level: 'WARN', message, fields }),
    error: (message, fields) => logs.push({ level: 'ERROR', message, fields }),
  };
  const app = createRestApp({
    graphql: async (request) => {
      calls.push(request);
      return answer(request);
    },
    logger,
  });
  const call = async (method: string, path: string, options: { body?: unknown; auth?: string; sub?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.auth) headers.authorization = options.auth;
    const body =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
    const env = options.sub
      ? { requestContext: { requestId: 'req-1', authorizer: { jwt: { claims: { sub: options.sub } } } } }
      : {};
    const response = await app.request(path, { method, headers, body }, env);
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, body: (await response.json()) as any, ...(retryAfter ? { retryAfter } : {}) };
  };
  return { call, calls, logs };
}

const LINK = {
  linkId: 'l1',
  title: 'Blog',
  url: 'https://ada.example.com',
  order: 0,
  isDeleted: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

/** AppSync's answer refusing the operation whose root field is `field`: data null, these errors. */
function refusing(field: string, ...errors: GraphqlError[]): () => GraphqlResponse {
  return () => ({ status: 200, data: { [field]: null }, errors });
}

describe('GET /users/me', () => {
  it("asks `me` with the caller's token and answers the seed's account JSON", async () => {
    const { call, calls } = restApp(() => ({
      status: 200,
      data: {
        me: {
          userId: 's1',
          username: 'ada',
          email: 'a@x.com',
          profileComplete: true,
          dateOfBirth: null,
          fullName: 'Ada',
        },
      },
    }));
    const response = await call('GET', '/users/me', { auth: `Bearer ${TOKEN}` });
    expect(response).toEqual({
      status: 200,
      body: {
        user_id: 's1',
        username: 'ada',
        email: 'a@x.com',
        profile_complete: true,
        fullname: 'Ada',
      },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].query).toMatch(/^query RestMe \{\s+me \{/);
    expect(calls[0].auth).toEqual({ mode: 'token', authorization: `Bearer ${TOKEN}` });
  });

  it('is 404 when the account does not exist yet (me is null)', async () => {
    const { call } = restApp(() => ({ status: 200, data: { me: null } }));
    expect(await call('GET', '/users/me', { auth: TOKEN })).toEqual({
      status: 404,
      body: { error: 'Not Found', message: 'User not found' },
    });
  });

  it('is 401 without a token, and makes no GraphQL call', async () => {
    const { call, calls } = restApp();
    expect((await call('GET', '/users/me')).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('is 401 when AppSync refuses the token', async () => {
    const { call } = restApp(() => ({
      status: 401,
      errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }],
    }));
    expect(await call('GET', '/users/me', { auth: TOKEN })).toEqual({
      status: 401,
      body: { error: 'Unauthorized', message: 'Token has expired.' },
    });
  });
});

describe('POST /profiles', () => {
  const SAVED = {
    username: 'ada',
    fullName: 'Ada',
    title: null,
    bio: null,
    skills: [],
    socialLinks: [{ platform: 'github', url: 'https://github.com/ada' }],
    projects: [],
    avatarKey: null,
    avatarUrl: null,
    profileImageUrl: null,
    resumeKey: null,
    resumeUrl: null,
    email: 'a@x.com',
    phone: null,
    showEmail: false,
    showPhone: false,
    showResume: false,
    favoriteColor: null,
    dateOfBirth: null,
    isOwner: true,
    links: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };

  it("sends saveProfile with the mapped input and answers the seed's message and full profile", async () => {
    const { call, calls } = restApp(() => ({ status: 200, data: { saveProfile: SAVED } }));
    const response = await call('POST', '/profiles', {
      auth: TOKEN,
      sub: 'sub-1',
      body: {
        username: 'ada',
        full_name: 'Ada',
        social_links: { github: 'https://github.com/ada' },
        profile_image_url: 'https://evil',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.message).toBe('Profile saved successfully');
    expect(response.body.profile).toMatchObject({
      username: 'ada',
      user_id: 'sub-1',
      full_name: 'Ada',
      social_links: { github: 'https://github.com/ada' },
      email: 'a@x.com',
      show_email: false,
    });
    expect(calls[0].query).toMatch(/mutation RestSaveProfile\(\$input: ProfileInput!\)/);
    expect(calls[0].variables).toEqual({
      input: { username: 'ada', fullName: 'Ada', socialLinks: [{ platform: 'github', url: 'https://github.com/ada' }] },
    });
    expect(calls[0].auth).toEqual({ mode: 'token', authorization: TOKEN });
  });

  it('takes user_id from the token AppSync accepted when there is no authorizer context', async () => {
    const { call } = restApp(() => ({ status: 200, data: { saveProfile: SAVED } }));
    expect(
      (await call('POST', '/profiles', { auth: `Bearer ${TOKEN}`, body: { username: 'ada' } })).body.profile.user_id,
    ).toBe('token-sub');
  });

  it('is 400 without username, and makes no GraphQL call', async () => {
    const { call, calls } = restApp();
    expect(await call('POST', '/profiles', { auth: TOKEN, body: { full_name: 'Ada' } })).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'Missing required fields (username)' },
    });
    expect(calls).toEqual([]);
  });

  it('is 400 for a body that is not JSON, and makes no GraphQL call', async () => {
    const { call, calls } = restApp();
    expect(await call('POST', '/profiles', { auth: TOKEN, body: '{"username":' })).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'The request body is not valid JSON.' },
    });
    expect(calls).toEqual([]);
  });

  it("is 409 with the API's message when the username is taken, 400 for a resolver's BadRequest", async () => {
    const taken = restApp(
      refusing('saveProfile', { errorType: 'Conflict', message: 'Username ada is already taken.' }),
    );
    expect(await taken.call('POST', '/profiles', { auth: TOKEN, body: { username: 'ada' } })).toEqual({
      status: 409,
      body: { error: 'Conflict', message: 'Username ada is already taken.' },
    });
    const bad = restApp(
      refusing('saveProfile', {
        errorType: 'BadRequest',
        message: 'input.bio: must have at most 2000 characters',
        errorInfo: { field: 'input.bio' },
      }),
    );
    expect(await bad.call('POST', '/profiles', { auth: TOKEN, body: { username: 'ada', bio: 'x' } })).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'bio must have at most 2000 characters' },
    });
  });

  it('answers 500 with a generic message to an unexpected failure, and logs its cause', async () => {
    const { call, logs } = restApp(
      refusing('saveProfile', { errorType: 'DynamoDB:InternalServerError', message: 'table internals' }),
    );
    const response = await call('POST', '/profiles', { auth: TOKEN, body: { username: 'ada' } });
    expect(response.status).toBe(500);
    expect(response.body.error).toBe('Internal Server Error');
    expect(JSON.stringify(response.body)).not.toContain('table internals');
    const logged = logs.find((line) => line.level === 'ERROR');
    expect(logged?.fields).toMatchObject({ operation: 'saveProfile', path: '/profiles' });
    expect(String((logged?.fields?.error as Error).message)).toContain('table internals');
  });

  it('answers 500 when AppSync cannot be reached', async () => {
    const { call } = restApp(() => {
      throw new Error('ECONNREFUSED');
    });
    expect((await call('POST', '/profiles', { auth: TOKEN, body: { username: 'ada' } })).status).toBe(500);
  });

  it('answers 503 with Retry-After when DynamoDB is briefly unavailable, naming none of its internals', async () => {
    const { call } = restApp(
      refusing('saveProfile', {
        errorType: 'DynamoDB:DynamoDbException',
        message:
          'Service Unavailable: DynamoDB could not be reached (connect ECONNREFUSED 127.0.0.1:8000) (Service: DynamoDb, Status Code: 503, Request ID: null)',
      }),
    );
    const response = await call('POST', '/profiles', { auth: TOKEN, body: { username: 'ada' } });
    expect(response).toEqual({
      status: 503,
      body: { error: 'Service Unavailable', message: UNAVAILABLE_MESSAGE },
      retryAfter: '1',
    });
  });
});

describe('GET /profiles/{username}', () => {
  const PUBLIC = {
    username: 'ada',
    fullName: 'Ada',
    title: null,
    bio: null,
    skills: [],
    socialLinks: [],
    projects: [],
    profileImageUrl: null,
    avatarUrl: null,
    resumeUrl: null,
    email: null,
    phone: null,
    showEmail: false,
    showPhone: false,
    showResume: false,
    isOwner: false,
    links: [{ title: 'Blog', url: 'https://b' }],
  };

  it('without Authorization signs the public read with IAM and answers the public JSON without contact keys', async () => {
    const { call, calls } = restApp(() => ({ status: 200, data: { profile: PUBLIC } }));
    const response = await call('GET', '/profiles/ada');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      username: 'ada',
      full_name: 'Ada',
      links: [{ title: 'Blog', url: 'https://b' }],
      show_email: false,
    });
    expect(response.body).not.toHaveProperty('email');
    expect(calls[0]).toMatchObject({ variables: { username: 'ada' }, auth: { mode: 'iam' } });
    expect(calls[0].query).toMatch(/query RestPublicProfile\(\$username: String!\)/);
  });

  it('with Authorization forwards the token, so the owner sees their contact details', async () => {
    const { call, calls } = restApp(() => ({
      status: 200,
      data: { profile: { ...PUBLIC, isOwner: true, email: 'a@x.com' } },
    }));
    const response = await call('GET', '/profiles/ada', { auth: TOKEN });
    expect(response.body).toMatchObject({ email: 'a@x.com', phone: null });
    expect(calls[0].auth).toEqual({ mode: 'token', authorization: TOKEN });
  });

  it('falls back to the IAM public read when AppSync refuses the optional token', async () => {
    const { call, calls } = restApp((request) =>
      request.auth.mode === 'token'
        ? { status: 401, errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }] }
        : { status: 200, data: { profile: PUBLIC } },
    );
    expect((await call('GET', '/profiles/ada', { auth: TOKEN })).status).toBe(200);
    expect(calls.map((request) => request.auth.mode)).toEqual(['token', 'iam']);
  });

  it("answers 500, not 401, when AppSync refuses the function's own IAM role: the anonymous caller did nothing wrong", async () => {
    // A field-level IAM denial is HTTP 200 with errorType Unauthorized (docs/appsync-facts.md §5); here it is our policy's fault.
    const message = 'Not Authorized to access email on type Profile';
    const { call, logs } = restApp(
      refusing('profile', { path: ['profile', 'email'], errorType: 'Unauthorized', message }),
    );
    const response = await call('GET', '/profiles/ada');
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('Not Authorized');
    expect(String((logs.find((line) => line.level === 'ERROR')?.fields?.error as Error).message)).toContain(message);
  });

  it('is 404 for an unknown username', async () => {
    const { call } = restApp(() => ({ status: 200, data: { profile: null } }));
    expect(await call('GET', '/profiles/nobody')).toEqual({
      status: 404,
      body: { error: 'Not Found', message: 'Profile not found' },
    });
  });
});

describe('GET /username/check', () => {
  it('asks usernameAvailable with IAM and answers {available, username}', async () => {
    const { call, calls } = restApp(() => ({
      status: 200,
      data: { usernameAvailable: { username: 'ada', available: false } },
    }));
    expect(await call('GET', '/username/check?username=Ada')).toEqual({
      status: 200,
      body: { available: false, username: 'ada' },
    });
    expect(calls[0]).toMatchObject({ variables: { username: 'Ada' }, auth: { mode: 'iam' } });
  });

  it('is 400 without the username parameter, and makes no GraphQL call', async () => {
    const { call, calls } = restApp();
    expect(await call('GET', '/username/check')).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'Missing username parameter' },
    });
    expect((await call('GET', '/username/check?username=')).status).toBe(400);
    expect(calls).toEqual([]);
  });
});

describe('POST /links and DELETE /links/{id}', () => {
  it("saves a link and answers the seed's message and link, user_id from the authorizer claims", async () => {
    const { call, calls } = restApp(() => ({ status: 200, data: { saveLink: LINK } }));
    const response = await call('POST', '/links', {
      auth: TOKEN,
      sub: 'sub-1',
      body: { title: 'Blog', url: 'https://ada.example.com' },
    });
    expect(response).toEqual({
      status: 200,
      body: {
        message: 'Link saved successfully',
        link: {
          user_id: 'sub-1',
          link_id: 'l1',
          title: 'Blog',
          url: 'https://ada.example.com',
          order: 0,
          is_deleted: false,
          created_at: LINK.createdAt,
          updated_at: LINK.updatedAt,
        },
      },
    });
    expect(calls[0]).toMatchObject({
      variables: { input: { title: 'Blog', url: 'https://ada.example.com' } },
      auth: { mode: 'token', authorization: TOKEN },
    });
    expect(calls[0].query).toMatch(/mutation RestSaveLink/);
  });

  it('is 400 without title or url, and makes no GraphQL call', async () => {
    const { call, calls } = restApp();
    expect(await call('POST', '/links', { auth: TOKEN, body: { title: 'Blog' } })).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'Missing required fields (url)' },
    });
    expect(calls).toEqual([]);
  });

  it("deletes with deleteLink(linkId) and answers the seed's message; 404 when the link is not the caller's", async () => {
    const deleted = restApp(() => ({ status: 200, data: { deleteLink: { linkId: 'l1' } } }));
    expect(await deleted.call('DELETE', '/links/l1', { auth: TOKEN })).toEqual({
      status: 200,
      body: { message: 'Link deleted successfully' },
    });
    expect(deleted.calls[0]).toMatchObject({ variables: { linkId: 'l1' }, auth: { mode: 'token' } });
    const missing = restApp(refusing('deleteLink', { errorType: 'NotFound', message: 'No such link.' }));
    expect(await missing.call('DELETE', '/links/l2', { auth: TOKEN })).toEqual({
      status: 404,
      body: { error: 'Not Found', message: 'No such link.' },
    });
  });
});

describe('POST /upload-url', () => {
  it('asks createUploadUrl and answers upload_url, key, url and content_type', async () => {
    const upload = {
      uploadUrl: 'https://s3/put?sig',
      key: 'users/s/profile/k.png',
      url: 'https://b/k.png',
      contentType: 'image/png',
      contentLength: 10,
      expiresAt: '2025-01-01T00:05:00.000Z',
      headers: [{ name: 'Content-Type', value: 'image/png' }],
    };
    const { call, calls } = restApp(() => ({ status: 200, data: { createUploadUrl: upload } }));
    const response = await call('POST', '/upload-url', {
      auth: TOKEN,
      body: { file_type: 'profile_image', content_type: 'image/png', content_length: 10 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      upload_url: 'https://s3/put?sig',
      key: 'users/s/profile/k.png',
      url: 'https://b/k.png',
      content_type: 'image/png',
    });
    expect(calls[0].variables).toEqual({
      input: { fileType: 'profile_image', contentType: 'image/png', contentLength: 10 },
    });
  });

  it('is 400 without content_length, with the documented message, and makes no GraphQL call', async () => {
    const { call, calls } = restApp();
    expect(
      await call('POST', '/upload-url', {
        auth: TOKEN,
        body: { file_type: 'resume', content_type: 'application/pdf' },
      }),
    ).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'content_length is required: the upload size is part of the signature' },
    });
    expect(calls).toEqual([]);
  });

  it("is 400 for an invalid file_type in the seed's words, and makes no GraphQL call", async () => {
    const { call, calls } = restApp(() => ({ status: 200, data: null }));
    expect(
      await call('POST', '/upload-url', {
        auth: TOKEN,
        body: { file_type: 'video', content_type: 'video/mp4', content_length: 1 },
      }),
    ).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'file_type must be profile_image, project_image or resume' },
    });
    expect(calls).toHaveLength(0);
  });

  it("names the body's keys when the presigner refuses a value", async () => {
    const { call } = restApp(
      refusing('createUploadUrl', {
        errorType: 'BadRequest',
        message: 'input.contentLength must be between 1 and 5242880 bytes (5 MiB) for a profile_image.',
      }),
    );
    const body = { file_type: 'profile_image', content_type: 'image/png', content_length: 9_999_999 };
    expect(await call('POST', '/upload-url', { auth: TOKEN, body })).toEqual({
      status: 400,
      body: {
        error: 'Bad Request',
        message: 'content_length must be between 1 and 5242880 bytes (5 MiB) for a profile_image.',
      },
    });
  });
});

describe('every request', () => {
  it('is logged once with its operation, status and duration', async () => {
    const { call, logs } = restApp(() => ({
      status: 200,
      data: { usernameAvailable: { username: 'ada', available: true } },
    }));
    await call('GET', '/username/check?username=ada');
    expect(logs).toEqual([
      {
        level: 'INFO',
        message: 'request',
        fields: expect.objectContaining({
          operation: 'usernameAvailable',
          method: 'GET',
          status: 200,
          durationMs: expect.any(Number),
        }),
      },
    ]);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const { call } = restApp();
    expect(await call('GET', '/nope')).toEqual({
      status: 404,
      body: { error: 'Not Found', message: 'No route for GET /nope' },
    });
  });
});

describe('the route table', () => {
  // A concrete request path for a row: each {parameter} filled in.
  const samplePath = (path: string) => path.replace(/\{[^}]+\}/g, 'sample-1');

  it.each(REST_ROUTES.filter((route) => route.auth === 'jwt').map((route) => [routeKey(route), route]))(
    '%s is served and refuses a call without a token before any GraphQL',
    async (_key, route) => {
      const { call, calls } = restApp();
      expect(
        await call(route.method, samplePath(route.path), { body: route.method === 'GET' ? undefined : {} }),
      ).toEqual({
        status: 401,
        body: { error: 'Unauthorized', message: 'Missing Authorization header.' },
      });
      expect(calls).toEqual([]);
    },
  );

  it.each(REST_ROUTES.filter((route) => route.auth === 'public').map((route) => [routeKey(route), route]))(
    '%s is served without a token, read with IAM',
    async (_key, route) => {
      const { call, calls } = restApp();
      const response = await call(route.method, `${samplePath(route.path)}?username=ada`);
      expect(response.body.message ?? '').not.toMatch(/^No route/);
      expect(calls.map((request) => request.auth)).toEqual([{ mode: 'iam' }]);
    },
  );
});
