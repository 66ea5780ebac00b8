// EvaluateCode's evaluation: what one handler returns against a context map, and how AWS reports
// code it refuses, util.error, appended errors, the stash and console lines. AWS's own examples
// (the AppSync guide's "Testing your resolver and function handlers", a recorded regex rejection)
// are the expectations where they exist.
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../local/appsync/evaluateCode/evaluateCode.ts';
import type { EvaluatedFunction } from '../../../local/appsync/evaluateCode/evaluateCodeRequest.ts';

const evaluate = (code: string, context: Record<string, unknown> = {}, fn: EvaluatedFunction = 'request') =>
  evaluateCode({ code, context, function: fn }, { now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 678), random: () => 0.5 });

// The guide's example, verbatim apart from its line endings.
const DOG_CODE = `import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ id: util.autoId() }),
    attributeValues: util.dynamodb.toMapValues(ctx.args),
  };
}

export function response(ctx) {
  if (ctx.identity.username === 'Nadia') {
    console.log("This request is allowed")
    return ctx.result;
  }
  util.unauthorized();
}
`;
const DOG_CONTEXT = {
  arguments: { firstname: 'Shaggy', age: 4 },
  source: {},
  result: { breed: 'Miniature Schnauzer', color: 'black_grey' },
  identity: {
    sub: 'uuid',
    issuer: ' https://cognito-idp.{region}.amazonaws.com/{userPoolId}',
    username: 'Nadia',
    claims: {},
    sourceIp: ['x.x.x.x'],
    defaultAuthStrategy: 'ALLOW',
  },
};

describe('evaluateCode', () => {
  it("reproduces the guide's response example: the result as JSON and the log line with its position", () => {
    const out = evaluate(DOG_CODE, DOG_CONTEXT, 'response');
    expect(JSON.parse(out.evaluationResult ?? '')).toEqual({ breed: 'Miniature Schnauzer', color: 'black_grey' });
    expect(out.logs).toEqual(['INFO - code.js:13:5: "This request is allowed"']);
    expect(out.error).toBeUndefined();
  });

  it("evaluates the guide's request handler with the context's arguments", () => {
    const result = JSON.parse(evaluate(DOG_CODE, DOG_CONTEXT).evaluationResult ?? '');
    expect(result.operation).toBe('PutItem');
    expect(result.attributeValues).toEqual({ firstname: { S: 'Shaggy' }, age: { N: 4 } });
    expect(result.key.id.S).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports util.unauthorized() as the bare message "Unauthorized", without a result', () => {
    const out = evaluate(
      DOG_CODE,
      { ...DOG_CONTEXT, identity: { ...DOG_CONTEXT.identity, username: 'Scooby' } },
      'response',
    );
    expect(out.error).toEqual({ message: 'Unauthorized' });
    expect(out.evaluationResult).toBeUndefined();
  });

  it('returns the stash and the appended errors as JSON strings, and util.error as the error', () => {
    const out = evaluate(
      `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  ctx.stash.seen = ctx.stash.before + 1;
  util.appendError('first', 'Soft', { a: 1 }, { why: 'x' });
  util.error('stop here', 'Hard');
}
export function response(ctx) { return null; }`,
      { stash: { before: 41 } },
    );
    expect(out.error).toEqual({ message: 'stop here' });
    expect(JSON.parse(out.stash ?? '')).toEqual({ before: 41, seen: 42 });
    expect(JSON.parse(out.outErrors ?? '')).toEqual([
      { data: { a: 1 }, errorType: 'Soft', errorInfo: { why: 'x' }, message: 'first' },
    ]);
  });

  it('answers a successful evaluation with every field, empty ones included', () => {
    const out = evaluate(
      'export function request(ctx) { return { n: ctx.args.n * 2 }; }\nexport function response(ctx) { return ctx.result; }',
      {
        arguments: { n: 21 },
      },
    );
    expect(out).toEqual({ evaluationResult: '{"n":42}', logs: [], stash: '{}', outErrors: '[]' });
  });

  it('uses the value given to runtime.earlyReturn as the result', () => {
    const out = evaluate(
      `import { runtime } from '@aws-appsync/utils';
export function request(ctx) { runtime.earlyReturn({ early: true }); return { late: true }; }
export function response(ctx) { return ctx.result; }`,
    );
    expect(out.evaluationResult).toBe('{"early":true}');
  });

  it('gives the response handler ctx.result, ctx.error and ctx.prev from the context', () => {
    const out = evaluate(
      'export function request(ctx) { return {}; }\nexport function response(ctx) { return { result: ctx.result, error: ctx.error, prev: ctx.prev.result }; }',
      { result: { id: 1 }, error: { message: 'boom', type: 'DynamoDB:X' }, prev: { result: 'before' } },
      'response',
    );
    expect(JSON.parse(out.evaluationResult ?? '')).toEqual({
      result: { id: 1 },
      error: { message: 'boom', type: 'DynamoDB:X' },
      prev: 'before',
    });
  });

  it('reads the auth mode from the identity and the time from the injected clock', () => {
    const out = evaluate(
      `import { util } from '@aws-appsync/utils';
export function request(ctx) { return [util.authType(), util.time.nowISO8601(), ctx.info.fieldName]; }
export function response(ctx) { return null; }`,
      { identity: DOG_CONTEXT.identity, info: { fieldName: 'addDog', parentTypeName: 'Mutation' } },
    );
    expect(JSON.parse(out.evaluationResult ?? '')).toEqual([
      'User Pool Authorization',
      '2025-01-02T03:04:05.678Z',
      'addDog',
    ]);
  });

  it('writes each console argument as JSON, console.error as ERROR, at the call position', () => {
    const out = evaluate(
      `export function request(ctx) {
  console.log('got', ctx.args.n, { a: 1 });
    console.error('bad');
  return null;
}
export function response(ctx) { return null; }`,
      { arguments: { n: 2 } },
    );
    expect(out.logs).toEqual(['INFO - code.js:2:3: "got" 2 {"a":1}', 'ERROR - code.js:3:5: "bad"']);
  });

  it('refuses code the APPSYNC_JS rules reject, one code error per problem with its position and span', () => {
    const out = evaluate(`export function request(ctx) {
  let i = 0;
  i++;
  return ctx.args.name.replace(/-/g, '_');
}
export function response(ctx) { return ctx.result; }`);
    expect(out.evaluationResult).toBeUndefined();
    expect(out.logs).toBeUndefined();
    expect(out.error?.codeErrors).toEqual([
      {
        errorType: 'LINT_ERROR',
        value: '@aws-appsync/no-disallowed-unary-operators: The operator ++ is not supported',
        location: { line: 3, column: 3, span: 3 },
      },
      {
        errorType: 'LINT_ERROR',
        value: '@aws-appsync/no-regex: Regex literals are not supported.',
        location: { line: 4, column: 32, span: 4 },
      },
    ]);
    // AWS's recorded wording for such code: "Error: code.js(5,44): error @aws-appsync/no-regex: Regex literals are not supported."
    expect(out.error?.message).toBe(
      'Error: code.js(3,3): error @aws-appsync/no-disallowed-unary-operators: The operator ++ is not supported\n' +
        'code.js(4,32): error @aws-appsync/no-regex: Regex literals are not supported.',
    );
  });

  it('reports a syntax error as a PARSER_ERROR', () => {
    const out = evaluate('export function request(ctx) {\n  return "unterminated;\n}');
    expect(out.error?.codeErrors).toEqual([
      {
        errorType: 'PARSER_ERROR',
        value: 'Parsing error: Unterminated string constant',
        location: { line: 2, column: 10, span: -1 },
      },
    ]);
  });

  it('refuses an import the runtime does not provide', () => {
    const out = evaluate(
      "import { x } from 'lodash';\nexport function request(ctx) { return x; }\nexport function response(ctx) { return null; }",
    );
    expect(out.error?.codeErrors).toEqual([
      { errorType: 'PARSER_ERROR', value: "Cannot find module 'lodash'", location: { line: 0, column: 0, span: -1 } },
    ]);
  });

  it('says which handler is missing', () => {
    expect(evaluate('export function request(ctx) { return 1; }', {}, 'response').error).toEqual({
      message: 'The code does not export a response function.',
    });
  });

  it('reports an exception in the code as the error, keeping the logs written before it', () => {
    const out = evaluate(
      "export function request(ctx) { console.log('before'); return ctx.args.missing.deeper; }\nexport function response(ctx) { return null; }",
    );
    expect(out.error?.message).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'deeper'\)/);
    expect(out.logs).toEqual(['INFO - code.js:1:32: "before"']);
  });

  it('gives Date and Promise no more room than AppSync does', () => {
    const out = evaluate(
      'export function request(ctx) { return typeof Date + typeof Promise; }\nexport function response(ctx) { return null; }',
    );
    expect(out.evaluationResult).toBe('"undefinedundefined"');
  });
});
