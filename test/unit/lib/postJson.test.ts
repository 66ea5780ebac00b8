import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../../functions/lib/postJson.ts';

const seen: { method?: string; headers: Record<string, unknown>; body: string; socketPort?: number }[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    seen.push({ method: req.method, headers: req.headers, body, socketPort: req.socket.remotePort });
    res.writeHead(req.url === '/refuse' ? 403 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ echoed: body }));
  });
});
let base: string;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('postJson', () => {
  it('POSTs the body with its byte length and the given headers, and answers status and text', async () => {
    const body = JSON.stringify({ query: '{ profile(username: "zoë") { username } }' });
    const result = await postJson(
      new URL('/graphql', base),
      { 'content-type': 'application/json', 'x-api-key': 'k' },
      body,
    );

    expect(result).toEqual({ status: 200, text: JSON.stringify({ echoed: body }) });
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(request.headers['x-api-key']).toBe('k');
    expect(request.body).toBe(body);
  });

  it('answers an error status as a result, not a rejection', async () => {
    await expect(postJson(new URL('/refuse', base), {}, '{}')).resolves.toMatchObject({ status: 403 });
  });

  it('sends the next request on the same kept-alive connection', async () => {
    await postJson(new URL('/graphql', base), {}, '{"n":1}');
    await postJson(new URL('/graphql', base), {}, '{"n":2}');
    const [first, second] = seen.slice(-2);
    expect(second.socketPort).toBe(first.socketPort);
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    await expect(postJson(new URL(`http://127.0.0.1:${port}/graphql`), {}, '{}')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
