// A tiny GraphQL-over-HTTP client for suites that talk to the running local stack through real
// sockets, plus AppSync's IAM flavour (a SigV4-signed POST) built with the AWS SDK's own signer.
import { signedHeaders } from '../../functions/lib/appsyncClient.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/index.ts';

/** What came back: the HTTP status, the headers, and the parsed JSON body (text when not JSON). */
export interface GraphqlHttpResponse {
  status: number;
  headers: Headers;
  // Test code reads deep paths from untyped GraphQL answers; `any` keeps those reads short.
  body: any;
}

/** A client bound to one GraphQL URL. */
export interface GraphqlClient {
  url: string;
  /** POSTs `{query, variables}` as JSON with the given extra headers. */
  post(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlHttpResponse>;
  /** POSTs a raw body, for malformed-request cases. */
  postRaw(body: string, headers?: Record<string, string>): Promise<GraphqlHttpResponse>;
  /** POSTs `{query, variables}` signed with SigV4 for service `appsync` (AWS_IAM mode). */
  postSigned(
    query: string,
    variables?: Record<string, unknown>,
    credentials?: LocalIamCredentials,
  ): Promise<GraphqlHttpResponse>;
}

/** The access key pair the local endpoint accepts for AWS_IAM. */
export interface LocalIamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Creates a client for the GraphQL endpoint at `url`. */
export function graphqlClient(url: string, region = LOCAL_REGION): GraphqlClient {
  const postRaw = async (body: string, headers: Record<string, string> = {}): Promise<GraphqlHttpResponse> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: keep the text so a failing assertion shows what the server said.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    url,
    postRaw,
    post: (query, variables = {}, headers = {}) => postRaw(JSON.stringify({ query, variables }), headers),
    postSigned: async (query, variables = {}, credentials: LocalIamCredentials = { ...LOCAL_CREDENTIALS }) => {
      const body = JSON.stringify({ query, variables });
      return postRaw(body, await sigV4Headers(url, body, region, credentials));
    },
  };
}

/** The headers a SigV4 client (Amplify's IAM mode, the REST shim) sends for a POST to `url`. */
export function sigV4Headers(
  url: string,
  body: string,
  region: string,
  credentials: LocalIamCredentials,
): Promise<Record<string, string>> {
  // The REST shim's own signer: tests sign exactly as production code does.
  return signedHeaders(new URL(url), body, region, credentials);
}
