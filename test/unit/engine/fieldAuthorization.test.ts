import { buildSchema } from 'graphql';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authorizeField } from '../../../local/appsync/engine/fieldAuthorization.ts';
import type { AuthSettings } from '../../../local/appsync/engine/fieldAuthorization.ts';

const schema = buildSchema(`
  directive @aws_api_key on FIELD_DEFINITION | OBJECT
  directive @aws_cognito_user_pools(cognito_groups: [String!]) on FIELD_DEFINITION | OBJECT
  type Query { open: String  explicit: String @aws_cognito_user_pools  grouped: String @aws_cognito_user_pools(cognito_groups: "admin") }
`);
const query = schema.getQueryType() as GraphQLObjectType;
const field = (name: string) => query.getFields()[name]!;

describe('authorizeField', () => {
  const deny: AuthSettings = {
    defaultAuth: {
      mode: 'AMAZON_COGNITO_USER_POOLS',
      userPool: { userPoolId: 'p', awsRegion: 'us-east-1', defaultAction: 'DENY' },
    },
    additionalAuth: [],
  };

  it('with Cognito default action DENY, refuses fields that only the implicit default would allow', () => {
    const user = { authMode: 'AMAZON_COGNITO_USER_POOLS' as const, cognitoGroups: [] };
    expect(authorizeField(query, field('open'), user, deny)).toBe('Not Authorized to access open on type Query');
    expect(authorizeField(query, field('explicit'), user, deny)).toBeNull();
  });

  it('accepts a single-string cognito_groups argument as a one-element list', () => {
    const settings: AuthSettings = {
      defaultAuth: { mode: 'AMAZON_COGNITO_USER_POOLS' },
      additionalAuth: [{ mode: 'API_KEY' }],
    };
    expect(
      authorizeField(
        query,
        field('grouped'),
        { authMode: 'AMAZON_COGNITO_USER_POOLS', cognitoGroups: ['admin'] },
        settings,
      ),
    ).toBeNull();
    expect(
      authorizeField(
        query,
        field('grouped'),
        { authMode: 'AMAZON_COGNITO_USER_POOLS', cognitoGroups: ['staff'] },
        settings,
      ),
    ).not.toBeNull();
  });
});
