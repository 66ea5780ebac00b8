// Reading a request body with a size limit, the way a service that protects itself does: a
// Content-Length over the limit is refused before a byte is read, and a body without one (chunked)
// is counted as it streams in and refused at the first byte over the limit. Either way nothing
// over the limit is held in memory, and the caller answers at once (then `refuseRest` closes the
// connection once that answer is sent, after a short, bounded linger so the client can read it).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The whole body, or why there is none. */
export type BodyOutcome = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads `request`'s body, refusing it as soon as it is known to exceed `maxBytes`. */
export function readBodyWithin(request: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: BodyOutcome) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onError);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop reading: what is still in flight is dropped with the connection (refuseRest).
        request.pause();
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, reason: 'aborted' });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onError);
  });
}

/**
 * After answering a request whose body was refused: the response says `Connection: close`, and
 * once it is written the connection is half-closed but not reset at once. Node would destroy it
 * right after the answer, and a reset with unread upload data can wipe the answer from the client's
 * buffer before it reads it; instead the rest of the upload is left unread (the client's writes
 * stall when the buffers fill) and the socket is destroyed after LINGER_MS.
 */
export function refuseRest(request: IncomingMessage, response: ServerResponse): void {
  response.shouldKeepAlive = false;
  // Marked as being consumed (read(0) reads nothing), or Node would drain the whole upload itself.
  request.pause();
  request.read(0);
  const { socket } = request;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

// Long enough for a client to read the answer, short enough that a stalled upload does not linger.
const LINGER_MS = 2_000;
