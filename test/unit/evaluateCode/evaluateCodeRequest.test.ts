// EvaluateCode's input validation (API_EvaluateCode: code 1–32,768 characters, context 2–28,000,
// runtime APPSYNC_JS 1.0.0, function request|response): every violation is a BadRequestException.
import { describe, expect, it } from 'vitest';
import { isControlPlaneError } from '../../../local/appsync/controlPlane/controlPlaneErrors.ts';
import { parseEvaluateCodeRequest } from '../../../local/appsync/evaluateCode/evaluateCodeRequest.ts';

const RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' };
const body = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    runtime: RUNTIME,
    code: 'export function request(ctx) { return {}; }',
    context: '{}',
    ...overrides,
  });

describe('parseEvaluateCodeRequest', () => {
  it('accepts a well-formed request and parses the context', () => {
    const parsed = parseEvaluateCodeRequest(body({ context: '{"arguments":{"a":1}}', function: 'response' }));
    expect(parsed).toEqual({
      code: 'export function request(ctx) { return {}; }',
      context: { arguments: { a: 1 } },
      function: 'response',
    });
  });

  it('evaluates the request handler when no function is given', () => {
    const parsed = parseEvaluateCodeRequest(body({}));
    expect(isControlPlaneError(parsed) ? parsed : parsed.function).toBe('request');
  });

  it('lists every model violation in one BadRequestException, in AWS validation wording', () => {
    const parsed = parseEvaluateCodeRequest(
      JSON.stringify({ runtime: { name: 'VTL', runtimeVersion: '1.0.0' }, code: '', context: 'x'.repeat(28_001) }),
    );
    expect(parsed).toEqual({
      status: 400,
      errorType: 'BadRequestException',
      message:
        "3 validation errors detected: Value 'VTL' at 'runtime.name' failed to satisfy constraint: Member must satisfy enum value set: [APPSYNC_JS]; " +
        "Value at 'code' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value at 'context' failed to satisfy constraint: Member must have length less than or equal to 28000",
    });
  });

  it('refuses code over 32,768 characters and a context under 2', () => {
    const parsed = parseEvaluateCodeRequest(body({ code: 'x'.repeat(32_769), context: '{' }));
    expect(isControlPlaneError(parsed) && parsed.message).toBe(
      "2 validation errors detected: Value at 'code' failed to satisfy constraint: Member must have length less than or equal to 32768; " +
        "Value at 'context' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('accepts the limits themselves', () => {
    const context = JSON.stringify({ pad: 'x'.repeat(28_000 - 10) });
    expect(context).toHaveLength(28_000);
    expect(isControlPlaneError(parseEvaluateCodeRequest(body({ code: 'x'.repeat(32_768), context })))).toBe(false);
  });

  it('requires code, context and runtime', () => {
    const parsed = parseEvaluateCodeRequest('{}');
    expect(isControlPlaneError(parsed) && parsed.message).toBe(
      "3 validation errors detected: Value null at 'runtime' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'code' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'context' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([
    [
      'an unknown runtime version',
      { runtime: { name: 'APPSYNC_JS', runtimeVersion: '2.0.0' } },
      /Runtime version 2\.0\.0/,
    ],
    ['a function other than request or response', { function: 'handler' }, /Invalid function 'handler'/],
    ['a context that is not JSON', { context: '{oops}' }, /Unable to parse the context as JSON/],
    ['a context that is not an object', { context: '[1,2]' }, /must be a JSON object/],
  ])('refuses %s', (_, overrides, message) => {
    const parsed = parseEvaluateCodeRequest(body(overrides));
    expect(isControlPlaneError(parsed)).toBe(true);
    expect(isControlPlaneError(parsed) && parsed.errorType).toBe('BadRequestException');
    expect(isControlPlaneError(parsed) && parsed.message).toMatch(message);
  });

  it('refuses a body that is not a JSON object', () => {
    expect(parseEvaluateCodeRequest('not json')).toMatchObject({ status: 400, errorType: 'BadRequestException' });
    expect(parseEvaluateCodeRequest('[]')).toMatchObject({ status: 400, errorType: 'BadRequestException' });
  });
});
