import { describe, expect, it } from 'vitest';
import type { CustomResourceEvent } from '../../../../functions/renew-api-key/customResource.ts';
import {
  customResourceResponse,
  isCustomResourceEvent,
  sendCustomResourceResponse,
} from '../../../../functions/renew-api-key/customResource.ts';

const event: CustomResourceEvent = {
  RequestType: 'Create',
  ResponseURL: 'https://cloudformation-custom-resource-response.example/signed?x=1',
  StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/prolynk-prod/guid',
  RequestId: 'req-1',
  LogicalResourceId: 'ApiKeyRenewalAtDeploy',
};

describe('the custom resource protocol', () => {
  it('tells custom resource requests from scheduled events', () => {
    expect(isCustomResourceEvent(event)).toBe(true);
    expect(isCustomResourceEvent({ source: 'aws.events', 'detail-type': 'Scheduled Event' })).toBe(false);
    expect(isCustomResourceEvent(null)).toBe(false);
  });

  it('answers SUCCESS with the data, keeping the physical id CloudFormation already has', () => {
    expect(
      customResourceResponse({ ...event, PhysicalResourceId: 'old-id' }, 'new-id', {
        ok: true,
        data: { Expires: 'x' },
      }),
    ).toEqual({
      Status: 'SUCCESS',
      Reason: 'OK',
      PhysicalResourceId: 'old-id',
      StackId: event.StackId,
      RequestId: 'req-1',
      LogicalResourceId: 'ApiKeyRenewalAtDeploy',
      Data: { Expires: 'x' },
    });
  });

  it('answers FAILED with the reason, so the deploy fails at once instead of waiting an hour', () => {
    const response = customResourceResponse(event, 'new-id', { ok: false, reason: 'AccessDenied' });
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'AccessDenied', PhysicalResourceId: 'new-id' });
    expect(response).not.toHaveProperty('Data');
  });

  it('PUTs the JSON to the presigned URL and fails when CloudFormation refuses it', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const ok = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(null, { status: 200 });
    }) as unknown as typeof fetch;
    await sendCustomResourceResponse(event, { Status: 'SUCCESS' }, ok);
    expect(calls).toEqual([
      {
        url: event.ResponseURL,
        init: { method: 'PUT', body: '{"Status":"SUCCESS"}', headers: { 'content-type': '' } },
      },
    ]);

    const refused = (async () => new Response(null, { status: 403 })) as unknown as typeof fetch;
    await expect(sendCustomResourceResponse(event, {}, refused)).rejects.toThrow('HTTP 403');
  });
});
