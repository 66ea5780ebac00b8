// The pure parts of the local stack's phases: the physical IDs the running services add, the one
// GraphQL API, and the outputs clients get.
import { describe, expect, it } from 'vitest';
import type { EnsuredUserPool } from '../../../local/services/cognito.ts';
import { stackOutputs } from '../../../local/stack/stackOutputs.ts';
import { stackGraphqlApi, stackPhysicalIds } from '../../../local/stack/stackReferences.ts';
import type { StackTemplate } from '../../../local/stack/stackTemplate.ts';
import { createLocalReferenceResolver } from '../../../local/template/index.ts';
import type { CfnTemplate, UserPoolDefinition } from '../../../local/template/index.ts';

const template: CfnTemplate = {
  Resources: {
    Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'api', AuthenticationType: 'API_KEY' } },
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
  },
};
const pool = {
  logicalId: 'Pool',
  name: 'pool',
  clients: [
    { logicalId: 'WebClient', name: 'web' },
    { logicalId: 'OtherClient', name: 'other' },
  ],
} as unknown as UserPoolDefinition;
const userPool: EnsuredUserPool = {
  userPoolId: 'local_abc',
  clients: [{ name: 'web', clientId: 'client-web' }],
  issuer: 'http://127.0.0.1:4002/local_abc',
  jwksUri: 'http://127.0.0.1:4002/local_abc/.well-known/jwks.json',
};

describe('stackPhysicalIds', () => {
  it('names the pool and the clients cognito-local created, the stream ARNs and the GraphQL URL of every API', () => {
    const ids = stackPhysicalIds(
      { template, pool },
      userPool,
      { 'Table.StreamArn': 'arn:stream' },
      'http://h:1/graphql',
    );

    expect(ids).toEqual({
      Pool: 'local_abc',
      'Table.StreamArn': 'arn:stream',
      'Api.GraphQLUrl': 'http://h:1/graphql',
      WebClient: 'client-web',
    });
  });
});

describe('stackGraphqlApi', () => {
  it('refuses a template without exactly one GraphQL API', () => {
    const none = { template: { Resources: {} }, buckets: [] } as unknown as StackTemplate;
    expect(() => stackGraphqlApi(none, createLocalReferenceResolver(none.template), 'http://s3')).toThrow(
      'The local stack serves exactly one GraphQL API; the template has 0.',
    );
  });
});

describe('stackOutputs', () => {
  const services = {
    userPool,
    cognito: { endpoint: 'http://127.0.0.1:4002', port: 4002, stop: async () => undefined },
    s3: { endpoint: 'http://127.0.0.1:4003', port: 4003, stop: async () => undefined },
    dynamoDb: { endpoint: 'http://127.0.0.1:4001', port: 4001, stop: async () => undefined },
    certificate: { key: 'k', cert: 'c', certPath: '/data/tls/cert.pem' },
    lambda: { endpoint: 'http://127.0.0.1:4004' },
  };
  const stack = { pool, buckets: [{ name: 'assets' }] } as unknown as StackTemplate;
  const api = { apiKeys: [{ logicalId: 'Key', value: 'da2-local' }] } as never;

  it('names 127.0.0.1 localhost, and gives the URLs, pool, client, bucket and folder', () => {
    const outputs = stackOutputs(
      stack,
      services as never,
      api,
      { host: '127.0.0.1', apiPort: 4000, restPort: 4005 },
      '/data',
    );

    expect(outputs).toEqual({
      graphqlUrl: 'http://localhost:4000/graphql',
      consoleUrl: 'http://localhost:4000/',
      realtimeUrl: 'wss://localhost:4000/graphql/realtime',
      apiKey: 'da2-local',
      region: 'us-east-1',
      userPoolId: 'local_abc',
      userPoolClientId: 'client-web',
      cognitoEndpoint: 'http://127.0.0.1:4002',
      cognitoIssuer: 'http://127.0.0.1:4002/local_abc',
      s3Endpoint: 'http://127.0.0.1:4003',
      bucket: 'assets',
      dynamoDbEndpoint: 'http://127.0.0.1:4001',
      lambdaEndpoint: 'http://127.0.0.1:4004',
      tlsCertificate: '/data/tls/cert.pem',
      dataDir: '/data',
      restUrl: 'http://localhost:4005',
    });
  });

  it('has no restUrl without an HTTP API, and keeps another host as given', () => {
    const outputs = stackOutputs(stack, services as never, api, { host: '192.168.1.5', apiPort: 4000 }, '/data');
    expect(outputs.graphqlUrl).toBe('http://192.168.1.5:4000/graphql');
    expect('restUrl' in outputs).toBe(false);
  });

  it('names a wildcard host (--host 0.0.0.0) as localhost, which clients can connect to', () => {
    const outputs = stackOutputs(stack, services as never, api, { host: '0.0.0.0', apiPort: 4000 }, '/data');
    expect(outputs.graphqlUrl).toBe('http://localhost:4000/graphql');
  });
});
