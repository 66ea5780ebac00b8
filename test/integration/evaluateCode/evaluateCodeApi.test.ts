// EvaluateCode on the local stack's API port, called with the unmodified AWS SDK
// (@aws-sdk/client-appsync's EvaluateCodeCommand, only `endpoint` changed): answers, validation
// errors as BadRequestException, and SigV4 required as on AWS.
import {
  AppSyncClient,
  BadRequestException,
  EvaluateCodeCommand,
  type EvaluateCodeCommandInput,
} from '@aws-sdk/client-appsync';
import { afterAll, describe, expect, inject, it } from 'vitest';

const stack = inject('localStack');
const endpoint = new URL(stack.consoleUrl).origin;
const runtime = { name: 'APPSYNC_JS' as const, runtimeVersion: '1.0.0' };
const CODE = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  console.log('looking up', ctx.args.id);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) };
}
export function response(ctx) { return ctx.result; }`;

const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }, region = stack.region) =>
  new AppSyncClient({ endpoint, region, credentials, maxAttempts: 1 });
const client = clientWith({ accessKeyId: 'local', secretAccessKey: 'local' });

afterAll(() => client.destroy());

async function failure(input: EvaluateCodeCommandInput, caller = client) {
  const error = await caller.send(new EvaluateCodeCommand(input)).then(
    () => undefined,
    (e: unknown) => e as Error & { $metadata: { httpStatusCode?: number } },
  );
  if (!error) throw new Error('expected EvaluateCode to fail');
  return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message, error };
}

describe('EvaluateCode through the AWS SDK', () => {
  it('evaluates a request handler against a context', async () => {
    const out = await client.send(
      new EvaluateCodeCommand({
        runtime,
        code: CODE,
        context: JSON.stringify({ arguments: { id: 'a1' } }),
        function: 'request',
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(JSON.parse(out.evaluationResult ?? '')).toEqual({ operation: 'GetItem', key: { id: { S: 'a1' } } });
    expect(out.logs).toEqual(['INFO - code.js:3:3: "looking up" "a1"']);
    expect(out.stash).toBe('{}');
    expect(out.outErrors).toBe('[]');
    expect(out.error).toBeUndefined();
  });

  it('evaluates a response handler with the result from the context', async () => {
    const out = await client.send(
      new EvaluateCodeCommand({
        runtime,
        code: CODE,
        context: JSON.stringify({ result: { id: 'a1', n: 3 } }),
        function: 'response',
      }),
    );
    expect(JSON.parse(out.evaluationResult ?? '')).toEqual({ id: 'a1', n: 3 });
  });

  it('answers code AppSync rejects with 200 and its code errors, as the SDK models them', async () => {
    const out = await client.send(
      new EvaluateCodeCommand({
        runtime,
        code: 'export function request(ctx) {\n  for (let i = 0; i < 3; i = i + 1) {}\n  return {};\n}\nexport function response(ctx) { return null; }',
        context: '{}',
        function: 'request',
      }),
    );
    expect(out.evaluationResult).toBeUndefined();
    expect(out.error?.codeErrors).toEqual([
      {
        errorType: 'LINT_ERROR',
        value: expect.stringMatching(/^@aws-appsync\/no-for: /),
        location: { line: 2, column: 3, span: expect.any(Number) },
      },
    ]);
    expect(out.error?.message).toMatch(/^Error: code\.js\(2,3\): error @aws-appsync\/no-for: /);
  });

  it('refuses a context over 28,000 characters with BadRequestException', async () => {
    const result = await failure({ runtime, code: CODE, context: JSON.stringify({ pad: 'x'.repeat(28_000) }) });
    expect(result.error).toBeInstanceOf(BadRequestException);
    expect(result.status).toBe(400);
    expect(result.message).toBe(
      "1 validation error detected: Value at 'context' failed to satisfy constraint: Member must have length less than or equal to 28000",
    );
  });

  it('refuses another runtime, version or function with BadRequestException', async () => {
    const badName = await failure({
      runtime: { name: 'VTL' as 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: CODE,
      context: '{}',
    });
    expect([badName.name, badName.status]).toEqual(['BadRequestException', 400]);
    expect(badName.message).toMatch(
      /'runtime\.name' failed to satisfy constraint: Member must satisfy enum value set: \[APPSYNC_JS\]/,
    );
    const badVersion = await failure({
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '0.9.0' },
      code: CODE,
      context: '{}',
    });
    expect([badVersion.name, badVersion.status]).toEqual(['BadRequestException', 400]);
    const badFunction = await failure({ runtime, code: CODE, context: '{}', function: 'handler' });
    expect([badFunction.name, badFunction.status]).toEqual(['BadRequestException', 400]);
  });

  it('rejects a wrong secret key as AWS does (403 InvalidSignatureException)', async () => {
    const wrong = clientWith({ accessKeyId: 'local', secretAccessKey: 'not-local' });
    const result = await failure({ runtime, code: CODE, context: '{}' }, wrong);
    wrong.destroy();
    expect([result.name, result.status]).toEqual(['InvalidSignatureException', 403]);
    expect(result.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
  });

  it('rejects unknown access keys and other regions', async () => {
    const stranger = clientWith({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' });
    const unknown = await failure({ runtime, code: CODE, context: '{}' }, stranger);
    stranger.destroy();
    expect([unknown.name, unknown.status]).toEqual(['UnrecognizedClientException', 403]);
    const elsewhere = clientWith({ accessKeyId: 'local', secretAccessKey: 'local' }, 'eu-west-1');
    const region = await failure({ runtime, code: CODE, context: '{}' }, elsewhere);
    elsewhere.destroy();
    expect([region.name, region.status, region.message]).toEqual([
      'InvalidSignatureException',
      403,
      'Credential should be scoped to a valid region.',
    ]);
  });

  it('refuses an unsigned call before looking at the body', async () => {
    const response = await fetch(`${endpoint}/v1/dataplane-evaluatecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ runtime, code: CODE, context: '{}' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });
});
