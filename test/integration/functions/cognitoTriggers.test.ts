import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaRunner, ensureTables, localDynamoDbClient } from '../../../local/index.ts';
import type { LambdaRunner } from '../../../local/index.ts';
import { bundledFunction, LOCAL_AWS_ENV } from './bundledFunction.ts';

const POOL = 'local_Trigger01';

/** A Cognito trigger event as Cognito (and cognito-local) sends it. */
function triggerEvent(triggerSource: string, attributes: Record<string, string>) {
  return {
    version: '1',
    region: 'us-east-1',
    userPoolId: POOL,
    userName: attributes.sub ?? 'someone',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    triggerSource,
    request: { userAttributes: attributes, validationData: {} },
    response: triggerSource.startsWith('PreSignUp')
      ? { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false }
      : {},
  };
}

function newUser(username: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  const sub = randomUUID();
  return {
    sub,
    email: `${sub.slice(0, 8)}@example.com`,
    email_verified: 'true',
    ...(username === undefined ? {} : { 'custom:username': username }),
    ...extra,
  };
}

describe('Cognito triggers (bundled, against DynamoDB Local)', () => {
  let client: DynamoDBClient;
  let runner: LambdaRunner;
  const suffix = randomUUID().slice(0, 8);
  const tables = { users: `fn-users-${suffix}`, profiles: `fn-profiles-${suffix}` };

  const getItem = async (table: string, key: Record<string, AttributeValue>) =>
    (await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
  const userRow = (sub: string) => getItem(tables.users, { user_id: { S: sub } });
  const profileRow = (username: string) => getItem(tables.profiles, { username: { S: username } });
  const claim = (username: string, owner: string) =>
    client.send(
      new PutItemCommand({ TableName: tables.profiles, Item: { username: { S: username }, user_id: { S: owner } } }),
    );

  beforeAll(async () => {
    const endpoint = process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT;
    if (endpoint === undefined)
      throw new Error('PROLYNK_TEST_DYNAMODB_ENDPOINT is not set: run the tests through vitest (global setup).');
    client = localDynamoDbClient(endpoint);
    await ensureTables(client, [
      {
        TableName: tables.users,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'user_id', AttributeType: 'S' }],
      },
      {
        TableName: tables.profiles,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'username', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'username', AttributeType: 'S' }],
      },
    ]);
    runner = createLambdaRunner(
      [
        bundledFunction('PreSignUpFunction', 'pre-signup', { PROFILES_TABLE: tables.profiles }),
        bundledFunction('PostConfirmationFunction', 'post-confirmation', {
          USERS_TABLE: tables.users,
          PROFILES_TABLE: tables.profiles,
        }),
      ],
      {
        // The SDK's service-specific endpoint variable points the bundled clients at DynamoDB Local.
        envOverrides: { ...LOCAL_AWS_ENV, AWS_ENDPOINT_URL_DYNAMODB: endpoint },
      },
    );
  });
  afterAll(async () => {
    await runner?.close();
    client?.destroy();
  });

  describe('pre-sign-up', () => {
    it('lets a sign-up with a free, valid name through, returning the event unchanged', async () => {
      const event = triggerEvent('PreSignUp_SignUp', newUser(`free-${suffix}`));

      const outcome = await runner.invoke('PreSignUpFunction', event);

      expect(outcome).toEqual({ payload: event, initDurationMs: expect.any(Number) });
    });

    it('refuses a name a profile already holds, whatever its case, with a clear message', async () => {
      await claim(`taken-${suffix}`, randomUUID());

      const outcome = await runner.invoke(
        'PreSignUpFunction',
        triggerEvent('PreSignUp_SignUp', newUser(`Taken-${suffix.toUpperCase()}`)),
      );

      expect(outcome.error).toMatchObject({
        errorType: 'Conflict',
        errorMessage: `Username: "taken-${suffix}" is already taken; choose another.`,
      });
    });

    it.each([
      ['too short', 'ab', 'Username: A username has 3 to 30 characters.'],
      [
        'with spaces and symbols',
        'bad name!',
        'Username: A username may only contain lowercase letters, digits, "-" and "_".',
      ],
      ['reserved', 'admin', 'Username: "admin" is reserved.'],
    ])("refuses a name that is %s with the API's rule as the message", async (_case, username, message) => {
      const outcome = await runner.invoke('PreSignUpFunction', triggerEvent('PreSignUp_SignUp', newUser(username)));

      expect(outcome.error).toMatchObject({ errorType: 'BadRequest', errorMessage: message });
    });

    it('lets a sign-up without a username through (the name is claimed later with saveProfile)', async () => {
      const outcome = await runner.invoke('PreSignUpFunction', triggerEvent('PreSignUp_SignUp', newUser(undefined)));

      expect(outcome.error).toBeUndefined();
    });
  });

  describe('post-confirmation', () => {
    it('creates the users row and the profile claiming the name', async () => {
      const attributes = newUser(`Ada-${suffix}`, {
        'custom:date_of_birth': '1990-04-01',
        'custom:fullname': 'Ada Lovelace',
      });
      const event = triggerEvent('PostConfirmation_ConfirmSignUp', attributes);

      const outcome = await runner.invoke('PostConfirmationFunction', event);
      const user = await userRow(attributes.sub);
      const profile = await profileRow(`ada-${suffix}`);

      expect(outcome).toMatchObject({ payload: event });
      expect(user).toEqual({
        user_id: { S: attributes.sub },
        email: { S: attributes.email },
        username: { S: `ada-${suffix}` },
        profile_complete: { BOOL: false },
        date_of_birth: { S: '1990-04-01' },
        fullname: { S: 'Ada Lovelace' },
        created_at: { S: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        updated_at: user?.created_at,
      });
      expect(profile).toEqual({
        username: { S: `ada-${suffix}` },
        user_id: { S: attributes.sub },
        show_email: { BOOL: false },
        show_phone: { BOOL: false },
        show_resume: { BOOL: false },
        created_at: user?.created_at,
        updated_at: user?.created_at,
      });
    });

    it('leaves out a date of birth that is not a real past date', async () => {
      const attributes = newUser(`dob-${suffix}`, { 'custom:date_of_birth': '2999-02-30' });

      await runner.invoke('PostConfirmationFunction', triggerEvent('PostConfirmation_ConfirmSignUp', attributes));

      expect((await userRow(attributes.sub))?.date_of_birth).toBeUndefined();
    });

    it('changes nothing when Cognito delivers the same confirmation again', async () => {
      const attributes = newUser(`twice-${suffix}`);
      const event = triggerEvent('PostConfirmation_ConfirmSignUp', attributes);
      await runner.invoke('PostConfirmationFunction', event);
      const [userBefore, profileBefore] = [await userRow(attributes.sub), await profileRow(`twice-${suffix}`)];
      await new Promise((resolve) => setTimeout(resolve, 5));

      const again = await runner.invoke('PostConfirmationFunction', event);

      expect(again.error).toBeUndefined();
      expect(again.payload).toEqual(event);
      expect(await userRow(attributes.sub)).toEqual(userBefore);
      expect(await profileRow(`twice-${suffix}`)).toEqual(profileBefore);
    });

    it('reports a name lost to a race since sign-up as a Conflict and writes nothing', async () => {
      const winner = randomUUID();
      await claim(`race-${suffix}`, winner);
      const attributes = newUser(`race-${suffix}`);

      const outcome = await runner.invoke(
        'PostConfirmationFunction',
        triggerEvent('PostConfirmation_ConfirmSignUp', attributes),
      );

      expect(outcome.error).toMatchObject({
        errorType: 'Conflict',
        errorMessage: `Username: "race-${suffix}" was claimed by another account before this sign-up was confirmed; sign in and choose another name.`,
      });
      expect(await userRow(attributes.sub)).toBeUndefined();
      expect(await profileRow(`race-${suffix}`)).toEqual({ username: { S: `race-${suffix}` }, user_id: { S: winner } });
    });

    it('creates only the users row for a sign-up without a username', async () => {
      const attributes = newUser(undefined);

      await runner.invoke('PostConfirmationFunction', triggerEvent('PostConfirmation_ConfirmSignUp', attributes));

      expect(await userRow(attributes.sub)).toMatchObject({
        user_id: { S: attributes.sub },
        profile_complete: { BOOL: false },
      });
      expect((await userRow(attributes.sub))?.username).toBeUndefined();
    });

    it('does nothing on a forgotten-password confirmation', async () => {
      const attributes = newUser(`forgot-${suffix}`);
      const event = triggerEvent('PostConfirmation_ConfirmForgotPassword', attributes);

      const outcome = await runner.invoke('PostConfirmationFunction', event);

      expect(outcome.payload).toEqual(event);
      expect(await userRow(attributes.sub)).toBeUndefined();
      expect(await profileRow(`forgot-${suffix}`)).toBeUndefined();
    });
  });
});
