// One POST of a JSON body over node:http(s), on a keep-alive connection reused across invocations
// of the execution environment. The functions' calls to AppSync go through it rather than fetch:
// fetch (undici) spends about twice the CPU per request on its WHATWG streams and WASM parser,
// which in the REST shim was most of the function's own time per request
// (docs/architecture.md §4.3.1 "The REST shim's path").
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A response as the callers read it: status and the whole body as text. */
export interface PostResult {
  status: number;
  text: string;
}

// Idle sockets are closed by the server side too; a socket closed while idle is simply replaced.
const AGENTS = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** POSTs `body` to `url` with `headers`; rejects on a network error, never on an HTTP status. */
export function postJson(url: URL, headers: Record<string, string>, body: string): Promise<PostResult> {
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        agent: secure ? AGENTS.https : AGENTS.http,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
