// SigV4 in the browser, for the IAM auth mode and EvaluateCode: AWS's own signer
// (@smithy/signature-v4, what the SDK's browser builds use) with SHA-256 from Web Crypto, which
// localhost pages have as a secure context.
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** Credentials the local stack accepts (its IAM mode verifies against them). */
export interface IamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

type Bytes = Uint8Array<ArrayBuffer>;

const toBytes = (data: unknown): Bytes => {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) as Bytes;
  return new Uint8Array();
};

// The Checksum the signer asks for: plain SHA-256, or HMAC-SHA-256 when constructed with a key.
class WebCryptoSha256 {
  private chunks: Bytes[] = [];
  constructor(private readonly secret?: unknown) {}
  update(chunk: Uint8Array): void {
    this.chunks.push(toBytes(chunk));
  }
  reset(): void {
    this.chunks = [];
  }
  async digest(): Promise<Uint8Array> {
    const data = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, offset);
      offset += chunk.length;
    }
    if (this.secret === undefined) return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    const key = await crypto.subtle.importKey('raw', toBytes(this.secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
  }
}

/** A request to sign: always POST to this page's host. */
export interface RequestToSign {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Signs a POST to `path` on this page's host for service `appsync`; returns every header to send, host included. */
export async function signAppSyncRequest(
  request: RequestToSign,
  credentials: IamCredentials,
  region: string,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 'appsync',
    region,
    credentials,
    sha256: WebCryptoSha256,
    applyChecksum: false,
  });
  const url = new URL(request.path, window.location.href);
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: { ...request.headers, host: url.host },
      body: request.body,
    }),
  );
  return signed.headers as Record<string, string>;
}

/** The headers a browser may set itself (it sends `host` on its own, with the same value). */
export function withoutHost(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'host'));
}
