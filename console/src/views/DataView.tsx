// What the API wrote: the items of every DynamoDB Local table (read-only, a page at a time, in
// DynamoDB's own scan order) and the objects in the stack's bucket on s3rver.
import { useCallback, useEffect, useState } from 'react';
import { consoleApi } from '../consoleApi.ts';
import type { ConsoleObject, ConsoleTable } from '../consoleApi.ts';

const BUCKET = '(bucket)';

/** The data view: a list of tables and the bucket, and the selected one's page. */
export function DataView({ bucket }: { bucket: string }) {
  const [tables, setTables] = useState<ConsoleTable[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    consoleApi.tables().then(
      (out) => {
        setTables(out.tables);
        setSelected((current) => current ?? out.tables[0]?.name ?? BUCKET);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  return (
    <div className="split-view">
      <nav className="side-list" data-testid="data-sources">
        <h3>Tables</h3>
        {tables.map((table) => (
          <button
            type="button"
            key={table.name}
            className={selected === table.name ? 'active' : ''}
            data-testid={`table-${table.name}`}
            onClick={() => setSelected(table.name)}
          >
            {table.name}
          </button>
        ))}
        <h3>Bucket</h3>
        <button
          type="button"
          className={selected === BUCKET ? 'active' : ''}
          data-testid="bucket"
          onClick={() => setSelected(BUCKET)}
        >
          {bucket}
        </button>
      </nav>
      <main className="detail">
        {error && <p className="error">{error}</p>}
        {selected === BUCKET ? (
          <ObjectPages key="bucket" />
        ) : selected ? (
          <ItemPages key={selected} table={tables.find((t) => t.name === selected)} />
        ) : null}
      </main>
    </div>
  );
}

// Pages are walked forwards with the token DynamoDB (or S3) handed out and backwards from a stack.
function usePages<T>(load: (next: string | null) => Promise<{ rows: T[]; next: string | null }>) {
  const [tokens, setTokens] = useState<(string | null)[]>([null]);
  const [rows, setRows] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = tokens[tokens.length - 1] ?? null;
  const refresh = useCallback(() => {
    setError(null);
    load(current).then(
      (page) => {
        setRows(page.rows);
        setNext(page.next);
      },
      (e: Error) => setError(e.message),
    );
  }, [load, current]);
  useEffect(refresh, [refresh]);
  return {
    rows,
    error,
    page: tokens.length,
    refresh,
    hasNext: next !== null,
    forward: () => setTokens((t) => [...t, next]),
    back: () => setTokens((t) => (t.length > 1 ? t.slice(0, -1) : t)),
  };
}

function Pager({ pages }: { pages: ReturnType<typeof usePages<unknown>> }) {
  return (
    <div className="pager">
      <button type="button" onClick={pages.back} disabled={pages.page === 1}>
        ← Previous
      </button>
      <span>Page {pages.page}</span>
      <button type="button" onClick={pages.forward} disabled={!pages.hasNext} data-testid="next-page">
        Next →
      </button>
      <button type="button" onClick={pages.refresh} data-testid="refresh">
        Refresh
      </button>
    </div>
  );
}

function ItemPages({ table }: { table: ConsoleTable | undefined }) {
  const name = table?.name ?? '';
  const load = useCallback(
    (next: string | null) => consoleApi.items(name, next).then((p) => ({ rows: p.items ?? [], next: p.next })),
    [name],
  );
  const pages = usePages(load);
  const keyNames = (table?.keys ?? []).map((k) => k.name);
  const columns = [...new Set([...keyNames, ...(pages.rows ?? []).flatMap((row) => Object.keys(row))])];
  return (
    <section data-testid="table-items">
      <h2>
        {name} <small>key: {keyNames.join(' + ')}</small>
      </h2>
      <Pager pages={pages as ReturnType<typeof usePages<unknown>>} />
      {pages.error && <p className="error">{pages.error}</p>}
      {pages.rows && pages.rows.length === 0 && <p className="hint">No items.</p>}
      {pages.rows && pages.rows.length > 0 && (
        <div className="table-scroll">
          <table className="items">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} className={keyNames.includes(column) ? 'key' : ''}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pages.rows.map((row, index) => (
                <tr key={index} data-testid="item-row">
                  {columns.map((column) => (
                    <td key={column} title={cellText(row[column])}>
                      {cellText(row[column])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ObjectPages() {
  const load = useCallback(
    (next: string | null) => consoleApi.objects(next).then((p) => ({ rows: p.objects ?? [], next: p.next })),
    [],
  );
  const pages = usePages<ConsoleObject>(load);
  return (
    <section data-testid="bucket-objects">
      <h2>Objects</h2>
      <Pager pages={pages as ReturnType<typeof usePages<unknown>>} />
      {pages.error && <p className="error">{pages.error}</p>}
      {pages.rows && pages.rows.length === 0 && <p className="hint">No objects.</p>}
      {pages.rows && pages.rows.length > 0 && (
        <table className="items">
          <thead>
            <tr>
              <th>key</th>
              <th>size</th>
              <th>last modified</th>
            </tr>
          </thead>
          <tbody>
            {pages.rows.map((object) => (
              <tr key={object.key}>
                <td>
                  <a href={object.url} target="_blank" rel="noreferrer">
                    {object.key}
                  </a>
                </td>
                <td>{object.size} B</td>
                <td>{object.lastModified}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function cellText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
