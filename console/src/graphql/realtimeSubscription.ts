// One subscription over AppSync's real-time protocol (docs/appsync-facts.md §8): a WebSocket to
// /graphql/realtime offering the `graphql-ws` subprotocol with the auth header object as a
// `header-<base64url>` subprotocol (as Amplify JS v6 does), connection_init → connection_ack, then
// `start` carrying the operation and its own authorization; `data` frames are the events, `stop`
// ends it. Each subscription gets its own connection, which keeps teardown trivial.

/** What a subscriber hears. */
export interface SubscriptionObserver {
  /** AppSync acknowledged the start: events published from now on are delivered. */
  started(): void;
  next(payload: { data?: unknown; errors?: unknown[] }): void;
  error(error: unknown): void;
  complete(): void;
}

/** The operation and how to authorize the connection and the start message. */
export interface RealtimeRequest {
  url: string;
  /** The JSON string AppSync expects in start.payload.data. */
  data: string;
  connectHeaders: Record<string, string>;
  startHeaders: Record<string, string>;
}

const base64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** Opens the connection and starts the subscription; the returned function stops it. */
export function subscribeRealtime(request: RealtimeRequest, observer: SubscriptionObserver): () => void {
  const id = crypto.randomUUID();
  const socket = new WebSocket(request.url, [
    'graphql-ws',
    `header-${base64url(JSON.stringify(request.connectHeaders))}`,
  ]);
  let stopped = false;

  socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as {
      type: string;
      id?: string;
      payload?: { data?: unknown; errors?: unknown[] };
    };
    switch (message.type) {
      case 'connection_ack':
        socket.send(
          JSON.stringify({
            id,
            type: 'start',
            payload: { data: request.data, extensions: { authorization: request.startHeaders } },
          }),
        );
        return;
      case 'start_ack':
        if (message.id === id) observer.started();
        return;
      case 'data':
        if (message.id === id) observer.next(message.payload ?? {});
        return;
      case 'error':
      case 'connection_error':
        // AppSync's errors arrive as {errors:[{errorType, message}]}: shown like a GraphQL response.
        observer.next({ errors: message.payload?.errors ?? [message.payload] });
        observer.complete();
        socket.close();
        return;
      case 'complete':
        observer.complete();
        socket.close();
        return;
      default:
        // ka (keep-alive) needs no answer.
        return;
    }
  });
  socket.addEventListener('close', () => {
    if (!stopped) observer.complete();
  });
  socket.addEventListener('error', () =>
    observer.error(new Error(`The real-time connection to ${request.url} failed.`)),
  );

  return () => {
    stopped = true;
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, type: 'stop' }));
    socket.close();
  };
}
