// What `npm start` tells clients: printed for people, written to .prolynk/outputs.json for tools
// (npm run token, front-end config scripts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagedLoginOutputs } from '../oauth/serveManagedLogin.ts';

/** The local stack's endpoints and identifiers (managed login's when the pool has a domain). */
export interface LocalOutputs extends Partial<ManagedLoginOutputs> {
  graphqlUrl: string;
  /** The local console (GraphiQL with sign-in, data, resolvers, request log) and EvaluateCode's endpoint. */
  consoleUrl: string;
  /** AppSync's real-time WebSocket protocol, on the API's port over TLS: the path Amplify JS v6 derives for a custom endpoint (ws:// works too). */
  realtimeUrl: string;
  apiKey: string;
  /** The GraphQL API's id, as the control plane's operations name it (`aws appsync list-api-keys --api-id`). */
  apiId: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
  cognitoIssuer: string;
  s3Endpoint: string;
  bucket: string;
  dynamoDbEndpoint: string;
  /** The Lambda Invoke API of the local functions (what `npm run schedules` calls). */
  lambdaEndpoint: string;
  /** The development certificate the HTTPS/WSS endpoint presents (trust it, or use http://). */
  tlsCertificate: string;
  dataDir: string;
  /** The REST shim's HTTP API (API Gateway v2 emulation), when the template has one. */
  restUrl?: string;
}

/** Writes outputs.json into the data folder. */
export function writeOutputs(dataDir: string, outputs: LocalOutputs): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'outputs.json');
  writeFileSync(file, `${JSON.stringify(outputs, null, 2)}\n`);
  return file;
}

/** The short summary `npm start` prints when ready. */
export function formatOutputs(outputs: LocalOutputs, readyMs: number, outputsFile: string): string {
  return [
    `ProLynk local stack ready in ${(readyMs / 1000).toFixed(1)} s (Node ${process.version})`,
    '',
    `  Console      ${outputs.consoleUrl}   (open in a browser: sign in, query, subscribe, data, resolvers, log)`,
    `  GraphQL      ${outputs.graphqlUrl}   (also https:// on the same port)`,
    `  Real-time    ${outputs.realtimeUrl}   (subscriptions, AppSync's protocol; also ws://)`,
    `  API key      ${outputs.apiKey}        (header x-api-key)`,
    `  Cognito      ${outputs.cognitoEndpoint}  pool ${outputs.userPoolId}  client ${outputs.userPoolClientId}`,
    ...(outputs.restUrl ? [`  REST         ${outputs.restUrl}   (the seed's endpoints, e.g. GET /profiles/ada)`] : []),
    ...(outputs.oauthDomain
      ? [`  Sign-in      ${outputs.oauthDomain}   (managed login: /oauth2/authorize, Google and LinkedIn stand-ins)`]
      : []),
    `  S3           ${outputs.s3Endpoint}  bucket ${outputs.bucket}`,
    `  DynamoDB     ${outputs.dynamoDbEndpoint}  (credentials local/local, region ${outputs.region})`,
    `  TLS cert     ${outputs.tlsCertificate}`,
    `  Data         ${outputs.dataDir}   (npm start -- --fresh wipes it)`,
    '',
    '  A token:     npm run token -- --email you@example.com --username you',
    `  Try:         curl -s ${outputs.graphqlUrl} -H 'x-api-key: ${outputs.apiKey}' \\`,
    `                 -d '{"query":"{ usernameAvailable(username: \\"ada\\") { available reason } }"}'`,
    `  Config:      ${outputsFile}`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}
