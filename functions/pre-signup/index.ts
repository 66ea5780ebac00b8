// Cognito PreSignUp trigger. A refusal is a thrown Error: Cognito answers the sign-up with
// "PreSignUp failed with error <message>." and creates no user, so messages are written for people.
// Unexpected failures are logged and refused with a generic message (lib/operationOutcome.ts).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { assertCognitoEvent } from '../lib/cognitoEvents.ts';
import type { PreSignUpEvent } from '../lib/cognitoEvents.ts';
import { readEnvironment } from '../lib/environment.ts';
import { runOperation } from '../lib/operationOutcome.ts';
import { createPowertools, withPowertools } from '../lib/powertools.ts';
import { checkRequestedUsername } from './checkUsername.ts';
import { cognitoDirectory } from './cognitoDirectory.ts';
import { linkToNativeAccount } from './linkExternalIdentity.ts';

const env = readEnvironment('pre-signup');
const tools = createPowertools('pre-signup');
const dynamodb = tools.tracer.captureAWSv3Client(new DynamoDBClient({}));
const directory = cognitoDirectory(tools.tracer.captureAWSv3Client(new CognitoIdentityProviderClient({})));

// A key lookup with a strong read: the name is free when no profile item has it (docs/architecture.md §3: no Scan).
async function isUsernameTaken(username: string): Promise<boolean> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: env.PROFILES_TABLE,
      Key: { username: { S: username } },
      ProjectionExpression: '#name',
      ExpressionAttributeNames: { '#name': 'username' },
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}

/** Validates and checks custom:username; links a federated sign-up to the native account with its email. */
export const handler = withPowertools(tools, (event: PreSignUpEvent) =>
  runOperation(
    tools,
    {
      operation: 'preSignUp',
      failureMessage: 'Sign-up is not possible right now; try again later.',
      failureMetric: 'TriggerFailures',
    },
    async () => {
      tools.logger.appendKeys({ triggerSource: event?.triggerSource });
      assertCognitoEvent(event);
      const attributes = event.request.userAttributes;
      const username = await checkRequestedUsername(attributes['custom:username'], isUsernameTaken);
      tools.logger.appendKeys({ username });
      if (event.triggerSource === 'PreSignUp_ExternalProvider') {
        const linkedTo = await linkToNativeAccount(directory, {
          userPoolId: event.userPoolId,
          userName: event.userName,
          email: attributes.email,
        });
        tools.logger.appendKeys({ linkedTo });
      }
      return event;
    },
  ),
);
