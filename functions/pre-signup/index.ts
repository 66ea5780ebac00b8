// Cognito PreSignUp trigger. A refusal is a thrown Error: Cognito answers the sign-up with
// "PreSignUp failed with error <message>." and creates no user, so messages are written for people.
// Unexpected failures are logged and refused with a generic message.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { assertCognitoEvent } from '../lib/cognitoEvents.ts';
import type { PreSignUpEvent } from '../lib/cognitoEvents.ts';
import { isDomainError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { checkRequestedUsername } from './checkUsername.ts';
import { cognitoDirectory } from './cognitoDirectory.ts';
import { linkToNativeAccount } from './linkExternalIdentity.ts';

const logger = createLogger('pre-signup');
const dynamodb = new DynamoDBClient({});
const directory = cognitoDirectory(new CognitoIdentityProviderClient({}));
const profilesTable = process.env.PROFILES_TABLE ?? '';

// A key lookup with a strong read: the name is free when no profile item has it (docs/architecture.md §3: no Scan).
async function isUsernameTaken(username: string): Promise<boolean> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: profilesTable,
      Key: { username: { S: username } },
      ProjectionExpression: '#name',
      ExpressionAttributeNames: { '#name': 'username' },
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}

/** Validates and checks custom:username; links a federated sign-up to the native account with its email. */
export async function handler(event: PreSignUpEvent): Promise<PreSignUpEvent> {
  const started = Date.now();
  const context = { operation: 'preSignUp', triggerSource: event?.triggerSource };
  try {
    assertCognitoEvent(event);
    const attributes = event.request.userAttributes;
    const username = await checkRequestedUsername(attributes['custom:username'], isUsernameTaken);
    let linkedTo: string | null = null;
    if (event.triggerSource === 'PreSignUp_ExternalProvider') {
      linkedTo = await linkToNativeAccount(directory, {
        userPoolId: event.userPoolId,
        userName: event.userName,
        email: attributes.email,
      });
    }
    logger.info('sign-up allowed', { ...context, outcome: 'ok', durationMs: Date.now() - started, username, linkedTo });
    return event;
  } catch (error) {
    if (isDomainError(error)) {
      logger.warn('sign-up refused', {
        ...context,
        outcome: error.errorType,
        durationMs: Date.now() - started,
        reason: error.message,
      });
      throw error;
    }
    logger.error('sign-up check failed', { ...context, outcome: 'error', durationMs: Date.now() - started, error });
    throw new Error('Sign-up is not possible right now; try again later.');
  }
}
