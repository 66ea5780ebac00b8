// Queries, mutations and subscriptions: GraphiQL 5 (schema docs and autocompletion from the
// deployed schema by introspection, AppSync's directives and AWS scalars included) over the
// AppSync fetcher, with every subscription event listed below as it arrives.
import { GraphiQL } from 'graphiql';
import { useMemo } from 'react';
import type { CallerAuth } from '../auth/authHeaders.ts';
import type { ConsoleConfig } from '../consoleApi.ts';
import { createAppSyncFetcher } from '../graphql/appSyncFetcher.ts';
import type { SubscriptionEvent } from '../graphql/appSyncFetcher.ts';

const DEFAULT_QUERY = `# The ProLynk API, served locally. Pick an auth mode above, then run an operation.
# Sign in as a local user (Cognito user mode) to call the mutations.

query UsernameAvailable {
  usernameAvailable(username: "ada") { username available reason message }
}

mutation SaveProfile {
  saveProfile(input: { username: "ada", fullName: "Ada Lovelace", bio: "Analyst" }) {
    username fullName bio updatedAt
  }
}

subscription OnProfileEvent {
  onProfileEvent(username: "ada") { username kind renamedTo profile occurredAt }
}
`;

/** Props of the GraphQL view. */
export interface GraphqlViewProps {
  config: ConsoleConfig;
  currentAuth(): CallerAuth;
  events: SubscriptionEvent[];
  activeSubscriptions: number;
  onEvent(event: SubscriptionEvent): void;
  onActiveChange(delta: 1 | -1): void;
  onClearEvents(): void;
}

/** GraphiQL plus the live event list. */
export function GraphqlView(props: GraphqlViewProps) {
  const { config, currentAuth, events, activeSubscriptions, onEvent, onActiveChange, onClearEvents } = props;
  // The fetcher reads the auth state when it runs, so changing the mode does not remount GraphiQL.
  const fetcher = useMemo(
    () => createAppSyncFetcher({ config, currentAuth, onEvent, onActiveChange }),
    [config, currentAuth, onEvent, onActiveChange],
  );
  return (
    <div className="graphql-view">
      <div className="graphiql-host">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} defaultEditorToolsVisibility={false} />
      </div>
      <section className="events" data-testid="subscription-events">
        <header>
          <h3>Subscription events ({events.length})</h3>
          {activeSubscriptions > 0 && (
            <span className="listening" data-testid="subscriptions-active">
              ● listening ({activeSubscriptions} active)
            </span>
          )}
          <button type="button" onClick={onClearEvents} disabled={events.length === 0}>
            Clear
          </button>
        </header>
        {events.length === 0 ? (
          <p className="hint">Run a subscription: each event it receives is listed here as it arrives.</p>
        ) : (
          <ol>
            {events.map((event, index) => (
              <li key={index} data-testid="subscription-event">
                <time>{event.receivedAt.toLocaleTimeString()}</time>{' '}
                <strong>{event.operationName ?? 'subscription'}</strong>
                <pre>{JSON.stringify(event.payload, null, 2)}</pre>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
