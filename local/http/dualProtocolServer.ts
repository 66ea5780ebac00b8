// One port, two protocols. Amplify JS v6 derives `wss://<graphql host>/graphql/realtime` from any
// non-AppSync endpoint (docs/appsync-facts.md §9.1), so the local endpoint must speak TLS on the
// very port that curl users reach over plain HTTP. The first byte of a connection tells them
// apart: 0x16 opens a TLS handshake.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';

/** A listening HTTP+HTTPS server and how to stop it. */
export interface DualProtocolServer {
  port: number;
  http: http.Server;
  https: https.Server;
  close(): Promise<void>;
}

/** A listener for HTTP upgrade requests (WebSocket handshakes), on either protocol. */
export type UpgradeListener = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Serves `handler` over HTTP and HTTPS on one port (0 = any free port), and `upgrade` (ws://, wss://) when given. */
export async function listenDualProtocol(
  handler: http.RequestListener,
  options: { port: number; host: string; key: string; cert: string; upgrade?: UpgradeListener },
): Promise<DualProtocolServer> {
  const plain = http.createServer(handler);
  const secure = https.createServer({ key: options.key, cert: options.cert }, handler);
  if (options.upgrade) {
    plain.on('upgrade', options.upgrade);
    secure.on('upgrade', options.upgrade);
  }
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Until a server owns the socket nobody else listens for its errors, and an unheard 'error'
    // (a client resetting before its first byte) would crash the whole local stack.
    socket.on('error', dropSocket);
    socket.once('readable', () => route(socket, plain, secure));
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (front.address() as AddressInfo).port,
    http: plain,
    https: secure,
    close: async () => {
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        plain.closeAllConnections();
        secure.closeAllConnections();
        sockets.forEach((s) => s.destroy());
      });
    },
  };
}

/** Hands the socket to the TLS or plain server by its first byte, waiting until one arrives. */
function route(socket: net.Socket, plain: http.Server, secure: https.Server): void {
  const first = socket.read(1) as Buffer | null;
  if (first === null) {
    if (!socket.readableEnded) {
      socket.once('readable', () => route(socket, plain, secure));
    }
    return;
  }
  socket.unshift(first);
  // The http/https server attaches its own error handling (e.g. a 400 for a malformed request).
  socket.off('error', dropSocket);
  (first[0] === 0x16 ? secure : plain).emit('connection', socket);
}

function dropSocket(this: net.Socket): void {
  this.destroy();
}
