// "Run test": evaluates the request or response handler of one bundle against an editable
// context through EvaluateCode, and shows what AWS's API returns — the result, the error and its
// code errors, the logs, the stash and the appended errors.
import { useState } from 'react';
import type { ConsoleConfig } from '../consoleApi.ts';
import { evaluateCode } from '../graphql/evaluateCode.ts';
import type { EvaluateCodeResult } from '../graphql/evaluateCode.ts';

/** Props of the panel. */
export interface RunTestPanelProps {
  config: ConsoleConfig;
  code: string;
  initialContext: string;
}

/** The context editor, handler choice and the evaluation's outcome. */
export function RunTestPanel({ config, code, initialContext }: RunTestPanelProps) {
  const [context, setContext] = useState(initialContext);
  const [handler, setHandler] = useState<'request' | 'response'>('request');
  const [result, setResult] = useState<EvaluateCodeResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await evaluateCode(config, { code, context, function: handler }));
    } catch (e) {
      setResult(null);
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="run-test" data-testid="run-test">
      <h3>Run test</h3>
      <div className="run-test-controls">
        <label>
          Handler{' '}
          <select
            data-testid="run-test-handler"
            value={handler}
            onChange={(e) => setHandler(e.target.value as 'request' | 'response')}
          >
            <option value="request">request</option>
            <option value="response">response</option>
          </select>
        </label>
        <button type="button" data-testid="run-test-button" onClick={() => void run()} disabled={busy}>
          {busy ? 'Running…' : 'Run test'}
        </button>
      </div>
      <label className="context-label" htmlFor="run-test-context">
        Context (arguments, identity, source, stash, result, prev, info, request)
      </label>
      <textarea
        id="run-test-context"
        data-testid="run-test-context"
        spellCheck={false}
        value={context}
        onChange={(e) => setContext(e.target.value)}
      />
      {failure && (
        <p className="error" data-testid="run-test-failure">
          {failure}
        </p>
      )}
      {result && <EvaluationOutcome result={result} />}
    </div>
  );
}

function EvaluationOutcome({ result }: { result: EvaluateCodeResult }) {
  return (
    <div className="evaluation" data-testid="run-test-result">
      {result.evaluationResult !== undefined && (
        <>
          <h4>Evaluation result</h4>
          <pre data-testid="evaluation-result">{pretty(result.evaluationResult)}</pre>
        </>
      )}
      {result.error && (
        <>
          <h4 className="error">Error</h4>
          <pre className="error" data-testid="evaluation-error">
            {result.error.message}
          </pre>
          {(result.error.codeErrors ?? []).map((codeError, index) => (
            <p key={index} className="error">
              {codeError.errorType} at {codeError.location.line}:{codeError.location.column} — {codeError.value}
            </p>
          ))}
        </>
      )}
      {result.logs && result.logs.length > 0 && (
        <>
          <h4>Logs</h4>
          <pre data-testid="evaluation-logs">{result.logs.join('\n')}</pre>
        </>
      )}
      {result.stash !== undefined && result.stash !== '{}' && (
        <>
          <h4>Stash</h4>
          <pre>{pretty(result.stash)}</pre>
        </>
      )}
      {result.outErrors !== undefined && result.outErrors !== '[]' && (
        <>
          <h4 className="error">Appended errors</h4>
          <pre className="error">{pretty(result.outErrors)}</pre>
        </>
      )}
    </div>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
