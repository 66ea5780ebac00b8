// One publishProfileEvent call with the function's IAM role. Subscribers receive only the fields
// the MUTATION selected (AppSync fans out the mutation's selection set), so it selects them all.
import type { ProfileEventInput } from '../../generated/graphql.ts';
import type { GraphqlClient } from '../lib/appsyncClient.ts';

/** The mutation the publisher sends: every ProfileEvent field selected. */
export const PUBLISH_PROFILE_EVENT_MUTATION = `mutation PublishProfileEvent($input: ProfileEventInput!) {
  publishProfileEvent(input: $input) { username kind renamedTo profile occurredAt }
}`;

/** Publishes `input`; rejects when AppSync answers with errors or a non-200 status. */
export async function publishEvent(graphql: GraphqlClient, input: ProfileEventInput): Promise<void> {
  const response = await graphql({
    query: PUBLISH_PROFILE_EVENT_MUTATION,
    variables: { input },
    auth: { mode: 'iam' },
  });
  if (response.status !== 200 || (response.errors?.length ?? 0) > 0) {
    const detail =
      response.errors?.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ') ?? 'no errors given';
    throw new Error(`publishProfileEvent failed with HTTP ${response.status}: ${detail}`);
  }
}
