// Cognito PostConfirmation trigger: creates the users row and claims the chosen username
// (createAccount.ts). Acts only on PostConfirmation_ConfirmSignUp (not on a forgotten-password
// confirmation) and returns the event, as Cognito expects. A thrown error is reported to the
// confirming client as "PostConfirmation failed with error <message>."; the user stays confirmed
// in Cognito and, with no rows written, claims a name through saveProfile on first sign-in.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { assertCognitoEvent } from '../lib/cognitoEvents.ts';
import type { PostConfirmationEvent } from '../lib/cognitoEvents.ts';
import { readEnvironment } from '../lib/environment.ts';
import { runOperation } from '../lib/operationOutcome.ts';
import { createPowertools, MetricUnit, withPowertools } from '../lib/powertools.ts';
import { createAccount } from './createAccount.ts';
import { newAccount } from './newAccount.ts';

const env = readEnvironment('post-confirmation');
const tools = createPowertools('post-confirmation');
const dynamodb = tools.tracer.captureAWSv3Client(new DynamoDBClient({}));
const tables = { users: env.USERS_TABLE, profiles: env.PROFILES_TABLE };

/** Creates the confirmed user's account rows; a retried event changes nothing. */
export const handler = withPowertools(tools, (event: PostConfirmationEvent) =>
  runOperation(
    tools,
    {
      operation: 'postConfirmation',
      failureMessage: 'Your account could not be set up; try again later.',
      failureMetric: 'TriggerFailures',
    },
    async () => {
      tools.logger.appendKeys({ triggerSource: event?.triggerSource });
      assertCognitoEvent(event);
      if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
      const account = newAccount(event.request.userAttributes, new Date());
      const outcome = await createAccount(dynamodb, tables, account);
      tools.logger.appendKeys({ account: outcome, userId: account.user.user_id, username: account.user.username });
      if (outcome === 'created') tools.metrics.addMetric('SignUps', MetricUnit.Count, 1);
      return event;
    },
  ),
);
