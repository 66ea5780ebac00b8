// The seed's REST contract (docs/rest-contract.md), endpoint
// by endpoint: paths, bodies, status codes and JSON shapes as the original documented them. The
// cases run against the local stack's HTTP API; every request goes through the same layers as on
// AWS (HTTP API routes, JWT authorizer, the REST shim Lambda, AppSync, DynamoDB).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { restClient } from '../support/restClient.ts';
import { signUpUser } from '../support/tokens.ts';
import type { TestUser } from '../support/tokens.ts';

const stack = inject('localStack');
const base = stack.restUrl as string;
const call = restClient(base);

const ERROR_BODY = { error: expect.any(String) };

let owner: TestUser;
let username: string;

beforeAll(async () => {
  owner = await signUpUser(stack);
  username = `c${randomUUID().slice(0, 8)}`;
});

describe('GET /username/check', () => {
  it('200 {available, username} for a free name', async () => {
    const name = `free${randomUUID().slice(0, 8)}`;
    expect(await call('GET', `/username/check?username=${name}`)).toEqual({
      status: 200,
      body: { available: true, username: name },
    });
  });

  it('400 when the username parameter is missing', async () => {
    expect(await call('GET', '/username/check')).toEqual({ status: 400, body: expect.objectContaining(ERROR_BODY) });
  });
});

describe('POST /profiles', () => {
  it('401 without a token', async () => {
    expect((await call('POST', '/profiles', { body: { username } })).status).toBe(401);
  });

  it('400 when username is missing', async () => {
    expect(await call('POST', '/profiles', { token: owner.accessToken, body: { full_name: 'No Name' } })).toEqual({
      status: 400,
      body: expect.objectContaining(ERROR_BODY),
    });
  });

  it('200 {message, profile} creating the profile, then keeps fields not sent', async () => {
    const created = await call('POST', '/profiles', {
      token: owner.accessToken,
      body: {
        username,
        full_name: 'Contract Ada',
        title: 'Engineer',
        bio: 'Bio',
        skills: ['ts', 'graphql'],
        social_links: { github: 'https://github.com/ada' },
        projects: [
          {
            id: 'p1',
            title: 'Engine',
            description: 'Analytical',
            link: 'https://engine.example',
            tech_stack: ['brass'],
            order: 1,
          },
        ],
        email: 'ada@example.com',
        phone: '+1 555 764 4377',
        show_email: true,
        show_phone: false,
        show_resume: false,
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      message: 'Profile saved successfully',
      profile: {
        username,
        full_name: 'Contract Ada',
        title: 'Engineer',
        bio: 'Bio',
        skills: ['ts', 'graphql'],
        social_links: { github: 'https://github.com/ada' },
        projects: [
          {
            id: 'p1',
            title: 'Engine',
            description: 'Analytical',
            link: 'https://engine.example',
            tech_stack: ['brass'],
            order: 1,
          },
        ],
        email: 'ada@example.com',
        phone: '+1 555 764 4377',
        show_email: true,
        show_phone: false,
        show_resume: false,
      },
    });

    const updated = await call('POST', '/profiles', {
      token: owner.accessToken,
      body: { username, title: 'Scientist' },
    });
    expect(updated.body.profile).toMatchObject({
      full_name: 'Contract Ada',
      title: 'Scientist',
      skills: ['ts', 'graphql'],
    });
  });

  it("400 in the body's own terms: snake_case keys and plain messages, never GraphQL's", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ username, bio: 'x'.repeat(2001) }, 'bio must have at most 2000 characters'],
      [{ username, full_name: 123 }, 'full_name must be a string'],
      [{ username, show_email: 'yes' }, 'show_email must be true or false'],
      [{ username, projects: [{ title: 'P', link: 'ftp://p.example' }] }, 'projects[0].link must be an http(s) URL'],
      [{ username, social_links: { github: 'ftp://g.example' } }, 'social_links.github must be an http(s) URL'],
    ];
    for (const [body, message] of cases) {
      expect(await call('POST', '/profiles', { token: owner.accessToken, body })).toEqual({
        status: 400,
        body: { error: 'Bad Request', message },
      });
    }
  });

  it('leaves unset fields out of the answer, as the seed did, but keeps email and phone', async () => {
    const fresh = await signUpUser(stack);
    const name = `u${randomUUID().slice(0, 8)}`;
    const res = await call('POST', '/profiles', {
      token: fresh.accessToken,
      body: { username: name, bio: 'Only a bio' },
    });
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ username: name, bio: 'Only a bio', email: null, phone: null });
    for (const key of ['full_name', 'title', 'avatar_url', 'profile_image_url', 'resume_url', 'date_of_birth']) {
      expect(res.body.profile).not.toHaveProperty(key);
    }
    const shown = await call('GET', `/profiles/${name}`);
    expect(shown.body).not.toHaveProperty('title');
    expect(shown.body).not.toHaveProperty('resume_url');
    expect(Object.values(shown.body)).not.toContain(null);
  });

  it('409 when the username belongs to someone else', async () => {
    const other = await signUpUser(stack);
    expect(await call('POST', '/profiles', { token: other.accessToken, body: { username } })).toEqual({
      status: 409,
      body: expect.objectContaining(ERROR_BODY),
    });
  });
});

describe('GET /profiles/{username}', () => {
  it('200 with the public shape: contact details only where shown', async () => {
    const res = await call('GET', `/profiles/${username}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username,
      full_name: 'Contract Ada',
      title: 'Scientist',
      bio: 'Bio',
      skills: ['ts', 'graphql'],
      social_links: { github: 'https://github.com/ada' },
      projects: [
        expect.objectContaining({
          id: 'p1',
          title: 'Engine',
          link: 'https://engine.example',
          tech_stack: ['brass'],
          order: 1,
        }),
      ],
      links: [],
      email: 'ada@example.com',
      show_email: true,
      show_phone: false,
      show_resume: false,
    });
    expect(res.body).not.toHaveProperty('phone');
    expect(res.body).not.toHaveProperty('date_of_birth');
  });

  it('shows the owner their own contact details regardless of the flags', async () => {
    const res = await call('GET', `/profiles/${username}`, { token: owner.accessToken });
    expect(res.body).toMatchObject({ phone: '+1 555 764 4377' });
  });

  it('404 for an unknown username', async () => {
    expect(await call('GET', `/profiles/nobody${randomUUID().slice(0, 8)}`)).toEqual({
      status: 404,
      body: expect.objectContaining(ERROR_BODY),
    });
  });
});

describe('GET /users/me', () => {
  it('200 with the account status', async () => {
    expect(await call('GET', '/users/me', { token: owner.accessToken })).toEqual({
      status: 200,
      body: expect.objectContaining({
        user_id: owner.sub,
        username,
        email: owner.email,
        profile_complete: true,
        fullname: 'Contract Ada',
      }),
    });
  });

  it('401 without a token', async () => {
    expect((await call('GET', '/users/me')).status).toBe(401);
  });
});

describe('POST /links and DELETE /links/{id}', () => {
  it('200 {message, link} with the stored link, listed on the public profile, then soft-deleted', async () => {
    const saved = await call('POST', '/links', {
      token: owner.accessToken,
      body: { title: 'GitHub', url: 'https://github.com/ada', order: 1 },
    });
    expect(saved).toEqual({
      status: 200,
      body: {
        message: 'Link saved successfully',
        link: {
          user_id: owner.sub,
          link_id: expect.any(String),
          title: 'GitHub',
          url: 'https://github.com/ada',
          order: 1,
          is_deleted: false,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
      },
    });
    expect((await call('GET', `/profiles/${username}`)).body.links).toEqual([
      { title: 'GitHub', url: 'https://github.com/ada' },
    ]);

    const deleted = await call('DELETE', `/links/${saved.body.link.link_id}`, { token: owner.accessToken });
    expect(deleted).toEqual({ status: 200, body: { message: 'Link deleted successfully' } });
    expect((await call('GET', `/profiles/${username}`)).body.links).toEqual([]);
  });

  it('creates a link under a new client-chosen link_id, then updates it under the same id', async () => {
    const linkId = `mine-${randomUUID().slice(0, 8)}`;
    const created = await call('POST', '/links', {
      token: owner.accessToken,
      body: { link_id: linkId, title: 'Chosen', url: 'https://chosen.example', order: 3 },
    });
    expect(created).toEqual({
      status: 200,
      body: {
        message: 'Link saved successfully',
        link: expect.objectContaining({
          user_id: owner.sub,
          link_id: linkId,
          title: 'Chosen',
          order: 3,
          is_deleted: false,
        }),
      },
    });
    const updated = await call('POST', '/links', {
      token: owner.accessToken,
      body: { link_id: linkId, title: 'Renamed', url: 'https://chosen.example' },
    });
    expect(updated.body.link).toMatchObject({
      link_id: linkId,
      title: 'Renamed',
      order: 3,
      created_at: created.body.link.created_at,
    });
    expect((await call('GET', `/profiles/${username}`)).body.links).toContainEqual({
      title: 'Renamed',
      url: 'https://chosen.example',
    });
    expect((await call('DELETE', `/links/${linkId}`, { token: owner.accessToken })).status).toBe(200);
  });

  it('400 for a link_id that cannot be an id, or a value of the wrong type, naming the key', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { link_id: 'bad id!', title: 'T', url: 'https://x.example' },
        'link_id: a link id has 1 to 64 letters, digits, "-" or "_"',
      ],
      [{ title: 5, url: 'https://x.example' }, 'title must be a string'],
      [{ title: 'T', url: 'https://x.example', order: 'first' }, 'order must be a whole number'],
      [{ title: 'T', url: 'javascript:alert(1)' }, 'url must be an http(s) URL'],
    ];
    for (const [body, message] of cases) {
      expect(await call('POST', '/links', { token: owner.accessToken, body })).toEqual({
        status: 400,
        body: { error: 'Bad Request', message },
      });
    }
  });

  it('400 when title or url is missing, 401 without a token, 404 deleting an unknown link', async () => {
    expect(
      (await call('POST', '/links', { token: owner.accessToken, body: { url: 'https://x.example' } })).status,
    ).toBe(400);
    expect((await call('POST', '/links', { body: { title: 'T', url: 'https://x.example' } })).status).toBe(401);
    expect(await call('DELETE', `/links/${randomUUID()}`, { token: owner.accessToken })).toEqual({
      status: 404,
      body: expect.objectContaining(ERROR_BODY),
    });
  });
});

describe('POST /upload-url', () => {
  it('200 {upload_url, key, url, content_type} under the caller prefix', async () => {
    const res = await call('POST', '/upload-url', {
      token: owner.accessToken,
      body: { file_type: 'profile_image', content_type: 'image/jpeg', file_extension: '.jpg', content_length: 2048 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      upload_url: expect.stringContaining('X-Amz-Signature='),
      key: expect.stringMatching(new RegExp(`^users/${owner.sub}/profile/.+\\.jpg$`)),
      url: expect.any(String),
      content_type: 'image/jpeg',
    });
  });

  it('400 for an invalid file_type or content_type, 401 without a token', async () => {
    expect(
      (
        await call('POST', '/upload-url', {
          token: owner.accessToken,
          body: { file_type: 'video', content_type: 'video/mp4', content_length: 10 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('POST', '/upload-url', {
          token: owner.accessToken,
          body: { file_type: 'resume', content_type: 'image/png', content_length: 10 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('POST', '/upload-url', {
          body: { file_type: 'resume', content_type: 'application/pdf', content_length: 10 },
        })
      ).status,
    ).toBe(401);
  });
});

describe('CORS', () => {
  it('answers a browser preflight from an allowed origin as the seed configures', async () => {
    const response = await fetch(`${base}/profiles`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
