// The EvaluateCode request body, validated as AppSync's control plane validates it (API_EvaluateCode):
// `code` 1–32,768 characters, `context` 2–28,000 characters, `runtime` {name: APPSYNC_JS,
// runtimeVersion: 1.0.0} required, `function` optional (request or response). Model constraints are
// reported in AWS's generic validation wording ("1 validation error detected: …", every violation
// listed), with BadRequestException, the only client error the operation declares. The wording of
// the service-level checks (runtime version, function, context JSON) is not recorded [?].
import { MAX_CODE_LENGTH } from '../runtime/codeErrors.ts';
import { badRequest } from '../controlPlane/controlPlaneErrors.ts';
import type { ControlPlaneError } from '../controlPlane/controlPlaneErrors.ts';

/** The handler EvaluateCode runs. */
export type EvaluatedFunction = 'request' | 'response';

/** A well-formed EvaluateCode request. */
export interface EvaluateCodeRequest {
  code: string;
  /** The parsed `context` JSON object. */
  context: Record<string, unknown>;
  function: EvaluatedFunction;
}

/** `context` is limited to 28,000 characters (API_EvaluateCode). */
export const MAX_CONTEXT_LENGTH = 28_000;
const MIN_CONTEXT_LENGTH = 2;
const RUNTIME_NAMES = ['APPSYNC_JS'];
const RUNTIME_VERSIONS = ['1.0.0'];

/** Parses and validates an EvaluateCode body; the error is what AppSync answers instead. */
export function parseEvaluateCodeRequest(body: string): EvaluateCodeRequest | ControlPlaneError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body === '' ? '{}' : body);
  } catch {
    return badRequest('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return badRequest('The request body must be a JSON object.');
  const input = parsed as Record<string, unknown>;

  const violations = modelViolations(input);
  if (violations.length > 0) {
    const count = `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected`;
    return badRequest(`${count}: ${violations.join('; ')}`);
  }
  const runtime = input.runtime as { runtimeVersion: string };
  if (!RUNTIME_VERSIONS.includes(runtime.runtimeVersion)) {
    return badRequest(
      `Runtime version ${runtime.runtimeVersion} is not supported for APPSYNC_JS. Supported versions: ${RUNTIME_VERSIONS.join(', ')}.`,
    );
  }
  // "If provided, the valid values are request and response" (API_EvaluateCode); without it the
  // request handler is evaluated [?].
  const fn = input.function ?? 'request';
  if (fn !== 'request' && fn !== 'response') {
    return badRequest(`Invalid function '${String(fn)}'. If provided, the valid values are request and response.`);
  }
  const context = parseContext(input.context as string);
  if (typeof context === 'string') return badRequest(context);
  return { code: input.code as string, context, function: fn };
}

// The constraints the API model declares, checked all at once as AWS's validation layer does.
function modelViolations(input: Record<string, unknown>): string[] {
  const violations: string[] = [];
  const text = (name: string, value: unknown, min: number, max: number) => {
    if (value === undefined || value === null) {
      violations.push(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
    } else if (typeof value !== 'string') {
      violations.push(`Value at '${name}' failed to satisfy constraint: Member must be a string`);
    } else if (value.length < min) {
      violations.push(
        `Value at '${name}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
      );
    } else if (value.length > max) {
      violations.push(
        `Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
      );
    }
  };
  const runtime = input.runtime;
  if (runtime === undefined || runtime === null || typeof runtime !== 'object' || Array.isArray(runtime)) {
    violations.push("Value null at 'runtime' failed to satisfy constraint: Member must not be null");
  } else {
    const { name, runtimeVersion } = runtime as Record<string, unknown>;
    if (name === undefined || name === null) {
      violations.push("Value null at 'runtime.name' failed to satisfy constraint: Member must not be null");
    } else if (typeof name !== 'string' || !RUNTIME_NAMES.includes(name)) {
      violations.push(
        `Value '${String(name)}' at 'runtime.name' failed to satisfy constraint: Member must satisfy enum value set: [${RUNTIME_NAMES.join(', ')}]`,
      );
    }
    if (typeof runtimeVersion !== 'string')
      violations.push("Value null at 'runtime.runtimeVersion' failed to satisfy constraint: Member must not be null");
  }
  text('code', input.code, 1, MAX_CODE_LENGTH);
  text('context', input.context, MIN_CONTEXT_LENGTH, MAX_CONTEXT_LENGTH);
  if (input.function !== undefined && input.function !== null && typeof input.function !== 'string')
    violations.push("Value at 'function' failed to satisfy constraint: Member must be a string");
  return violations;
}

// "The map that holds all of the contextual information for your resolver invocation": a JSON object.
function parseContext(text: string): Record<string, unknown> | string {
  let context: unknown;
  try {
    context = JSON.parse(text);
  } catch (error) {
    return `Unable to parse the context as JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (context === null || typeof context !== 'object' || Array.isArray(context))
    return 'The context must be a JSON object (arguments, source, result, identity, stash, prev, info, request).';
  return context as Record<string, unknown>;
}
