// The whole real-time path on the running stack: an owner's save lands in DynamoDB, the table's
// stream runs the publisher Lambda, which calls publishProfileEvent with IAM, and a subscriber on
// the public WebSocket receives the PUBLIC view — never what the owner hid.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { subscribeToProfile } from '../../support/profileSubscriber.ts';
import { signUpUser } from '../../support/tokens.ts';

const stack = inject('localStack');
const gql = graphqlClient(stack.graphqlUrl);
describe('profile events over the real-time endpoint', () => {
  it('delivers an owner save as the public view, without hidden contact details or the birth date', async () => {
    const owner = await signUpUser(stack);
    const username = `rt${randomUUID().slice(0, 8)}`;
    await gql.post(
      'mutation S($input: ProfileInput!) { saveProfile(input: $input) { username } }',
      { input: { username, fullName: 'Realtime Ada' } },
      { authorization: owner.accessToken },
    );
    const subscriber = await subscribeToProfile(stack, username.toUpperCase());

    const saved = await gql.post(
      'mutation S($input: ProfileInput!) { saveProfile(input: $input) { username } }',
      {
        input: {
          title: 'Live',
          email: 'hidden@example.com',
          showEmail: false,
          phone: '+1 555 764 4377',
          showPhone: true,
          dateOfBirth: '1990-01-01',
        },
      },
      { authorization: owner.accessToken },
    );
    expect(saved.body.errors).toBeUndefined();

    // The claim's own event may still be in flight when the subscription starts: wait for this save's.
    const live = () => subscriber.events.find((e) => e.profile && JSON.parse(e.profile).title === 'Live');
    await expect.poll(live, { timeout: 15_000, interval: 100 }).toBeDefined();
    const event = live();
    subscriber.close();
    expect(event).toMatchObject({ username, kind: 'UPDATED', renamedTo: null });
    const profile = JSON.parse(String(event?.profile));
    expect(profile).toMatchObject({
      username,
      fullName: 'Realtime Ada',
      title: 'Live',
      email: null,
      phone: '+1 555 764 4377',
      dateOfBirth: null,
      isOwner: false,
    });
    expect(JSON.stringify(profile)).not.toContain('hidden@example.com');
    expect(JSON.stringify(profile)).not.toContain('1990-01-01');
    expect(profile).not.toHaveProperty('userId');
  });
});
