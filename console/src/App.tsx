// The local console: one page with four views over the running stack — GraphQL (GraphiQL with
// AppSync's auth modes and real-time protocol), Data, Resolvers and the request log — and the
// auth state they share.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallerAuth } from './auth/authHeaders.ts';
import { keepFresh, sessionFrom } from './auth/session.ts';
import type { Session } from './auth/session.ts';
import { consoleApi } from './consoleApi.ts';
import type { AuthMode, ConsoleConfig, ConsoleLogLine } from './consoleApi.ts';
import type { SubscriptionEvent } from './graphql/appSyncFetcher.ts';
import { AuthBar } from './views/AuthBar.tsx';
import { DataView } from './views/DataView.tsx';
import { GraphqlView } from './views/GraphqlView.tsx';
import { LogView, isErrorLine } from './views/LogView.tsx';
import { ResolverView } from './views/ResolverView.tsx';
import { SignInDialog } from './views/SignInDialog.tsx';

type Tab = 'graphql' | 'data' | 'resolvers' | 'log';
const TABS: { id: Tab; label: string }[] = [
  { id: 'graphql', label: 'GraphQL' },
  { id: 'data', label: 'Data' },
  { id: 'resolvers', label: 'Resolvers' },
  { id: 'log', label: 'Request log' },
];
const LOG_LIMIT = 500;

/** The console page once its configuration has loaded. */
export function App({ config }: { config: ConsoleConfig }) {
  const [tab, setTab] = useState<Tab>('graphql');
  const [mode, setMode] = useState<AuthMode>(config.apiKey ? 'API_KEY' : config.defaultAuthMode);
  const { session, setSession, sessionError, setSessionError } = useSession();
  const [signingIn, setSigningIn] = useState(false);
  const [events, setEvents] = useState<SubscriptionEvent[]>([]);
  const [activeSubscriptions, setActiveSubscriptions] = useState(0);
  const lines = useRequestLog();

  // The fetcher reads the auth state through this ref at call time.
  const auth = useRef<CallerAuth>({ mode, session });
  auth.current = { mode, session };
  const currentAuth = useCallback(() => auth.current, []);
  const onEvent = useCallback((event: SubscriptionEvent) => setEvents((all) => [...all, event]), []);
  const onActiveChange = useCallback((delta: 1 | -1) => setActiveSubscriptions((n) => n + delta), []);

  return (
    <div className="console">
      <header className="top-bar">
        <h1>
          ProLynk <span>local console</span>
        </h1>
        <Tabs tab={tab} onSelect={setTab} log={lines.log} />
        <AuthBar
          config={config}
          mode={mode}
          session={session}
          onModeChange={setMode}
          onSignInClick={() => setSigningIn(true)}
          onSignOut={() => setSession(null)}
        />
      </header>
      {sessionError && (
        <p className="error banner" role="alert">
          {sessionError}
        </p>
      )}
      <div className={tab === 'graphql' ? 'view' : 'view hidden'}>
        <GraphqlView
          config={config}
          currentAuth={currentAuth}
          events={events}
          activeSubscriptions={activeSubscriptions}
          onEvent={onEvent}
          onActiveChange={onActiveChange}
          onClearEvents={() => setEvents([])}
        />
      </div>
      {tab === 'data' && (
        <div className="view">
          <DataView bucket={config.bucket} />
        </div>
      )}
      {tab === 'resolvers' && (
        <div className="view">
          <ResolverView config={config} session={session} />
        </div>
      )}
      <div className={tab === 'log' ? 'view' : 'view hidden'}>
        <LogView lines={lines.log} onClear={lines.clear} />
      </div>
      {signingIn && (
        <SignInDialog
          onClose={() => setSigningIn(false)}
          onSignedIn={(tokens, email) => {
            setSession(sessionFrom(tokens, email));
            setSessionError(null);
            setMode('AMAZON_COGNITO_USER_POOLS');
            setSigningIn(false);
          }}
        />
      )}
    </div>
  );
}

// The signed-in user, refreshed in the background; a failed refresh is shown, not hidden.
function useSession() {
  const [session, setSession] = useState<Session | null>(null);
  const [sessionError, setSessionError] = useState<string | null>(null);
  useEffect(() => {
    if (!session) return undefined;
    return keepFresh(session, {
      refresh: consoleApi.refresh,
      onRefreshed: setSession,
      onFailed: (error) => setSessionError(`Token refresh failed: ${error.message}`),
    });
  }, [session]);
  return { session, setSession, sessionError, setSessionError };
}

// The view tabs; the log's shows how many lines arrived, red when any failed.
function Tabs({ tab, onSelect, log }: { tab: Tab; onSelect(tab: Tab): void; log: ConsoleLogLine[] }) {
  const errors = log.filter(isErrorLine).length;
  return (
    <nav className="tabs">
      {TABS.map((t) => (
        <button
          type="button"
          key={t.id}
          className={tab === t.id ? 'active' : ''}
          data-testid={`tab-${t.id}`}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
          {t.id === 'log' && log.length > 0 && (
            <span className={errors > 0 ? 'badge error' : 'badge'}>{log.length}</span>
          )}
        </button>
      ))}
    </nav>
  );
}

// The request log stream (server-sent events), kept to the last LOG_LIMIT lines.
function useRequestLog() {
  const [log, setLog] = useState<ConsoleLogLine[]>([]);
  useEffect(() => {
    const source = new EventSource(consoleApi.logStreamUrl);
    source.onmessage = (event) => {
      const line = JSON.parse(String(event.data)) as ConsoleLogLine;
      setLog((all) => (all.some((l) => l.id === line.id) ? all : [...all, line].slice(-LOG_LIMIT)));
    };
    return () => source.close();
  }, []);
  return { log, clear: () => setLog([]) };
}
