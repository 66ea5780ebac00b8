// The seed's Profiles endpoints: GET /users/me, POST /profiles, GET /profiles/{username},
// GET /username/check.
import type { Context } from 'hono';
import type { GraphqlClient } from '../../lib/appsyncClient.ts';
import { HttpError } from '../httpErrors.ts';
import { toProfileInput } from '../mapping/profileRequest.ts';
import type { FullProfile, PublicProfile } from '../mapping/profileResponse.ts';
import { toFullProfileJson, toPublicProfileJson } from '../mapping/profileResponse.ts';
import { parseJsonObject } from '../mapping/requestBody.ts';
import type { UserFields } from '../mapping/userResponse.ts';
import { toUserJson } from '../mapping/userResponse.ts';
import { ME_QUERY, PUBLIC_PROFILE_QUERY, SAVE_PROFILE_MUTATION, USERNAME_AVAILABLE_QUERY } from '../operations.ts';
import { callerSub, publicAuth, requireToken } from '../requestAuth.ts';
import type { RestEnv } from '../restEnv.ts';
import { runOperation, runPublicOperation } from '../runOperation.ts';

/** GET /users/me: the caller's account status. */
export async function getMe(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'me');
  const user = await runOperation<UserFields>(graphql, { query: ME_QUERY, auth: requireToken(c) }, 'me');
  if (user === null) throw new HttpError(404, 'User not found');
  return c.json(toUserJson(user));
}

/** POST /profiles: claims, renames or partially updates the caller's profile. */
export async function saveProfile(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'saveProfile');
  const auth = requireToken(c);
  const input = toProfileInput(parseJsonObject(await c.req.text()));
  const profile = await runOperation<FullProfile>(
    graphql,
    { query: SAVE_PROFILE_MUTATION, variables: { input }, auth },
    'saveProfile',
  );
  if (profile === null) throw new Error('saveProfile returned no profile and no error.');
  return c.json({ message: 'Profile saved successfully', profile: toFullProfileJson(profile, callerSub(c)) });
}

/** GET /profiles/{username}: the public profile (the owner, when signed in, sees contact details). */
export async function getPublicProfile(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'profile');
  const variables = { username: c.req.param('username') };
  const profile = await runPublicOperation<PublicProfile>(
    graphql,
    { query: PUBLIC_PROFILE_QUERY, variables, auth: publicAuth(c) },
    'profile',
  );
  if (profile === null) throw new HttpError(404, 'Profile not found');
  return c.json(toPublicProfileJson(profile));
}

/** GET /username/check?username=: whether a name can be claimed. */
export async function checkUsername(c: Context<RestEnv>, graphql: GraphqlClient): Promise<Response> {
  c.set('operation', 'usernameAvailable');
  const username = c.req.query('username');
  if (username === undefined || username.trim() === '') throw new HttpError(400, 'Missing username parameter');
  const result = await runPublicOperation<{ username: string; available: boolean }>(
    graphql,
    { query: USERNAME_AVAILABLE_QUERY, variables: { username }, auth: publicAuth(c) },
    'usernameAvailable',
  );
  if (result === null) throw new Error('usernameAvailable returned null.');
  return c.json({ available: result.available, username: result.username });
}
