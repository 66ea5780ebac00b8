import { afterEach, describe, expect, it } from 'vitest';
import { mapLambdaResult } from '../../../local/httpApi/response.ts';
import { apiDefinition, serveApi } from './support.ts';
import type { ServedApi } from './support.ts';

let served: ServedApi | undefined;
afterEach(async () => served?.close());

describe('payload 2.0 response mapping', () => {
  it('uses statusCode, headers, body and one set-cookie per cookie of a structured response', async () => {
    served = await serveApi(apiDefinition(), {
      invoke: async () => ({
        payload: {
          statusCode: 201,
          headers: { 'Content-Type': 'application/json', 'X-Custom': 'yes' },
          cookies: ['a=1; Path=/', 'b=2'],
          body: '{"created":true}',
        },
      }),
    });

    const response = await fetch(`${served.url}/profiles/ada`);

    expect(response.status).toBe(201);
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(await response.json()).toEqual({ created: true });
    expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it('decodes a base64 body when isBase64Encoded is true', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const mapped = mapLambdaResult({
      payload: {
        statusCode: 200,
        headers: { 'content-type': 'image/png' },
        body: bytes.toString('base64'),
        isBase64Encoded: true,
      },
    });
    expect(mapped.body.equals(bytes)).toBe(true);
  });

  // AWS: without statusCode, API Gateway assumes isBase64Encoded false, statusCode 200,
  // content-type application/json, and the function's response as the body.
  it('infers 200 application/json with the returned JSON as the body when there is no statusCode', () => {
    const object = mapLambdaResult({ payload: { message: 'Hello from Lambda!' } });
    expect(object.statusCode).toBe(200);
    expect(object.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(object.body.toString())).toEqual({ message: 'Hello from Lambda!' });
  });

  it('passes a returned string as the body text itself', () => {
    const text = mapLambdaResult({ payload: 'Hello from Lambda!' });
    expect(text.statusCode).toBe(200);
    expect(text.body.toString()).toBe('Hello from Lambda!');
  });

  it('answers 500 Internal Server Error when the function fails', async () => {
    served = await serveApi(apiDefinition(), {
      invoke: async () => ({ error: { errorType: 'TypeError', errorMessage: 'boom' } }),
    });

    const response = await fetch(`${served.url}/profiles/ada`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 500 when invoking fails outright or the statusCode is not an HTTP status', async () => {
    served = await serveApi(apiDefinition(), {
      invoke: async () => {
        throw new Error('Function not found');
      },
    });
    const thrown = await fetch(`${served.url}/profiles/ada`);

    expect(thrown.status).toBe(500);
    expect(served.faults.map((fault) => fault.error)).toEqual([new Error('Function not found')]);
    expect(mapLambdaResult({ payload: { statusCode: 'teapot' } }).statusCode).toBe(500);
  });

  it('answers 404 Not Found when no route matches, without invoking anything', async () => {
    served = await serveApi(apiDefinition());

    const response = await fetch(`${served.url}/nowhere`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
    expect(served.events).toHaveLength(0);
  });
});
