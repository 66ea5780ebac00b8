// UserDirectory over the Cognito Identity Provider API.
import { AdminLinkProviderForUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DirectoryUser, UserDirectory } from './linkExternalIdentity.ts';

/** A UserDirectory backed by ListUsers (email filter, no paging: emails are unique per pool) and AdminLinkProviderForUser. */
export function cognitoDirectory(client: CognitoIdentityProviderClient): UserDirectory {
  return {
    async usersWithEmail(userPoolId, email) {
      const { Users = [] } = await client.send(
        new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${email}"`, Limit: 10 }),
      );
      return Users.map(
        (user): DirectoryUser => ({
          username: user.Username ?? '',
          status: user.UserStatus,
          attributes: Object.fromEntries(
            (user.Attributes ?? []).map((attribute) => [attribute.Name ?? '', attribute.Value ?? '']),
          ),
        }),
      );
    },
    async linkProviderUser(userPoolId, nativeUsername, provider) {
      await client.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: userPoolId,
          DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: nativeUsername },
          SourceUser: {
            ProviderName: provider.name,
            ProviderAttributeName: 'Cognito_Subject',
            ProviderAttributeValue: provider.userId,
          },
        }),
      );
    },
  };
}
