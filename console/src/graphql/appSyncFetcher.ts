// GraphiQL's fetcher for an AppSync API: queries and mutations POSTed to /graphql with the
// chosen auth mode's credentials (plus any headers typed in GraphiQL's header editor), and
// subscriptions over AppSync's real-time protocol. Every subscription event is also reported to
// `onEvent`, so the page can list them as they arrive.
import type { GraphiQLProps } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import type { ExecutionResult } from 'graphql';
import type { ConsoleConfig } from '../consoleApi.ts';
import { authHeaders, type CallerAuth } from '../auth/authHeaders.ts';
import { withoutHost } from '../auth/sigv4.ts';
import { subscribeRealtime } from './realtimeSubscription.ts';

type Fetcher = GraphiQLProps['fetcher'];

// What GraphiQL hands a subscription's Observable (its result type: a GraphQL response).
interface Observer {
  next(value: ExecutionResult): void;
  error(error: unknown): void;
  complete(): void;
}

/** One delivered subscription event. */
export interface SubscriptionEvent {
  receivedAt: Date;
  operationName: string | null;
  payload: unknown;
}

/** Where the fetcher reads the current auth state and reports events. */
export interface FetcherContext {
  config: ConsoleConfig;
  currentAuth(): CallerAuth;
  onEvent(event: SubscriptionEvent): void;
  /** +1 when a subscription is acknowledged, -1 when that one ends. */
  onActiveChange(delta: 1 | -1): void;
}

/** Builds the fetcher; it reads the auth state at call time, so it never needs replacing. */
export function createAppSyncFetcher(context: FetcherContext): Fetcher {
  return (params, options) => {
    const body = JSON.stringify({
      query: params.query,
      variables: params.variables ?? {},
      ...(params.operationName ? { operationName: params.operationName } : {}),
    });
    const extraHeaders = stringHeaders(options?.headers);
    if (isSubscription(params.query, params.operationName)) {
      return subscriptionObservable(context, body, params.operationName ?? null, extraHeaders);
    }
    return post(context, body, extraHeaders);
  };
}

function isSubscription(query: string, operationName: string | null | undefined): boolean {
  try {
    return getOperationAST(parse(query), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    // A query GraphQL cannot parse goes to the server, which answers with AppSync's own error.
    return false;
  }
}

async function post(context: FetcherContext, body: string, extra: Record<string, string>) {
  const { config } = context;
  const headers = await authHeaders(context.currentAuth(), config, config.graphqlPath, body);
  const response = await fetch(config.graphqlPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...withoutHost(headers), ...extra },
    body,
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text}` }] };
  }
}

function subscriptionObservable(
  context: FetcherContext,
  data: string,
  operationName: string | null,
  extra: Record<string, string>,
) {
  return {
    subscribe(
      observerOrNext?: Observer | Observer['next'],
      error?: Observer['error'] | null,
      complete?: Observer['complete'],
    ) {
      const observer =
        typeof observerOrNext === 'object'
          ? observerOrNext
          : { next: observerOrNext ?? (() => {}), error: error ?? (() => {}), complete: complete ?? (() => {}) };
      let stop: (() => void) | undefined;
      let cancelled = false;
      let active = false;
      const setActive = (now: boolean) => {
        if (now === active) return;
        active = now;
        context.onActiveChange(now ? 1 : -1);
      };
      const { config } = context;
      const auth = context.currentAuth();
      const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${config.realtimePath}`;
      Promise.all([
        authHeaders(auth, config, `${config.graphqlPath}/connect`, '{}'),
        authHeaders(auth, config, config.graphqlPath, data),
      ]).then(
        ([connectHeaders, startHeaders]) => {
          if (cancelled) return;
          stop = subscribeRealtime(
            { url, data, connectHeaders: { ...connectHeaders, ...extra }, startHeaders: { ...startHeaders, ...extra } },
            {
              started: () => setActive(true),
              next: (payload) => {
                context.onEvent({ receivedAt: new Date(), operationName, payload });
                // AppSync's error entries carry errorType/locations like GraphQL errors; GraphiQL shows them as is.
                observer.next(payload as ExecutionResult);
              },
              error: (e) => {
                setActive(false);
                observer.error(e);
              },
              complete: () => {
                setActive(false);
                observer.complete();
              },
            },
          );
        },
        (e: unknown) => observer.error(e),
      );
      return {
        unsubscribe: () => {
          cancelled = true;
          setActive(false);
          stop?.();
        },
      };
    },
  };
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}
