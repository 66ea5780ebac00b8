import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaRunner } from '../../../local/lambda/createLambdaRunner.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/awsConfig.ts';
import type { LambdaRunner } from '../../../local/lambda/createLambdaRunner.ts';
import { createLambdaInvokeHandler } from '../../../local/lambda/invoke.ts';
import { uploadUntilAnswered } from '../../support/uploadUntilAnswered.ts';
import { fixtureFunction } from './functionDefinition.ts';

// cognito-local calls triggers through aws-sdk v2's Lambda client: test the endpoint with that very client.
interface V2InvokeOutput {
  StatusCode?: number;
  FunctionError?: string;
  Payload?: string | Buffer;
  ExecutedVersion?: string;
}
type V2Lambda = new (
  config: Record<string, unknown>,
) => { invoke(params: Record<string, unknown>): { promise(): Promise<V2InvokeOutput> } };
const requireCognito = createRequire(createRequire(import.meta.url).resolve('cognito-local'));
requireCognito('aws-sdk/lib/maintenance_mode_message').suppress = true;
const Lambda = requireCognito('aws-sdk/clients/lambda') as V2Lambda;

describe('local Lambda Invoke endpoint', () => {
  let runner: LambdaRunner;
  let server: Server;
  let endpoint: string;
  let lambda: InstanceType<V2Lambda>;

  beforeAll(async () => {
    runner = createLambdaRunner(
      [
        fixtureFunction('PreSignUpFunction', 'echo', { environment: { MARK: 'trigger' } }),
        fixtureFunction('ReservedFunction', 'echo', { reservedConcurrency: 1 }),
      ],
      { logs: 'ignore' },
    );
    server = createServer(createLambdaInvokeHandler(runner));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    lambda = new Lambda({
      endpoint,
      region: LOCAL_REGION,
      credentials: { ...LOCAL_CREDENTIALS },
      maxRetries: 0,
    });
  });
  afterAll(async () => {
    await runner.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers a RequestResponse invoke with the function's JSON result, as the aws-sdk v2 client reads it", async () => {
    const output = await lambda
      .invoke({
        FunctionName: 'PreSignUpFunction',
        InvocationType: 'RequestResponse',
        Payload: JSON.stringify({ triggerSource: 'PreSignUp_SignUp' }),
      })
      .promise();

    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBeUndefined();
    expect(JSON.parse(String(output.Payload))).toMatchObject({
      mark: 'trigger',
      event: { triggerSource: 'PreSignUp_SignUp' },
    });
  });

  it('answers a function error with 200, X-Amz-Function-Error: Unhandled and {errorType, errorMessage}', async () => {
    const output = await lambda
      .invoke({
        FunctionName: 'PreSignUpFunction',
        Payload: JSON.stringify({
          throw: { name: 'Conflict', message: 'Username: "ada" is already taken; choose another.' },
        }),
      })
      .promise();

    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe('Unhandled');
    expect(JSON.parse(String(output.Payload))).toMatchObject({
      errorType: 'Conflict',
      errorMessage: 'Username: "ada" is already taken; choose another.',
    });
  });

  it('accepts the function ARN as FunctionName', async () => {
    const output = await lambda
      .invoke({
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:prolynk-presignupfunction',
        Payload: '{}',
      })
      .promise();
    expect(output.StatusCode).toBe(200);
  });

  it('answers an unknown function with 404 ResourceNotFoundException', async () => {
    await expect(lambda.invoke({ FunctionName: 'Nope', Payload: '{}' }).promise()).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      statusCode: 404,
    });
  });

  it('answers an Event invoke with 202 and no body, and a DryRun with 204', async () => {
    const event = await fetch(`${endpoint}/2015-03-31/functions/PreSignUpFunction/invocations`, {
      method: 'POST',
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      body: '{}',
    });
    const dryRun = await fetch(`${endpoint}/2015-03-31/functions/PreSignUpFunction/invocations`, {
      method: 'POST',
      headers: { 'X-Amz-Invocation-Type': 'DryRun' },
      body: '{}',
    });

    expect([event.status, await event.text()]).toEqual([202, '']);
    expect(dryRun.status).toBe(204);
  });

  it('refuses a payload that is not JSON with 400 InvalidRequestContentException', async () => {
    const response = await fetch(`${endpoint}/2015-03-31/functions/PreSignUpFunction/invocations`, {
      method: 'POST',
      body: '{nope',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
  });

  it('answers a throttled invocation as Lambda does: 429 TooManyRequestsException with its Reason', async () => {
    const running = lambda.invoke({ FunctionName: 'ReservedFunction', Payload: '{"sleepMs":300}' }).promise();
    while (runner.environments('ReservedFunction') === 0) await new Promise((resolve) => setImmediate(resolve));
    const response = await fetch(`${endpoint}/2015-03-31/functions/ReservedFunction/invocations`, {
      method: 'POST',
      body: '{}',
    });

    expect(response.status).toBe(429);
    expect(response.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(await response.json()).toEqual({
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      Type: 'User',
      message: 'Rate Exceeded.',
    });
    expect((await running).StatusCode).toBe(200);
  });

  it('refuses a payload over 6 MB with 413 RequestEntityTooLargeException while it is still arriving', async () => {
    const outcome = await uploadUntilAnswered(
      `${endpoint}/2015-03-31/functions/PreSignUpFunction/invocations`,
      20 * 1024 * 1024,
    );

    expect(outcome.status).toBe(413);
    expect(outcome.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    expect(JSON.parse(outcome.body).message).toBe(
      'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    );
    expect(outcome.bytesSent).toBeLessThan(20 * 1024 * 1024);
  });
});
