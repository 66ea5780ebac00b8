// Monaco (GraphiQL 5's editor) starts its language services as web workers, asking the page for
// each by label. They are bundled next to the page (console/build.ts), never fetched from a CDN.
const ASSETS = '/_console/assets';

/** Points Monaco at the bundled workers; call before the first editor mounts. */
export function installMonacoWorkers(): void {
  // Monaco reads this global before it creates its first worker.
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      const name = label === 'json' ? 'json.worker' : label === 'graphql' ? 'graphql.worker' : 'editor.worker';
      return new Worker(`${ASSETS}/${name}.js`, { name: label });
    },
  };
}
