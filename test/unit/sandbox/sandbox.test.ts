import { describe, expect, it } from 'vitest';
import { CodeRejectedError } from '../../../local/appsync/runtime/codeErrors.ts';
import type { Invocation } from '../../../local/appsync/runtime/contract.ts';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { createInvocationStack } from '../../../local/appsync/runtime/invocationStack.ts';
import { compileBundle } from '../../../local/appsync/runtime/sandbox.ts';

const invocations = createInvocationStack();
const globals = createAppSyncGlobals(invocations);

function compile(code: string, name = 'Query.sandbox') {
  return compileBundle(code, name, globals, { invocations });
}

function request(code: string, ctx: unknown = {}): unknown {
  const handlers = compile(
    `export function request(ctx) {\n${code}\n}\nexport function response(ctx) { return ctx.result; }`,
  );
  return handlers.request?.(ctx);
}

function invocation(): Invocation {
  return {
    site: { parentTypeName: 'Query', fieldName: 'sandbox', kind: 'resolver', handler: 'request' },
    identity: null,
    appendedErrors: [],
    extensionCalls: [],
    responseHeaders: {},
    logs: [],
  };
}

function rejection(code: string): CodeRejectedError {
  try {
    compile(code);
  } catch (error) {
    if (error instanceof CodeRejectedError) return error;
    throw error;
  }
  throw new Error('expected the bundle to be rejected');
}

describe('the APPSYNC_JS sandbox', () => {
  it('exposes no Node globals to handlers', () => {
    const seen = request(`return {
      process: typeof process, require: typeof require, Buffer: typeof Buffer, setTimeout: typeof setTimeout,
      setInterval: typeof setInterval, queueMicrotask: typeof queueMicrotask, fetch: typeof fetch,
      global: typeof global, module: typeof module, exports: typeof exports,
    };`);
    expect(seen).toEqual({
      process: 'undefined',
      require: 'undefined',
      Buffer: 'undefined',
      setTimeout: 'undefined',
      setInterval: 'undefined',
      queueMicrotask: 'undefined',
      fetch: 'undefined',
      global: 'undefined',
      module: 'undefined',
      exports: 'undefined',
    });
  });

  it('provides util, runtime and extensions as globals and through @aws-appsync/utils', () => {
    const handlers = compile(`import { util as imported } from '@aws-appsync/utils';
      export function request(ctx) { return [typeof util, typeof runtime, typeof extensions, imported === util]; }`);
    expect(handlers.request?.({})).toEqual(['object', 'object', 'object', true]);
  });

  it('has no Date and no Promise (docs/appsync-facts.md §3)', () => {
    expect(request('return [typeof Date, typeof Promise];')).toEqual(['undefined', 'undefined']);
  });

  it('returns an empty string from JSON.parse on invalid input instead of throwing', () => {
    expect(request(`return [JSON.parse('{not json'), JSON.parse(''), JSON.parse('{"a":1}')];`)).toEqual([
      '',
      '',
      { a: 1 },
    ]);
  });

  it('refuses a sort comparator but sorts without one', () => {
    expect(request('return [3, 1, 2].sort();')).toEqual([1, 2, 3]);
    expect(() => request('return [3, 1, 2].sort((a, b) => a - b);')).toThrow(/comparator/);
  });

  it('refuses code generation from strings (Function constructor, eval)', () => {
    expect(() => request(`const F = (() => 1).constructor; return F('return 1')();`)).toThrow(
      /Code generation from strings disallowed/,
    );
    expect(request('return typeof eval;')).toBe('undefined');
  });

  it('leaves the host realm untouched', () => {
    request('return 1;');
    expect(typeof Date).toBe('function');
    expect([3, 1, 2].sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(() => JSON.parse('{bad')).toThrow();
  });

  it.each([
    ['try/catch', 'try { ctx.x(); } catch (e) { return 1; } return 2;', 'no-try'],
    ['while', 'let i = 0; while (i < 2) { i = i + 1; } return i;', 'no-while'],
    ['a class', 'class A {} return 1;', 'no-classes'],
    ['++', 'let i = 0; i++; return i;', 'no-disallowed-unary-operators'],
    ['a regex literal', "return 'a'.replace(/a/, 'b');", 'no-regex'],
  ])('rejects a bundle using %s with "The code contains one or more errors"', (_what, body, rule) => {
    const error = rejection(
      `export function request(ctx) {\n${body}\n}\nexport function response(ctx) { return ctx.result; }`,
    );
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toContain('The code contains one or more errors');
    expect(error.details.join('\n')).toMatch(new RegExp(`^2:\\d+ .*\\(@aws-appsync/${rule}\\)$`, 'm'));
  });

  it('rejects code longer than 32768 characters and accepts exactly 32768', () => {
    const handlers =
      'export function request(ctx) { return {}; }\nexport function response(ctx) { return ctx.result; }\n';
    const pad = (length: number) => handlers + `//${'x'.repeat(length - handlers.length - 2)}`;
    expect(() => compile(pad(32768))).not.toThrow();
    const error = rejection(pad(32769));
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toContain('32768');
  });

  it('rejects recursion and call/apply/bind before the bundle runs (docs/appsync-facts.md §3)', () => {
    const recursive = rejection(
      'function f(n) { return n ? f(n - 1) : 0; }\nexport function request(ctx) { return f(1); }',
    );
    expect(recursive.details).toEqual([expect.stringContaining('(@aws-appsync/no-recursion)')]);
    const bound = rejection('const f = (x) => x;\nexport function request(ctx) { return f.bind(null)(1); }');
    expect(bound.details).toEqual([expect.stringContaining('(appsync-js/no-function-call-apply-bind)')]);
  });

  it('rejects imports other than the AppSync modules', () => {
    const error = rejection(`import fs from 'fs';\nexport function request(ctx) { return fs; }`);
    expect(error.message).toContain('The code contains one or more errors');
    expect(error.details).toEqual(["Cannot find module 'fs'"]);
  });

  it('compiles once and reuses the realm across calls', () => {
    const handlers = compile(`let calls = 0;\nexport function request(ctx) { calls = calls + 1; return calls; }`);
    expect([handlers.request?.({}), handlers.request?.({}), handlers.request?.({})]).toEqual([1, 2, 3]);
  });

  it('gives each bundle its own realm', () => {
    const a = compile(`export function request(ctx) { globalThis.mark = 'a'; return globalThis.mark; }`, 'A');
    const b = compile(`export function request(ctx) { return typeof globalThis.mark; }`, 'B');
    a.request?.({});
    expect(b.request?.({})).toBe('undefined');
  });

  it('captures console.log and console.error on the running invocation', () => {
    const handlers = compile(
      `export function request(ctx) { console.log('got', ctx.n, { a: 1 }); console.error('bad'); return null; }`,
    );
    const running = invocation();
    invocations.run(running, () => handlers.request?.({ n: 2 }));
    expect(running.logs).toEqual([
      { level: 'log', message: 'got 2 {"a":1}' },
      { level: 'error', message: 'bad' },
    ]);
  });
});
