// Cognito PostConfirmation trigger: creates the users row and claims the chosen username
// (createAccount.ts). Acts only on PostConfirmation_ConfirmSignUp (not on a forgotten-password
// confirmation) and returns the event, as Cognito expects. A thrown error is reported to the
// confirming client as "PostConfirmation failed with error <message>."; the user stays confirmed
// in Cognito and, with no rows written, claims a name through saveProfile on first sign-in.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { assertCognitoEvent } from '../lib/cognitoEvents.ts';
import type { PostConfirmationEvent } from '../lib/cognitoEvents.ts';
import { isDomainError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { createAccount } from './createAccount.ts';
import { newAccount } from './newAccount.ts';

const logger = createLogger('post-confirmation');
const dynamodb = new DynamoDBClient({});
const tables = { users: process.env.USERS_TABLE ?? '', profiles: process.env.PROFILES_TABLE ?? '' };

/** Creates the confirmed user's account rows; a retried event changes nothing. */
export async function handler(event: PostConfirmationEvent): Promise<PostConfirmationEvent> {
  const started = Date.now();
  const context = { operation: 'postConfirmation', triggerSource: event?.triggerSource };
  try {
    assertCognitoEvent(event);
    if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') {
      logger.info('nothing to do', { ...context, outcome: 'skipped', durationMs: Date.now() - started });
      return event;
    }
    const account = newAccount(event.request.userAttributes, new Date());
    const outcome = await createAccount(dynamodb, tables, account);
    logger.info('account ready', {
      ...context,
      outcome,
      durationMs: Date.now() - started,
      userId: account.user.user_id,
      username: account.user.username,
    });
    return event;
  } catch (error) {
    if (isDomainError(error)) {
      logger.warn('account not created', {
        ...context,
        outcome: error.errorType,
        durationMs: Date.now() - started,
        reason: error.message,
      });
      throw error;
    }
    logger.error('account creation failed', { ...context, outcome: 'error', durationMs: Date.now() - started, error });
    throw new Error('Your account could not be set up; try again later.');
  }
}
