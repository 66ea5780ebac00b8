// One public profile with a handful of links, created the way a user would: a local Cognito user,
// then saveProfile and saveLink over HTTP.
import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCAL_PASSWORD, getLocalTokens } from '../local/index.ts';
import type { LocalOutputs } from '../local/index.ts';

/** The seeded profile's name and owner. */
export interface SeededProfile {
  username: string;
  userId: string;
  linkCount: number;
}

async function mutate(
  outputs: LocalOutputs,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const res = await fetch(outputs.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  if (res.status !== 200 || body.errors) throw new Error(`seeding failed: HTTP ${res.status} ${JSON.stringify(body)}`);
}

/** Creates a user, claims a username with a typical profile, and adds `linkCount` links. */
export async function seedProfile(outputs: LocalOutputs, linkCount = 5): Promise<SeededProfile> {
  const username = `bench-${randomUUID().slice(0, 8)}`;
  const tokens = await getLocalTokens({
    cognitoEndpoint: outputs.cognitoEndpoint,
    userPoolId: outputs.userPoolId,
    clientId: outputs.userPoolClientId,
    region: outputs.region,
    email: `${username}@example.com`,
    password: DEFAULT_LOCAL_PASSWORD,
  });
  await mutate(outputs, tokens.accessToken, 'mutation S($i: ProfileInput!) { saveProfile(input: $i) { username } }', {
    i: {
      username,
      fullName: 'Bench Mark',
      title: 'Load tester',
      bio: 'A profile read many times.',
      skills: ['graphql', 'dynamodb', 'appsync'],
      socialLinks: [{ platform: 'GitHub', url: 'https://github.com/bench' }],
      projects: [{ title: 'Bench', description: 'Measures things.', link: 'https://bench.example', techStack: ['ts'] }],
      email: `${username}@example.com`,
      showEmail: true,
    },
  });
  for (let i = 0; i < linkCount; i += 1) {
    await mutate(outputs, tokens.accessToken, 'mutation L($i: LinkInput!) { saveLink(input: $i) { linkId } }', {
      i: { title: `Link ${i}`, url: `https://link${i}.example`, order: linkCount - i },
    });
  }
  return { username, userId: tokens.sub, linkCount };
}
