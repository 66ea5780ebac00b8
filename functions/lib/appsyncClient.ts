// A Lambda's way to AppSync: one GraphQL request, authorised either with a caller's Cognito token
// (the REST shim forwards it) or with the function's own IAM role (SigV4 for the service
// "appsync": the shim's public reads, the stream publisher's publishProfileEvent).
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { postJson } from './postJson.ts';
import type { PostResult } from './postJson.ts';

/** One entry of a GraphQL response's `errors`, as AppSync writes it. */
export interface GraphqlError {
  message: string;
  errorType?: string | null;
  /** util.error's fourth argument; our BadRequests name the input field here (`{field: "input.bio"}`). */
  errorInfo?: Record<string, unknown> | null;
  path?: (string | number)[] | null;
}

/** How a request is authorised: the caller's Authorization header, or the function's IAM role. */
export type GraphqlAuth = { mode: 'token'; authorization: string } | { mode: 'iam' };

/** One GraphQL operation as the routes ask for it. */
export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  auth: GraphqlAuth;
}

/** AppSync's answer: the HTTP status plus the GraphQL body (`data`, `errors`). */
export interface GraphqlResponse {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

/** Sends one GraphQL request; rejects only when AppSync could not be reached or answered non-JSON. */
export type GraphqlClient = (request: GraphqlRequest) => Promise<GraphqlResponse>;

/** AWS credentials, as Lambda puts them in the environment. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AppSyncClientOptions {
  /** The API's GraphQL endpoint (GRAPHQL_URL). */
  url: string;
  region: string;
  /** Read per request: Lambda's role credentials come from the environment. */
  credentials: () => AwsCredentials;
  /** Sends through this fetch instead of node:http(s) (postJson.ts); tests answer with it. */
  fetch?: typeof fetch;
}

/** A GraphqlClient for the AppSync endpoint at `options.url`. */
export function createAppSyncClient(options: AppSyncClientOptions): GraphqlClient {
  const endpoint = new URL(options.url);
  const post = options.fetch ? postThrough(options.fetch) : postJson;
  return async ({ query, variables, auth }) => {
    const body = JSON.stringify({ query, variables: variables ?? {} });
    const headers =
      auth.mode === 'iam'
        ? await signedHeaders(endpoint, body, options.region, options.credentials())
        : { 'content-type': 'application/json', authorization: tokenOnly(auth.authorization) };
    const { status, text } = await post(endpoint, headers, body);
    let parsed: { data?: Record<string, unknown> | null; errors?: GraphqlError[] };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new Error(`AppSync answered HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return { status, data: parsed.data, errors: parsed.errors };
  };
}

/** postJson's contract over a fetch. */
function postThrough(send: typeof fetch): typeof postJson {
  return async (url, headers, body): Promise<PostResult> => {
    const response = await send(url, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  };
}

/** Credentials from Lambda's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). */
export function environmentCredentials(): AwsCredentials {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.');
  return { accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN || undefined };
}

// The seed's clients send "Bearer <token>" (API Gateway's JWT authorizer accepts it), but AppSync
// refuses a scheme in front of a Cognito JWT over HTTP with "Unable to parse JWT token."
// (aws/aws-appsync-community#96, #198): the token itself is forwarded unchanged.
function tokenOnly(authorization: string): string {
  return authorization.replace(/^Bearer\s+/i, '');
}

/** SigV4 headers (service appsync) for a JSON POST of `body` to `endpoint`, Host left to the HTTP client. */
export async function signedHeaders(
  endpoint: URL,
  body: string,
  region: string,
  credentials: AwsCredentials,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'appsync', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const request = new HttpRequest({
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port ? Number(endpoint.port) : undefined,
    path: endpoint.pathname,
    headers: { 'content-type': 'application/json', host: endpoint.host },
    body,
  });
  const signed = await signer.sign(request);
  // The HTTP client derives Host from the URL (the same value that was signed); fetch refuses to be told it.
  const { host: _host, ...headers } = signed.headers;
  return headers;
}
