// The field table (resolvers/lib/profileFields.ts) against schema.graphql, and against the code it
// drives: a Profile or ProfileInput field the table lacks, or a row the schema lacks, fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, getNullableType, isInputObjectType, isListType, isObjectType } from 'graphql';
import type { GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toProfileInput } from '../../../functions/rest/mapping/profileRequest.ts';
import { initialProfileAttributes, PROFILE_FIELDS, PROJECT_FIELDS } from '../../../resolvers/lib/profileFields.ts';
import type { ProfileField } from '../../../resolvers/lib/profileFields.ts';
import { planProfileUpdate } from '../../../resolvers/lib/profileInput.ts';
import { toProfile } from '../../../resolvers/lib/profileView.ts';
import { buildAppSyncSchema } from '../../../local/index.ts';

const schema = buildAppSyncSchema(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));

function objectType(name: string): GraphQLObjectType {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`schema.graphql has no type ${name}`);
  return type;
}

function inputType(name: string): GraphQLInputObjectType {
  const type = schema.getType(name);
  if (!isInputObjectType(type)) throw new Error(`schema.graphql has no input ${name}`);
  return type;
}

const rows = Object.entries(PROFILE_FIELDS) as [string, ProfileField][];
const inputRows = rows.filter(([, field]) => field.input !== null);
const sorted = (names: Iterable<string>) => [...names].sort();

describe('the profile field table', () => {
  it('has one row per Profile field, and no row the schema lacks', () => {
    expect(sorted(rows.map(([name]) => name))).toEqual(sorted(Object.keys(objectType('Profile').getFields())));
  });

  it('gives an input rule to exactly the ProfileInput fields', () => {
    expect(sorted(inputRows.map(([name]) => name))).toEqual(sorted(Object.keys(inputType('ProfileInput').getFields())));
  });

  it('has one row per Project field, marking exactly the ProjectInput fields as input', () => {
    const projectRows = Object.entries(PROJECT_FIELDS);
    expect(sorted(projectRows.map(([name]) => name))).toEqual(sorted(Object.keys(objectType('Project').getFields())));
    expect(sorted(projectRows.filter(([, field]) => field.input).map(([name]) => name))).toEqual(
      sorted(Object.keys(inputType('ProjectInput').getFields())),
    );
  });

  it('names stored attributes and REST keys in snake_case', () => {
    const names = rows.flatMap(([, field]) => [field.stored, field.rest, ...(field.read ?? []), ...(field.urls ?? [])]);
    const projectNames = Object.values(PROJECT_FIELDS).flatMap((field) => [field.stored, field.rest]);
    expect([...names, ...projectNames].filter((name) => name !== null && !/^[a-z][a-z0-9_]*$/.test(name))).toEqual([]);
  });

  it('agrees with the schema on value kinds: flags are Boolean!, lists are lists, text and dates are scalars', () => {
    const profile = objectType('Profile').getFields();
    const mismatches = rows.filter(([name, field]) => {
      const type = profile[name].type;
      if (field.kind === 'flag' || field.kind === 'isOwner') return String(type) !== 'Boolean!';
      if (field.kind === 'text') return isListType(getNullableType(type)) || getNamedType(type).name !== 'String';
      if (field.kind === 'dateTime')
        return isListType(getNullableType(type)) || getNamedType(type).name !== 'AWSDateTime';
      return !isListType(getNullableType(type));
    });
    expect(mismatches.map(([name]) => name)).toEqual([]);
  });

  it('makes a field shown-if only on one of the show* flags, and starts new rows with those flags off', () => {
    const flags = rows.filter(([, field]) => typeof field.visibility === 'object');
    expect(
      flags.map(([, field]) => PROFILE_FIELDS[(field.visibility as { shownIf: 'showEmail' }).shownIf].kind),
    ).toEqual(flags.map(() => 'flag'));
    expect(initialProfileAttributes()).toEqual({ show_email: false, show_phone: false, show_resume: false });
  });
});

describe('what the field table drives', () => {
  // One stored profile with a value in every stored attribute.
  const item: Record<string, unknown> = {
    user_id: 'owner',
    username: 'ada',
    full_name: 'Ada',
    title: 'Analyst',
    bio: 'Bio',
    skills: ['math'],
    social_links: { github: 'https://g.example/ada' },
    projects: [{ id: 'p1', title: 'P', tech_stack: [] }],
    avatar_key: 'users/owner/profile/a.png',
    avatar_url: 'https://a/a.png',
    profile_image_url: 'https://a/a.png',
    resume_key: 'users/owner/resume/r.pdf',
    resume_url: 'https://a/r.pdf',
    email: 'ada@example.com',
    phone: '+1 555',
    show_email: false,
    show_phone: false,
    show_resume: false,
    favorite_color: 'teal',
    date_of_birth: '1990-01-01',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };

  it('the view shows a stranger exactly the public fields, and the owner every one', () => {
    const stranger = toProfile(item, 'someone-else') as Record<string, unknown>;
    const owner = toProfile(item, 'owner') as Record<string, unknown>;
    const storedRows = rows.filter(([, field]) => field.stored !== null);

    const hidden = storedRows.filter(([name]) => stranger[name] === null).map(([name]) => name);
    expect(sorted(hidden)).toEqual(
      sorted(storedRows.filter(([, field]) => field.visibility !== 'public').map(([name]) => name)),
    );
    expect(storedRows.filter(([name]) => owner[name] === null || owner[name] === undefined)).toEqual([]);
  });

  it('the input rules clear every input field given null (the username, never cleared, aside)', () => {
    for (const [name, field] of inputRows.filter(([name]) => name !== 'username')) {
      const planned = planProfileUpdate(
        { [name]: null },
        {
          sub: 'owner',
          assetsBaseUrl: 'https://assets.example',
          today: '2026-01-01',
          projectIds: [],
        },
      );
      expect(planned.ok && planned.value.remove, name).toEqual([field.stored, ...(field.urls ?? [])]);
    }
  });

  it('the REST request mapping reads every input field from its REST key', () => {
    const body = Object.fromEntries(inputRows.map(([, field]) => [field.rest, null]));
    const input = toProfileInput({ ...body, username: 'ada' });
    expect(sorted(Object.keys(input))).toEqual(sorted(inputRows.map(([name]) => name)));
  });
});
