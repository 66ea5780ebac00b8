import { afterEach, describe, expect, it } from 'vitest';
import type { HttpApiCors } from '../../../local/httpApi/definitions.ts';
import { apiDefinition, jwtRoute, route, serveApi } from './support.ts';
import type { ServedApi } from './support.ts';

// The seed's CorsConfiguration (docs/rest-contract.md "API Gateway Structure").
const SEED_CORS: HttpApiCors = {
  allowOrigins: ['http://localhost:3000', 'http://localhost:8080'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['content-type', 'authorization'],
  exposeHeaders: [],
  allowCredentials: true,
  maxAge: 300,
};

let served: ServedApi | undefined;
afterEach(async () => served?.close());

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization' },
  });

describe('CORS preflight', () => {
  it('is answered by the gateway with 204 and the configured headers, even on a JWT route with no OPTIONS route', async () => {
    served = await serveApi(apiDefinition({ cors: SEED_CORS, routes: [jwtRoute('PUT /profile', ['client'])] }), {
      issuerMap: {
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool': {
          issuer: 'http://127.0.0.1:1/pool',
          jwksUri: 'http://127.0.0.1:1/pool/.well-known/jwks.json',
        },
      },
    });

    const response = await preflight(`${served.url}/profile`, 'http://localhost:3000');

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE,OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
    expect(response.headers.get('access-control-max-age')).toBe('300');
    expect(served.events).toHaveLength(0);
  });

  it('carries no access-control headers for an origin that is not allowed', async () => {
    served = await serveApi(apiDefinition({ cors: SEED_CORS }));

    const response = await preflight(`${served.url}/profiles/ada`, 'https://evil.example');

    expect(response.status).toBe(204);
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('reaches the routes when the API has no CORS configuration', async () => {
    served = await serveApi(apiDefinition({ routes: [route('GET /profiles/{username}')] }));

    const response = await preflight(`${served.url}/profiles/ada`, 'http://localhost:3000');

    expect(response.status).toBe(404);
  });
});

describe('CORS on actual responses', () => {
  it("adds allow-origin, credentials and expose-headers for an allowed origin and replaces the integration's own", async () => {
    served = await serveApi(apiDefinition({ cors: { ...SEED_CORS, exposeHeaders: ['x-request-id'] } }), {
      invoke: async () => ({
        payload: { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*', 'x-request-id': 'r1' }, body: '{}' },
      }),
    });

    const response = await fetch(`${served.url}/profiles/ada`, { headers: { origin: 'http://localhost:8080' } });

    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('x-request-id')).toBe('r1');
  });

  it("drops the integration's CORS headers for an origin that is not allowed", async () => {
    served = await serveApi(apiDefinition({ cors: SEED_CORS }), {
      invoke: async () => ({
        payload: { statusCode: 200, headers: { 'access-control-allow-origin': '*' }, body: '{}' },
      }),
    });

    const response = await fetch(`${served.url}/profiles/ada`, { headers: { origin: 'https://evil.example' } });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('matches a wildcard-subdomain origin and answers "*" when every origin is allowed', async () => {
    served = await serveApi(
      apiDefinition({ cors: { ...SEED_CORS, allowOrigins: ['https://*.example.com'], allowCredentials: false } }),
    );
    const sub = await fetch(`${served.url}/profiles/ada`, { headers: { origin: 'https://app.example.com' } });
    const other = await fetch(`${served.url}/profiles/ada`, { headers: { origin: 'https://example.org' } });
    await served.close();
    served = await serveApi(apiDefinition({ cors: { ...SEED_CORS, allowOrigins: ['*'], allowCredentials: false } }));
    const any = await fetch(`${served.url}/profiles/ada`, { headers: { origin: 'https://anything.test' } });

    expect(sub.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(any.headers.get('access-control-allow-origin')).toBe('*');
  });
});
