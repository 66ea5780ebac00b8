// Entry point of the local console page: loads the stack's configuration, then renders the app.
import 'graphiql/style.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { consoleApi } from './consoleApi.ts';
import { installMonacoWorkers } from './monacoWorkers.ts';

installMonacoWorkers();
const root = createRoot(document.getElementById('root') as HTMLElement);
consoleApi.config().then(
  (config) => root.render(<App config={config} />),
  (error: Error) =>
    root.render(
      <p className="error banner">
        The local stack did not answer ({error.message}). Is <code>npm start</code> still running?
      </p>,
    ),
);
