// Test factory: a GraphQL POST signed the way AWS SDK-based clients sign AppSync requests.
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/awsConfig.ts';

export const SIGNED_AT = new Date(Date.UTC(2025, 0, 1, 12, 0, 0));
export const HOST = '127.0.0.1:4000';

export interface SignedGraphqlRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export async function signedGraphqlRequest(
  options: {
    body?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
    region?: string;
    service?: string;
    signedAt?: Date;
    applyChecksum?: boolean;
  } = {},
): Promise<SignedGraphqlRequest> {
  const body = options.body ?? JSON.stringify({ query: '{ me { id } }' });
  const signer = new SignatureV4({
    service: options.service ?? 'appsync',
    region: options.region ?? LOCAL_REGION,
    credentials: {
      accessKeyId: options.accessKeyId ?? LOCAL_CREDENTIALS.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? LOCAL_CREDENTIALS.secretAccessKey,
      sessionToken: options.sessionToken,
    },
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: options.applyChecksum ?? false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4000,
      path: '/graphql',
      headers: { host: HOST, 'content-type': 'application/json', accept: 'application/json' },
      body,
    }),
    { signingDate: options.signedAt ?? SIGNED_AT },
  );
  return { method: 'POST', path: '/graphql', headers: signed.headers as Record<string, string>, body };
}
