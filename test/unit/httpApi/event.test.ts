import { afterEach, describe, expect, it } from 'vitest';
import { buildHttpApiEvent } from '../../../local/httpApi/event.ts';
import { apiDefinition, route, serveApi } from './support.ts';
import type { ServedApi } from './support.ts';

// AWS's documented payload format 2.0 example (API Gateway developer guide, "Create AWS Lambda
// proxy integrations for HTTP APIs", payload format structure), without the mTLS `authentication`
// block and `stageVariables`, which the local emulation never sets. (The example's `time` and
// `timeEpoch` name different days; the epoch here is the one of its `time`.)
const AWS_EXAMPLE = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/my/path',
  rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
  cookies: ['cookie1', 'cookie2'],
  headers: { header1: 'value1', header2: 'value1,value2' },
  queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'api-id',
    authorizer: { jwt: { claims: { claim1: 'value1', claim2: 'value2' }, scopes: ['scope1', 'scope2'] } },
    domainName: 'id.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'id',
    http: { method: 'POST', path: '/my/path', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'agent' },
    requestId: 'id',
    routeKey: '$default',
    stage: '$default',
    time: '12/Mar/2020:19:03:58 +0000',
    timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58),
  },
  body: 'Hello from Lambda',
  pathParameters: { parameter1: 'value1' },
  isBase64Encoded: false,
};

let served: ServedApi | undefined;
afterEach(async () => served?.close());

describe('payload format 2.0 event', () => {
  it("matches AWS's documented example field by field for the same request", () => {
    const event = buildHttpApiEvent(
      {
        method: 'POST',
        url: '/my/path?parameter1=value1&parameter1=value2&parameter2=value',
        rawHeaders: [
          'Header1',
          'value1',
          'Header2',
          'value1',
          'Header2',
          'value2',
          'Cookie',
          'cookie1; cookie2',
          'Host',
          'id.execute-api.us-east-1.amazonaws.com',
          'User-Agent',
          'agent',
          'Content-Type',
          'text/plain',
        ],
        body: Buffer.from('Hello from Lambda'),
        sourceIp: '192.0.2.1',
        httpVersion: '1.1',
      },
      {
        routeKey: '$default',
        pathParameters: { parameter1: 'value1' },
        authorizer: AWS_EXAMPLE.requestContext.authorizer,
        accountId: '123456789012',
        apiId: 'api-id',
        stage: '$default',
        requestId: 'id',
        nowMs: AWS_EXAMPLE.requestContext.timeEpoch,
      },
    );

    expect(event.version).toBe(AWS_EXAMPLE.version);
    expect(event.routeKey).toBe(AWS_EXAMPLE.routeKey);
    expect(event.rawPath).toBe(AWS_EXAMPLE.rawPath);
    expect(event.rawQueryString).toBe(AWS_EXAMPLE.rawQueryString);
    expect(event.cookies).toEqual(AWS_EXAMPLE.cookies);
    // API Gateway also forwards Host, User-Agent, Content-Type and its x-forwarded-* headers.
    expect(event.headers).toMatchObject(AWS_EXAMPLE.headers);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-forwarded-for']).toBe('192.0.2.1');
    expect(event.queryStringParameters).toEqual(AWS_EXAMPLE.queryStringParameters);
    expect(event.requestContext).toEqual(AWS_EXAMPLE.requestContext);
    expect(event.body).toBe(AWS_EXAMPLE.body);
    expect(event.pathParameters).toEqual(AWS_EXAMPLE.pathParameters);
    expect(event.isBase64Encoded).toBe(AWS_EXAMPLE.isBase64Encoded);
  });

  it('leaves out cookies, queryStringParameters, pathParameters and body a request does not have', async () => {
    served = await serveApi(apiDefinition({ routes: [route('GET /profile')] }));

    await fetch(`${served.url}/profile`);

    const [event] = served.events;
    expect(Object.keys(event)).toEqual([
      'version',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'headers',
      'requestContext',
      'isBase64Encoded',
    ]);
    expect(event.rawQueryString).toBe('');
    expect(event.routeKey).toBe('GET /profile');
    expect(event.requestContext.http).toMatchObject({
      method: 'GET',
      path: '/profile',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
    });
    expect(event.requestContext.stage).toBe('$default');
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('passes a JSON body as text and a form or binary body base64-encoded', async () => {
    served = await serveApi(apiDefinition({ routes: [route('POST /links')] }));

    await fetch(`${served.url}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"x"}',
    });
    await fetch(`${served.url}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    await fetch(`${served.url}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255]),
    });

    const [json, form, binary] = served.events;
    expect([json.body, json.isBase64Encoded]).toEqual(['{"title":"x"}', false]);
    expect([form.body, form.isBase64Encoded]).toEqual([Buffer.from('a=1').toString('base64'), true]);
    expect([binary.body, binary.isBase64Encoded]).toEqual(['AP8=', true]);
  });

  it('keeps rawPath and rawQueryString encoded while parameters are decoded', async () => {
    served = await serveApi(apiDefinition());

    await fetch(`${served.url}/profiles/ada%2Dl?q=a%20b&q=c`);

    const [event] = served.events;
    expect(event.rawPath).toBe('/profiles/ada%2Dl');
    expect(event.rawQueryString).toBe('q=a%20b&q=c');
    expect(event.pathParameters).toEqual({ username: 'ada-l' });
    expect(event.queryStringParameters).toEqual({ q: 'a b,c' });
    expect(event.routeKey).toBe('GET /profiles/{username}');
  });
});
