import { describe, expect, it } from 'vitest';
import { toLinkInput, toLinkJson } from '../../../../functions/rest/mapping/linkMapping.ts';
import { toProfileInput } from '../../../../functions/rest/mapping/profileRequest.ts';
import { toFullProfileJson, toPublicProfileJson } from '../../../../functions/rest/mapping/profileResponse.ts';
import type { FullProfile, PublicProfile } from '../../../../functions/rest/mapping/profileResponse.ts';
import { parseJsonObject } from '../../../../functions/rest/mapping/requestBody.ts';
import {
  CONTENT_LENGTH_REQUIRED,
  toUploadInput,
  toUploadJson,
} from '../../../../functions/rest/mapping/uploadMapping.ts';
import { toUserJson } from '../../../../functions/rest/mapping/userResponse.ts';
import { HttpError } from '../../../../functions/rest/httpErrors.ts';

// The seed's POST /profiles request body, field for field (docs/rest-contract.md "POST /profiles").
const SEED_PROFILE_BODY = {
  username: 'ada',
  full_name: 'Ada Lovelace',
  title: 'Analyst',
  bio: 'First programmer.',
  skills: ['math', 'poetry'],
  social_links: { linkedin: 'https://linkedin.com/in/ada', github: 'https://github.com/ada', twitter: '' },
  projects: [
    {
      id: 'p1',
      title: 'Engine notes',
      description: 'Note G',
      link: 'https://example.com/g',
      image_url: 'https://evil.example.com/x.png',
      image_key: 'users/sub-1/projects/a.png',
      tech_stack: ['brass'],
      order: 1,
    },
  ],
  profile_image_url: 'https://evil.example.com/avatar.png',
  avatar_key: 'users/sub-1/profile/a.png',
  resume_url: 'https://evil.example.com/cv.pdf',
  resume_key: 'users/sub-1/resume/cv.pdf',
  email: 'ada@example.com',
  phone: '+441234',
  show_email: true,
  show_phone: false,
  show_resume: true,
  date_of_birth: '1815-12-10',
};

const GRAPHQL_PROFILE: FullProfile & PublicProfile = {
  username: 'ada',
  fullName: 'Ada Lovelace',
  title: 'Analyst',
  bio: 'First programmer.',
  skills: ['math'],
  socialLinks: [
    { platform: 'github', url: 'https://github.com/ada' },
    { platform: 'linkedin', url: 'https://linkedin.com/in/ada' },
  ],
  projects: [
    {
      id: 'p1',
      title: 'Engine notes',
      description: null,
      link: 'https://example.com/g',
      imageKey: 'users/sub-1/projects/a.png',
      imageUrl: 'https://b.s3.amazonaws.com/users/sub-1/projects/a.png',
      techStack: ['brass'],
      order: 1,
    },
  ],
  avatarKey: 'users/sub-1/profile/a.png',
  avatarUrl: 'https://b.s3.amazonaws.com/users/sub-1/profile/a.png',
  profileImageUrl: 'https://b.s3.amazonaws.com/users/sub-1/profile/a.png',
  resumeKey: null,
  resumeUrl: null,
  email: null,
  phone: null,
  showEmail: false,
  showPhone: false,
  showResume: false,
  favoriteColor: 'purple',
  dateOfBirth: null,
  isOwner: false,
  links: [{ title: 'Blog', url: 'https://ada.example.com' }],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
};

describe('POST /profiles body → ProfileInput', () => {
  it('maps every seed field to its camelCase input, social links to a list, and drops client-sent URLs', () => {
    expect(toProfileInput(SEED_PROFILE_BODY)).toEqual({
      username: 'ada',
      fullName: 'Ada Lovelace',
      title: 'Analyst',
      bio: 'First programmer.',
      skills: ['math', 'poetry'],
      socialLinks: [
        { platform: 'linkedin', url: 'https://linkedin.com/in/ada' },
        { platform: 'github', url: 'https://github.com/ada' },
      ],
      projects: [
        {
          id: 'p1',
          title: 'Engine notes',
          description: 'Note G',
          link: 'https://example.com/g',
          imageKey: 'users/sub-1/projects/a.png',
          techStack: ['brass'],
          order: 1,
        },
      ],
      avatarKey: 'users/sub-1/profile/a.png',
      resumeKey: 'users/sub-1/resume/cv.pdf',
      email: 'ada@example.com',
      phone: '+441234',
      showEmail: true,
      showPhone: false,
      showResume: true,
      dateOfBirth: '1815-12-10',
    });
  });

  it('sends only the keys present, and explicit nulls as nulls (partial update, null clears)', () => {
    expect(toProfileInput({ username: 'ada', bio: null, favorite_color: 'teal', social_links: null })).toEqual({
      username: 'ada',
      bio: null,
      favoriteColor: 'teal',
      socialLinks: null,
    });
  });

  it("refuses a body without username with the seed's 400", () => {
    for (const body of [{}, { username: '' }, { username: '  ' }, { username: null, full_name: 'Ada' }]) {
      expect(() => toProfileInput(body)).toThrow(new HttpError(400, 'Missing required fields (username)'));
    }
  });

  it('refuses social_links that are not a platform map, and projects that are not a list of objects', () => {
    expect(() => toProfileInput({ username: 'ada', social_links: ['x'] })).toThrow(/social_links/);
    expect(() => toProfileInput({ username: 'ada', projects: {} })).toThrow(/projects must be an array/);
    expect(() => toProfileInput({ username: 'ada', projects: ['x'] })).toThrow(/projects\[0\]/);
  });
});

describe("Profile → the seed's profile JSON", () => {
  it('gives the owner the full profile in snake_case, social links as a platform map', () => {
    const json = toFullProfileJson(
      { ...GRAPHQL_PROFILE, email: 'ada@example.com', dateOfBirth: '1815-12-10' },
      'sub-1',
    );
    expect(json).toEqual({
      username: 'ada',
      user_id: 'sub-1',
      full_name: 'Ada Lovelace',
      title: 'Analyst',
      bio: 'First programmer.',
      skills: ['math'],
      social_links: { github: 'https://github.com/ada', linkedin: 'https://linkedin.com/in/ada' },
      projects: [
        {
          id: 'p1',
          title: 'Engine notes',
          description: null,
          link: 'https://example.com/g',
          image_url: 'https://b.s3.amazonaws.com/users/sub-1/projects/a.png',
          image_key: 'users/sub-1/projects/a.png',
          tech_stack: ['brass'],
          order: 1,
        },
      ],
      profile_image_url: 'https://b.s3.amazonaws.com/users/sub-1/profile/a.png',
      avatar_url: 'https://b.s3.amazonaws.com/users/sub-1/profile/a.png',
      avatar_key: 'users/sub-1/profile/a.png',
      resume_url: null,
      resume_key: null,
      email: 'ada@example.com',
      phone: null,
      show_email: false,
      show_phone: false,
      show_resume: false,
      favorite_color: 'purple',
      date_of_birth: '1815-12-10',
      links: [{ title: 'Blog', url: 'https://ada.example.com' }],
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-02T00:00:00.000Z',
    });
  });

  it("gives the public exactly the seed's public keys, without email/phone when hidden and without image keys", () => {
    const json = toPublicProfileJson(GRAPHQL_PROFILE);
    expect(Object.keys(json)).toEqual([
      'username',
      'full_name',
      'title',
      'bio',
      'skills',
      'social_links',
      'projects',
      'profile_image_url',
      'avatar_url',
      'resume_url',
      'links',
      'show_email',
      'show_phone',
      'show_resume',
    ]);
    expect((json.projects as object[])[0]).not.toHaveProperty('image_key');
  });

  it('includes email and phone when shown, and for the owner whatever the flags', () => {
    expect(toPublicProfileJson({ ...GRAPHQL_PROFILE, showEmail: true, email: 'ada@example.com' })).toMatchObject({
      email: 'ada@example.com',
    });
    expect(toPublicProfileJson({ ...GRAPHQL_PROFILE, showEmail: true, email: 'ada@example.com' })).not.toHaveProperty(
      'phone',
    );
    expect(toPublicProfileJson({ ...GRAPHQL_PROFILE, isOwner: true, email: 'a@x.com', phone: '+1' })).toMatchObject({
      email: 'a@x.com',
      phone: '+1',
      show_email: false,
      show_phone: false,
    });
  });

  it('keeps a platform named __proto__ as data', () => {
    const json = toPublicProfileJson({
      ...GRAPHQL_PROFILE,
      socialLinks: [{ platform: '__proto__', url: 'https://x.example.com' }],
    });
    expect(JSON.parse(JSON.stringify(json)).social_links).toEqual(JSON.parse('{"__proto__":"https://x.example.com"}'));
  });
});

describe('User → GET /users/me JSON', () => {
  it("answers the seed's six fields, fullname in one word", () => {
    expect(
      toUserJson({
        userId: 'sub-1',
        username: 'ada',
        email: 'ada@example.com',
        profileComplete: true,
        dateOfBirth: null,
        fullName: 'Ada',
      }),
    ).toEqual({
      user_id: 'sub-1',
      username: 'ada',
      email: 'ada@example.com',
      profile_complete: true,
      date_of_birth: null,
      fullname: 'Ada',
    });
  });
});

describe('POST /links ⇄ saveLink', () => {
  it("maps the seed body and answers the seed's link JSON with the caller as user_id", () => {
    expect(toLinkInput({ link_id: 'l1', title: 'Blog', url: 'https://ada.example.com', order: 2 })).toEqual({
      linkId: 'l1',
      title: 'Blog',
      url: 'https://ada.example.com',
      order: 2,
    });
    expect(toLinkInput({ title: 'Blog', url: 'https://ada.example.com', link_id: null })).toEqual({
      title: 'Blog',
      url: 'https://ada.example.com',
    });
    expect(
      toLinkJson(
        {
          linkId: 'l1',
          title: 'Blog',
          url: 'https://a.example.com',
          order: 0,
          isDeleted: false,
          createdAt: 'c',
          updatedAt: 'u',
        },
        'sub-1',
      ),
    ).toEqual({
      user_id: 'sub-1',
      link_id: 'l1',
      title: 'Blog',
      url: 'https://a.example.com',
      order: 0,
      is_deleted: false,
      created_at: 'c',
      updated_at: 'u',
    });
  });

  it('refuses a link without title or url, naming what is missing', () => {
    expect(() => toLinkInput({ url: 'https://a.example.com' })).toThrow(
      new HttpError(400, 'Missing required fields (title)'),
    );
    expect(() => toLinkInput({})).toThrow(new HttpError(400, 'Missing required fields (title, url)'));
  });
});

describe('POST /upload-url ⇄ createUploadUrl', () => {
  it("maps the seed body plus content_length, and answers the seed's four fields plus headers and expiry", () => {
    expect(
      toUploadInput({
        file_type: 'profile_image',
        content_type: 'image/png',
        file_extension: '.png',
        content_length: 1234,
      }),
    ).toEqual({ fileType: 'profile_image', contentType: 'image/png', fileExtension: '.png', contentLength: 1234 });
    expect(
      toUploadInput({ file_type: 'resume', content_type: 'application/pdf', content_length: '99' }).contentLength,
    ).toBe(99);
    expect(
      toUploadJson({
        uploadUrl: 'https://s3/put',
        key: 'users/s/profile/k.png',
        url: 'https://b/k.png',
        contentType: 'image/png',
        contentLength: 1234,
        expiresAt: '2025-01-01T00:05:00.000Z',
        headers: [
          { name: 'Content-Type', value: 'image/png' },
          { name: 'Content-Length', value: '1234' },
        ],
      }),
    ).toEqual({
      upload_url: 'https://s3/put',
      key: 'users/s/profile/k.png',
      url: 'https://b/k.png',
      content_type: 'image/png',
      content_length: 1234,
      expires_at: '2025-01-01T00:05:00.000Z',
      headers: { 'Content-Type': 'image/png', 'Content-Length': '1234' },
    });
  });

  it('refuses a body without content_length with the documented message', () => {
    expect(() => toUploadInput({ file_type: 'resume', content_type: 'application/pdf' })).toThrow(
      new HttpError(400, CONTENT_LENGTH_REQUIRED),
    );
    expect(() => toUploadInput({ content_type: 'application/pdf', content_length: 1 })).toThrow(/file_type/);
  });
});

describe('request bodies', () => {
  it('accepts a JSON object and refuses invalid JSON, arrays, scalars and empty bodies with 400', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    for (const text of ['{', '[]', '"x"', 'null', '', '42']) {
      expect(() => parseJsonObject(text)).toThrow(HttpError);
    }
  });
});
