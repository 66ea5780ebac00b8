// Each field's resolver as deployed: unit or pipeline, its data source, the bundled APPSYNC_JS
// code of the resolver and of each pipeline function, and a "Run test" panel that evaluates a
// request or response handler against a context you edit, through EvaluateCode.
import { useEffect, useMemo, useState } from 'react';
import type { Session } from '../auth/session.ts';
import { jwtClaims } from '../auth/session.ts';
import { consoleApi } from '../consoleApi.ts';
import type { ConsoleConfig, ConsoleDataSource, ConsoleResolver } from '../consoleApi.ts';
import { RunTestPanel } from './RunTestPanel.tsx';

/** One piece of code a test can run: the resolver's own handlers or a pipeline function's. */
export interface CodeTarget {
  label: string;
  code: string;
  dataSource: ConsoleDataSource | null;
}

/** The resolver list and the selected resolver's details. */
export function ResolverView({ config, session }: { config: ConsoleConfig; session: Session | null }) {
  const [resolvers, setResolvers] = useState<ConsoleResolver[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    consoleApi.resolvers().then(
      (out) => {
        setResolvers(out.resolvers);
        setSelected((s) => s ?? keyOf(out.resolvers[0]));
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  const resolver = resolvers.find((r) => keyOf(r) === selected);
  return (
    <div className="split-view">
      <nav className="side-list" data-testid="resolver-list">
        <h3>Resolvers</h3>
        {resolvers.map((r) => (
          <button
            type="button"
            key={keyOf(r)}
            className={keyOf(r) === selected ? 'active' : ''}
            data-testid={`resolver-${keyOf(r)}`}
            onClick={() => setSelected(keyOf(r))}
          >
            {keyOf(r)} <small>{r.kind === 'PIPELINE' ? `pipeline · ${r.functions.length}` : r.dataSource?.type}</small>
          </button>
        ))}
      </nav>
      <main className="detail">
        {error && <p className="error">{error}</p>}
        {resolver && <ResolverDetail key={keyOf(resolver)} resolver={resolver} config={config} session={session} />}
      </main>
    </div>
  );
}

function ResolverDetail({
  resolver,
  config,
  session,
}: {
  resolver: ConsoleResolver;
  config: ConsoleConfig;
  session: Session | null;
}) {
  const targets: CodeTarget[] = useMemo(
    () => [
      {
        label: resolver.kind === 'PIPELINE' ? 'Pipeline resolver (before/after)' : 'Resolver',
        code: resolver.code,
        dataSource: resolver.dataSource,
      },
      ...resolver.functions.map((fn, index) => ({
        label: `Function ${index + 1}: ${fn.name}`,
        code: fn.code,
        dataSource: fn.dataSource,
      })),
    ],
    [resolver],
  );
  const [targetIndex, setTargetIndex] = useState(0);
  const target = targets[targetIndex] ?? targets[0];
  return (
    <section data-testid="resolver-detail">
      <h2>
        {keyOf(resolver)} <small>{resolver.kind === 'PIPELINE' ? 'pipeline resolver' : 'unit resolver'}</small>
      </h2>
      <div className="targets">
        {targets.map((t, index) => (
          <button
            type="button"
            key={t.label}
            className={index === targetIndex ? 'active' : ''}
            onClick={() => setTargetIndex(index)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <p className="data-source" data-testid="resolver-data-source">
        Data source:{' '}
        {target.dataSource ? (
          <>
            <strong>{target.dataSource.name}</strong> ({target.dataSource.type}
            {target.dataSource.tableName ? `, table ${target.dataSource.tableName}` : ''})
          </>
        ) : (
          'none (the pipeline runs its functions)'
        )}
      </p>
      <div className="code-and-test">
        <pre className="code" data-testid="resolver-code">
          {target.code}
        </pre>
        <RunTestPanel
          key={target.label}
          config={config}
          code={target.code}
          initialContext={sampleContext(resolver, session)}
        />
      </div>
    </section>
  );
}

function keyOf(resolver: ConsoleResolver | undefined): string {
  return resolver ? `${resolver.typeName}.${resolver.fieldName}` : '';
}

// A context like the one AppSync builds (docs/appsync-facts.md §4), with the signed-in user's
// identity when there is one, so a test starts from something realistic.
function sampleContext(resolver: ConsoleResolver, session: Session | null): string {
  const claims = session
    ? jwtClaims(session.idToken)
    : { sub: '00000000-0000-0000-0000-000000000000', email: 'ada@example.com' };
  return JSON.stringify(
    {
      arguments: resolver.sampleArguments ?? {},
      identity: {
        sub: claims.sub,
        issuer: claims.iss ?? 'http://localhost/local_pool',
        username: claims['cognito:username'] ?? claims.sub,
        claims,
        sourceIp: ['127.0.0.1'],
        defaultAuthStrategy: 'ALLOW',
        groups: null,
      },
      source: null,
      stash: {},
      result: null,
      prev: { result: null },
      info: {
        fieldName: resolver.fieldName,
        parentTypeName: resolver.typeName,
        variables: {},
        selectionSetList: [],
        selectionSetGraphQL: '',
      },
      request: { headers: {} },
    },
    null,
    2,
  );
}
