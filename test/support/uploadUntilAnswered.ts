// Sends a large body in 256 KB chunks (chunked, or with its Content-Length up front) and stops as
// soon as the server answers, so a test can tell a server that refuses an oversized body while it
// is being read from one that reads it all first.
import { request } from 'node:http';

/** The answer, and how much of the body had been written when it came. */
export interface UploadOutcome {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytesSent: number;
}

const CHUNK = Buffer.alloc(256 * 1024, 'a');

/** POSTs up to `totalBytes` to `url` with `headers`; `declareLength` sends Content-Length instead of chunking. */
export function uploadUntilAnswered(
  url: string,
  totalBytes: number,
  options: { headers?: Record<string, string>; declareLength?: boolean } = {},
): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...options.headers,
        ...(options.declareLength ? { 'content-length': String(totalBytes) } : {}),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          bytesSent,
        });
        req.destroy();
      });
    });
    // The server ending the connection after its answer is expected; before it, a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const writeMore = () => {
      while (!answered && bytesSent < totalBytes) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, totalBytes - bytesSent));
        bytesSent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!answered) req.end();
    };
    writeMore();
  });
}
