import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on `host` by binding port 0 and releasing it.
 * For services that cannot bind port 0 themselves (DynamoDB Local, cognito-local): another
 * process may still take the port before the service binds it, so callers retry on a bind error.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`Could not determine a free port on ${host}`));
        return;
      }
      server.close((error) => (error ? reject(error) : resolve(address.port)));
    });
  });
}
