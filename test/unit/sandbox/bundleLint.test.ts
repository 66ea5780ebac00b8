// The checks AppSync applies to APPSYNC_JS code when it is created, run over bundles: recursion
// and Function.prototype.call/apply/bind, both documented as unsupported ("Supported runtime
// features", docs/appsync-facts.md §3 [D]), next to the @aws-appsync/eslint-plugin `base` rules.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintBundleMessages } from '../../../local/appsync/runtime/lintBundle.ts';
import {
  createLocalReferenceResolver,
  extractGraphqlApis,
  loadCloudAssembly,
  offlinePhysicalIds,
} from '../../../local/index.ts';

const problems = (code: string) =>
  lintBundleMessages(code).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
const handlers = (body: string) => `${body}\nexport function response(ctx) { return ctx.result; }`;

describe('recursion in a bundle', () => {
  it('refuses a function that calls itself, as a declaration or a const arrow', () => {
    expect(
      problems(
        handlers('function f(n) { return n > 0 ? f(n - 1) : 0; }\nexport function request(ctx) { return f(3); }'),
      ),
    ).toEqual(['1:32 @aws-appsync/no-recursion: Recursive function calls not supported. Detected cycle in f <-f']);
    expect(
      problems(handlers('const g = (n) => (n > 0 ? g(n - 1) : 0);\nexport function request(ctx) { return g(3); }')),
    ).toEqual(['1:27 @aws-appsync/no-recursion: Recursive function calls not supported. Detected cycle in g <-g']);
  });

  it('refuses mutual recursion at every call on the cycle, and recursion from inside a callback', () => {
    const mutual = handlers(
      'function a(n) { return n > 0 ? b(n - 1) : 0; }\nfunction b(n) { return a(n); }\nexport function request(ctx) { return a(2); }',
    );
    expect(problems(mutual)).toEqual([
      '1:32 @aws-appsync/no-recursion: Recursive function calls not supported. Detected cycle in a <-b <-a',
      '2:24 @aws-appsync/no-recursion: Recursive function calls not supported. Detected cycle in b <-a <-b',
    ]);
    const callback = handlers(
      'function walk(t) { return t.children.map((c) => walk(c)); }\nexport function request(ctx) { return walk(ctx.args); }',
    );
    expect(problems(callback)).toHaveLength(1);
  });

  it('accepts call chains without a cycle, and a local of the same name that is not the function', () => {
    const chain = handlers(
      'function a(x) { return b(x) + c(x); }\nfunction b(x) { return c(x); }\nfunction c(x) { return x; }\nexport function request(ctx) { return a(1); }',
    );
    expect(problems(chain)).toEqual([]);
    const shadow = handlers('function f(f) { return f(1); }\nexport function request(ctx) { return f((x) => x); }');
    expect(problems(shadow)).toEqual([]);
  });
});

describe('Function.prototype.call, apply and bind in a bundle', () => {
  it.each([
    [
      'a declared function',
      'function f(x) { return x; }\nexport function request(ctx) { return f.call(null, 1); }',
      'call',
    ],
    ['a const arrow', 'const f = (x) => x;\nexport function request(ctx) { return f.apply(null, [1]); }', 'apply'],
    [
      'a function expression',
      'export function request(ctx) { return (function (x) { return x; }).bind(null)(1); }',
      'bind',
    ],
    [
      'a built-in through its prototype',
      'export function request(ctx) { return Object.prototype.hasOwnProperty.call(ctx.args, "a"); }',
      'call',
    ],
    ['a built-in namespace member', 'export function request(ctx) { return Math.max.apply(null, [1, 2]); }', 'apply'],
    [
      'a util function',
      "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { return util.autoId.call(null); }",
      'call',
    ],
  ])('refuses %s', (_name, code, method) => {
    expect(problems(handlers(code))).toEqual([
      expect.stringMatching(
        new RegExp(`appsync-js/no-function-call-apply-bind: Function\\.prototype\\.${method} is not supported$`),
      ),
    ]);
  });

  it("accepts an object's own call method and a parameter's", () => {
    const own = handlers(
      'const api = { call: (x) => x };\nexport function request(ctx) { return api.call(1) + ctx.args.call(2); }',
    );
    expect(problems(own)).toEqual([]);
  });
});

describe('the deployed bundles', () => {
  it('pass every check, resolvers and pipeline functions alike', () => {
    const { template } = loadCloudAssembly(resolve(import.meta.dirname, '..', '..', '..', 'cdk.out'));
    const [api] = extractGraphqlApis(
      template,
      createLocalReferenceResolver(template, { physicalIds: offlinePhysicalIds(template) }),
    );
    const bundles = [
      ...api.resolvers.map((r) => [`${r.typeName}.${r.fieldName}`, r.code]),
      ...api.functions.map((f) => [f.name, f.code]),
    ];
    expect(bundles.length).toBeGreaterThan(10);
    expect(bundles.map(([name, code]) => [name, problems(code)])).toEqual(bundles.map(([name]) => [name, []]));
  });
});
