// "Run test" goes through the same EvaluateCode endpoint the AWS SDK calls
// (POST /v1/dataplane-evaluatecode), signed with SigV4 and the local credentials as AWS requires.
import type { ConsoleConfig } from '../consoleApi.ts';
import { signAppSyncRequest, withoutHost } from '../auth/sigv4.ts';

/** EvaluateCode's answer (API_EvaluateCode). */
export interface EvaluateCodeResult {
  evaluationResult?: string;
  error?: {
    message: string;
    codeErrors?: { errorType: string; value: string; location: { line: number; column: number; span: number } }[];
  };
  logs?: string[];
  stash?: string;
  outErrors?: string;
}

/** Evaluates one handler of `code` against `context` (a JSON string); rejects with AWS's error message. */
export async function evaluateCode(
  config: ConsoleConfig,
  input: { code: string; context: string; function: 'request' | 'response' },
): Promise<EvaluateCodeResult> {
  const body = JSON.stringify({ ...input, runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } });
  const headers = await signAppSyncRequest(
    { path: config.evaluateCodePath, body, headers: { 'content-type': 'application/json' } },
    config.iamCredentials,
    config.region,
  );
  const response = await fetch(config.evaluateCodePath, { method: 'POST', headers: withoutHost(headers), body });
  const answer = (await response.json()) as EvaluateCodeResult & { message?: string };
  if (!response.ok) {
    throw new Error(`${response.headers.get('x-amzn-errortype') ?? response.status}: ${answer.message ?? ''}`);
  }
  return answer;
}
