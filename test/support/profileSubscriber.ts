// An onProfileEvent subscriber on the running stack's real-time endpoint (API key, AppSync's
// graphql-ws protocol over wss://), collecting the events it receives.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { LocalOutputs } from '../../local/index.ts';

const SUBSCRIBE =
  'subscription S($u: String!) { onProfileEvent(username: $u) { username kind renamedTo profile occurredAt } }';

/** Subscribes to `username`'s profile events; resolves once the subscription is started. */
export async function subscribeToProfile(stack: LocalOutputs, username: string) {
  const host = new URL(stack.graphqlUrl).host;
  const auth = { host, 'x-api-key': stack.apiKey };
  const header = Buffer.from(JSON.stringify(auth)).toString('base64url');
  const socket = new WebSocket(stack.realtimeUrl, ['graphql-ws', `header-${header}`], {
    ca: readFileSync(stack.tlsCertificate),
  });
  const events: { username: string; kind: string; renamedTo: string | null; profile: string | null }[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: 'sub-1',
            type: 'start',
            payload: {
              data: JSON.stringify({ query: SUBSCRIBE, variables: { u: username } }),
              extensions: { authorization: auth },
            },
          }),
        );
      } else if (message.type === 'start_ack') {
        resolve();
      } else if (message.type === 'data') {
        events.push(message.payload.data.onProfileEvent);
      } else if (message.type === 'error' || message.type === 'connection_error') {
        reject(new Error(JSON.stringify(message)));
      }
    });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('error', reject);
  });
  return { events, close: () => socket.close() };
}
