// AdminLinkProviderForUser, which cognito-local lacks, served on cognito-local's own endpoint
// (local/services/cognito/extraTargets.ts) so the pre-sign-up trigger calls it exactly as on AWS:
// the external identity is added to the destination user's `identities`, and later sign-ins
// through that provider with that id land on the destination user (its sub, its profile).
import type { CognitoLocalUserStore, ExtraCognitoTarget, StoredUser, StoredUserPool } from '../services/cognito.ts';
import type { IdentityProviderDefinition } from './federationDefinition.ts';
import { federatedUserName, identitiesOf, withIdentities } from './identities.ts';

// AWS: "The maximum number of federated identities linked to a user is five."
const MAX_LINKED_IDENTITIES = 5;

interface ProviderUser {
  ProviderName?: string;
  ProviderAttributeName?: string;
  ProviderAttributeValue?: string;
}

const awsError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** The AdminLinkProviderForUser operation for a pool whose identity providers are `providers`. */
export function adminLinkProviderForUser(
  providers: Pick<IdentityProviderDefinition, 'name' | 'type'>[],
  now: () => number = Date.now,
): ExtraCognitoTarget {
  return async (request, store) => {
    const destination = (request.DestinationUser ?? {}) as ProviderUser;
    const source = (request.SourceUser ?? {}) as ProviderUser;
    if (typeof request.UserPoolId !== 'string' || !destination.ProviderAttributeValue || !source.ProviderAttributeValue)
      throw awsError('InvalidParameterException', 'UserPoolId, DestinationUser and SourceUser are required.');
    // Provider names are matched exactly, as AWS does: "linkedin" is not the registered "LinkedIn".
    const provider = providers.find((candidate) => candidate.name === source.ProviderName);
    if (provider === undefined)
      throw awsError('InvalidParameterException', `The user pool has no identity provider ${source.ProviderName}.`);
    if (source.ProviderAttributeName !== 'Cognito_Subject')
      throw awsError('InvalidParameterException', 'Only ProviderAttributeName Cognito_Subject is supported locally.');
    if (destination.ProviderName !== 'Cognito')
      throw awsError('InvalidParameterException', 'Only a Cognito (native) DestinationUser is supported locally.');

    const pool = await poolOrNotFound(store, request.UserPoolId);
    const user = await pool.getUser(destination.ProviderAttributeValue);
    if (user === null) throw awsError('UserNotFoundException', 'User does not exist.');
    const userId = source.ProviderAttributeValue;
    if ((await pool.getUser(federatedUserName(provider.name, userId))) !== null) {
      throw awsError(
        'InvalidParameterException',
        'Merging is not currently supported, provide a SourceUser that has not been registered in the user pool.',
      );
    }
    const linkedTo = await findLinkedUser(pool, provider.name, userId);
    if (linkedTo !== null && linkedTo.Username !== user.Username)
      throw awsError('AliasExistsException', 'The external identity is already linked to another user.');
    if (linkedTo !== null) return {};
    const identities = identitiesOf(user);
    if (identities.length >= MAX_LINKED_IDENTITIES)
      throw awsError('LimitExceededException', 'A user can be linked to at most five external identities.');
    await pool.saveUser({
      ...user,
      Attributes: withIdentities(user, [
        ...identities,
        {
          userId,
          providerName: provider.name,
          providerType: provider.type,
          issuer: null,
          primary: false,
          dateCreated: now(),
        },
      ]),
      UserLastModifiedDate: new Date(now()),
    });
    return {};
  };
}

/** The user an external identity signs in as: one linked to it, or null. */
export async function findLinkedUser(
  pool: StoredUserPool,
  providerName: string,
  userId: string,
): Promise<StoredUser | null> {
  // A local pool is small; AWS keeps an index of linked identities.
  const users = await pool.listUsers();
  return (
    users.find((user) =>
      identitiesOf(user).some(
        (identity) => identity.providerName === providerName && identity.userId === userId && !identity.primary,
      ),
    ) ?? null
  );
}

async function poolOrNotFound(store: CognitoLocalUserStore, userPoolId: string): Promise<StoredUserPool> {
  try {
    return await store.userPool(userPoolId);
  } catch {
    throw awsError('ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
  }
}
