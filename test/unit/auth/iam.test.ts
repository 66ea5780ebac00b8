import { describe, expect, it } from 'vitest';
import { authenticateIamRequest } from '../../../local/appsync/auth/iam.ts';
import { SIGNED_AT, signedGraphqlRequest } from './sigv4Client.ts';

const options = {
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  region: 'us-east-1',
  sourceIp: ['127.0.0.1'],
  nowMs: SIGNED_AT.getTime() + 1000,
};

function failure(result: Awaited<ReturnType<typeof authenticateIamRequest>>) {
  if (result.ok) throw new Error('expected a rejection');
  return {
    status: result.status,
    errorType: result.body.errors[0].errorType,
    message: result.body.errors[0].message,
    header: result.headers['x-amzn-ErrorType'],
  };
}

describe('IAM (SigV4) authentication', () => {
  it('accepts a request signed for appsync with the local credentials and gives the IAM identity', async () => {
    const result = await authenticateIamRequest(await signedGraphqlRequest(), options);
    expect(result).toEqual({
      ok: true,
      authMode: 'AWS_IAM',
      identity: {
        accountId: '000000000000',
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: ['127.0.0.1'],
        username: 'local',
        userArn: 'arn:aws:iam::000000000000:user/local',
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
    });
  });

  it('accepts a request signed with a session token and a payload checksum header', async () => {
    const request = await signedGraphqlRequest({ sessionToken: 'token-1', applyChecksum: true });
    expect((await authenticateIamRequest(request, options)).ok).toBe(true);
  });

  it('rejects a tampered body with 403 InvalidSignatureException', async () => {
    const request = await signedGraphqlRequest();
    const result = failure(
      await authenticateIamRequest({ ...request, body: JSON.stringify({ query: '{ admin }' }) }, options),
    );
    expect(result).toMatchObject({
      status: 403,
      errorType: 'InvalidSignatureException',
      header: 'InvalidSignatureException',
    });
    expect(result.message).toMatch(/^The request signature we calculated does not match the signature you provided\./);
    expect(result.message).toContain('The Canonical String for this request should have been');
  });

  it('rejects a tampered body even when the signed payload checksum header is kept', async () => {
    const request = await signedGraphqlRequest({ applyChecksum: true });
    const result = failure(await authenticateIamRequest({ ...request, body: '{"query":"{ admin }"}' }, options));
    expect(result.errorType).toBe('InvalidSignatureException');
  });

  it('rejects a request signed with the wrong secret', async () => {
    const request = await signedGraphqlRequest({ secretAccessKey: 'not-local' });
    expect(failure(await authenticateIamRequest(request, options))).toMatchObject({
      status: 403,
      errorType: 'InvalidSignatureException',
    });
  });

  it('rejects an unknown access key', async () => {
    const request = await signedGraphqlRequest({ accessKeyId: 'AKIAOTHER' });
    expect(failure(await authenticateIamRequest(request, options))).toMatchObject({
      status: 403,
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('rejects a signature older than five minutes as expired', async () => {
    const request = await signedGraphqlRequest();
    const result = failure(
      await authenticateIamRequest(request, { ...options, nowMs: SIGNED_AT.getTime() + 5 * 60 * 1000 + 1000 }),
    );
    expect(result).toMatchObject({
      status: 403,
      errorType: 'InvalidSignatureException',
      message: 'Signature expired: 20250101T120000Z is now earlier than 20250101T120001Z (20250101T120501Z - 5 min.)',
    });
  });

  it('rejects a signature scoped to another service', async () => {
    const request = await signedGraphqlRequest({ service: 'execute-api' });
    expect(failure(await authenticateIamRequest(request, options)).message).toBe(
      "Credential should be scoped to correct service: 'appsync'.",
    );
  });

  it('rejects an Authorization header missing its parts as incomplete', async () => {
    const request = await signedGraphqlRequest();
    const result = failure(
      await authenticateIamRequest(
        {
          ...request,
          headers: {
            ...request.headers,
            authorization: 'AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/appsync/aws4_request',
          },
        },
        options,
      ),
    );
    expect(result).toMatchObject({ status: 403, errorType: 'IncompleteSignatureException' });
  });
});
