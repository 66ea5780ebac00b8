import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../../local/appsync/runtime/contract.ts';
import { evaluateResolver } from '../../../local/appsync/engine/evaluateResolver.ts';
import { createNoneDataSource } from '../../../local/appsync/engine/noneDataSource.ts';
import type { CompiledFunction, CompiledResolver } from '../../../local/appsync/engine/resolverTypes.ts';
import { bundle, fakeDataSource, invocations, resolverInput } from './support.ts';

const passThrough =
  'export function request(ctx) { return {}; }\nexport function response(ctx) { return ctx.prev.result; }';

function unit(code: string, dataSource: DataSource = fakeDataSource()): CompiledResolver {
  return { kind: 'UNIT', handlers: bundle(code), dataSource };
}

function fn(name: string, code: string, dataSource: DataSource = fakeDataSource()): CompiledFunction {
  return { name, handlers: bundle(code, name), dataSource };
}

function pipeline(functions: CompiledFunction[], code = passThrough): CompiledResolver {
  return { kind: 'PIPELINE', handlers: bundle(code), functions };
}

describe('unit resolvers', () => {
  it('sends the request handler result to the data source and returns the response handler result', async () => {
    const source = fakeDataSource(() => ({ result: { id: 'p1', title: 'Hello' } }));
    const resolver = unit(
      `export function request(ctx) { return { operation: 'GetItem', key: { id: ctx.args.id } }; }
       export function response(ctx) { return { ...ctx.result, seen: ctx.arguments.id }; }`,
      source,
    );
    const outcome = await evaluateResolver(resolver, resolverInput({ arguments: { id: 'p1' } }), invocations);
    expect(source.requests).toEqual([{ operation: 'GetItem', key: { id: 'p1' } }]);
    expect(outcome).toMatchObject({ data: { id: 'p1', title: 'Hello', seen: 'p1' }, errors: [], aborted: false });
  });

  it('skips the data source and the response handler when the request handler returns early', async () => {
    const source = fakeDataSource();
    const resolver = unit(
      `import { runtime } from '@aws-appsync/utils';
       export function request(ctx) { runtime.earlyReturn({ early: true }); return { never: true }; }
       export function response(ctx) { return { response: true }; }`,
      source,
    );
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(source.requests).toEqual([]);
    expect(outcome.data).toEqual({ early: true });
  });

  it('exposes a data source failure as ctx.error and reports it only if the handler raises it', async () => {
    const failing = fakeDataSource(() => ({
      error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' },
    }));
    const silent = unit(
      `export function request(ctx) { return {}; }\nexport function response(ctx) { return { error: ctx.error, result: ctx.result }; }`,
      failing,
    );
    expect((await evaluateResolver(silent, resolverInput(), invocations)).data).toEqual({
      error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' },
      result: null,
    });
    const raising = unit(
      `import { util } from '@aws-appsync/utils';
       export function request(ctx) { return {}; }
       export function response(ctx) { if (ctx.error) { util.error(ctx.error.message, ctx.error.type); } return ctx.result; }`,
      failing,
    );
    const outcome = await evaluateResolver(raising, resolverInput(), invocations);
    expect(outcome).toMatchObject({
      data: null,
      aborted: true,
      errors: [
        {
          message: 'The conditional request failed',
          errorType: 'DynamoDB:ConditionalCheckFailedException',
          data: null,
          errorInfo: null,
        },
      ],
    });
  });

  it('turns util.error into an aborting field error with errorType, data and errorInfo', async () => {
    const resolver = unit(`import { util } from '@aws-appsync/utils';
      export function request(ctx) { util.error('Username taken', 'Conflict', { username: 'ann' }, { hint: 'pick another' }); }
      export function response(ctx) { return 'unreachable'; }`);
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(outcome).toMatchObject({
      data: null,
      aborted: true,
      errors: [
        {
          message: 'Username taken',
          errorType: 'Conflict',
          data: { username: 'ann' },
          errorInfo: { hint: 'pick another' },
        },
      ],
    });
  });

  it('keeps the result when util.appendError is used', async () => {
    const resolver = unit(`import { util } from '@aws-appsync/utils';
      export function request(ctx) { util.appendError('first', 'Warn'); return {}; }
      export function response(ctx) { util.appendError('second'); return { ok: true }; }`);
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(outcome.data).toEqual({ ok: true });
    expect(outcome.aborted).toBe(false);
    expect(outcome.errors.map((error) => [error.message, error.errorType])).toEqual([
      ['first', 'Warn'],
      ['second', null],
    ]);
  });

  it('reports a JavaScript exception as a "Code" field error naming the handler', async () => {
    const resolver = unit(
      `export function request(ctx) { return ctx.args.missing.deeper; }\nexport function response(ctx) { return 1; }`,
    );
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(outcome.aborted).toBe(true);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]?.errorType).toBe('Code');
    expect(outcome.errors[0]?.message).toMatch(
      /^Runtime error in the request handler of resolver Query\.test: TypeError: /,
    );
  });

  it('copies arguments into the sandbox so the comparator rule applies to them too', async () => {
    const resolver = unit(
      `export function request(ctx) { return ctx.args.list.sort((a, b) => a - b); }\nexport function response(ctx) { return ctx.result; }`,
    );
    const outcome = await evaluateResolver(resolver, resolverInput({ arguments: { list: [2, 1] } }), invocations);
    expect(outcome.errors[0]?.message).toContain('comparator');
  });

  it('keeps a "__proto__" key of JSON data as an ordinary key, never as the prototype', async () => {
    // An AWSJSON argument reaches the resolver as a parsed map (docs/appsync-facts.md §7); a key is data.
    const resolver = unit(
      `export function request(ctx) { const v = ctx.args.v; return { payload: { keys: Object.keys(v), inherited: v.x ?? null, json: JSON.stringify(v) } }; }\nexport function response(ctx) { return ctx.result; }`,
      createNoneDataSource('none'),
    );
    const v = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown;
    const outcome = await evaluateResolver(resolver, resolverInput({ arguments: { v } }), invocations);
    expect(outcome.data).toEqual({ keys: ['__proto__', 'y'], inherited: null, json: '{"__proto__":{"x":1},"y":2}' });
  });

  it('returns the request payload through a NONE data source', async () => {
    const resolver = unit(
      `export function request(ctx) { return { payload: { echoed: ctx.args.text } }; }\nexport function response(ctx) { return ctx.result; }`,
      createNoneDataSource('none'),
    );
    expect((await evaluateResolver(resolver, resolverInput({ arguments: { text: 'hi' } }), invocations)).data).toEqual({
      echoed: 'hi',
    });
  });

  it('builds ctx as AppSync documents it: args aliasing arguments, info without the selection set in JSON, read-only stash slot', async () => {
    const resolver = unit(`export function request(ctx) {
        return {
          same: ctx.args === ctx.arguments,
          info: JSON.stringify(ctx.info),
          list: ctx.info.selectionSetList,
          graphql: ctx.info.selectionSetGraphQL,
          headers: ctx.request.headers,
          domainName: ctx.request.domainName,
          env: ctx.env.STAGE,
          identity: ctx.identity,
          source: ctx.source,
        };
      }
      export function response(ctx) { return ctx.result; }`);
    const outcome = await evaluateResolver(
      resolver,
      resolverInput({
        identity: { sub: 'u1' },
        source: { id: 'parent' },
        env: { STAGE: 'local' },
        request: { headers: { 'x-custom': ['a', 'b'] }, domainName: null },
      }),
      invocations,
    );
    expect(outcome.data).toEqual({
      same: true,
      info: '{"fieldName":"test","parentTypeName":"Query","variables":{}}',
      list: ['id'],
      graphql: '{\n  test {\n    id\n  }\n}',
      headers: { 'x-custom': ['a', 'b'] },
      domainName: null,
      env: 'local',
      identity: { sub: 'u1' },
      source: { id: 'parent' },
    });
  });

  it('does not let a handler replace the stash or write ctx.env', async () => {
    const replaceStash = unit(
      `export function request(ctx) { const c = ctx; c['stash'] = {}; return 1; }\nexport function response(ctx) { return 1; }`,
    );
    expect((await evaluateResolver(replaceStash, resolverInput(), invocations)).errors[0]?.errorType).toBe('Code');
    const writeEnv = unit(
      `export function request(ctx) { ctx.env.STAGE = 'prod'; return 1; }\nexport function response(ctx) { return 1; }`,
    );
    expect(
      (await evaluateResolver(writeEnv, resolverInput({ env: { STAGE: 'local' } }), invocations)).errors[0]?.errorType,
    ).toBe('Code');
  });
});

describe('pipeline resolvers', () => {
  it('chains ctx.prev.result from the resolver request through each function to the resolver response', async () => {
    const first = fn(
      'first',
      `export function request(ctx) { return { step: 'first', prev: ctx.prev.result }; }
      export function response(ctx) { return { first: ctx.result }; }`,
    );
    const second = fn(
      'second',
      `export function request(ctx) { return { prev: ctx.prev.result }; }
      export function response(ctx) { return { second: ctx.result }; }`,
    );
    const resolver = pipeline(
      [first, second],
      `export function request(ctx) { return { start: true }; }
       export function response(ctx) { return { final: ctx.prev.result, same: ctx.result === ctx.prev.result }; }`,
    );
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(outcome.data).toEqual({
      final: { second: { prev: { first: { step: 'first', prev: { start: true } } } } },
      same: true,
    });
  });

  it('shares one stash across the resolver, its functions and both handlers', async () => {
    const first = fn(
      'first',
      `export function request(ctx) { ctx.stash.trail.push('f1.req'); return {}; }
      export function response(ctx) { ctx.stash.trail.push('f1.res'); return null; }`,
    );
    const second = fn(
      'second',
      `export function request(ctx) { ctx.stash.trail.push('f2.req'); return {}; }
      export function response(ctx) { ctx.stash.trail.push('f2.res'); return null; }`,
    );
    const resolver = pipeline(
      [first, second],
      `export function request(ctx) { ctx.stash.trail = ['r.req']; return {}; }
       export function response(ctx) { ctx.stash.trail.push('r.res'); return ctx.stash.trail; }`,
    );
    expect((await evaluateResolver(resolver, resolverInput(), invocations)).data).toEqual([
      'r.req',
      'f1.req',
      'f1.res',
      'f2.req',
      'f2.res',
      'r.res',
    ]);
  });

  it("skips a function's data source and response when its request returns early, then runs the next function", async () => {
    const skippedSource = fakeDataSource();
    const early = fn(
      'early',
      `import { runtime } from '@aws-appsync/utils';
      export function request(ctx) { runtime.earlyReturn({ cached: true }); }
      export function response(ctx) { return { fromResponse: true }; }`,
      skippedSource,
    );
    const next = fn(
      'next',
      `export function request(ctx) { return {}; }\nexport function response(ctx) { return { after: ctx.prev.result }; }`,
    );
    const outcome = await evaluateResolver(pipeline([early, next]), resolverInput(), invocations);
    expect(skippedSource.requests).toEqual([]);
    expect(outcome.data).toEqual({ after: { cached: true } });
  });

  it("jumps to the resolver's response handler on earlyReturn with skipTo 'END'", async () => {
    const ender = fn(
      'ender',
      `import { runtime } from '@aws-appsync/utils';
      export function request(ctx) { runtime.earlyReturn({ ended: true }, { skipTo: 'END' }); }
      export function response(ctx) { return null; }`,
    );
    const neverSource = fakeDataSource();
    const never = fn(
      'never',
      `export function request(ctx) { ctx.stash.ran = true; return {}; }\nexport function response(ctx) { return 'never'; }`,
      neverSource,
    );
    const resolver = pipeline(
      [ender, never],
      `export function request(ctx) { return {}; }
      export function response(ctx) { return { result: ctx.prev.result, ran: ctx.stash.ran === true }; }`,
    );
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(neverSource.requests).toEqual([]);
    expect(outcome.data).toEqual({ result: { ended: true }, ran: false });
  });

  it("treats skipTo 'NEXT' in a function's request like a plain early return", async () => {
    const skipper = fn(
      'skipper',
      `import { runtime } from '@aws-appsync/utils';
      export function request(ctx) { runtime.earlyReturn('skipped', { skipTo: 'NEXT' }); }
      export function response(ctx) { return 'response ran'; }`,
    );
    const next = fn(
      'next',
      `export function request(ctx) { return {}; }\nexport function response(ctx) { return [ctx.prev.result, 'next ran']; }`,
    );
    expect((await evaluateResolver(pipeline([skipper, next]), resolverInput(), invocations)).data).toEqual([
      'skipped',
      'next ran',
    ]);
  });

  it("skips every function when the resolver's request handler returns early", async () => {
    const source = fakeDataSource();
    const step = fn('step', passThrough, source);
    const resolver = pipeline(
      [step],
      `import { runtime } from '@aws-appsync/utils';
      export function request(ctx) { runtime.earlyReturn({ short: true }); }
      export function response(ctx) { return { got: ctx.prev.result }; }`,
    );
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(source.requests).toEqual([]);
    expect(outcome.data).toEqual({ got: { short: true } });
  });

  it('stops the pipeline at util.error: later functions and the resolver response do not run', async () => {
    const laterSource = fakeDataSource();
    const failing = fn(
      'failing',
      `import { util } from '@aws-appsync/utils';
      export function request(ctx) { ctx.stash.failed = true; util.error('Not found', 'NotFound'); }
      export function response(ctx) { return null; }`,
    );
    const later = fn('later', passThrough, laterSource);
    const resolver = pipeline(
      [failing, later],
      `export function request(ctx) { return {}; }
      export function response(ctx) { return 'resolver response ran'; }`,
    );
    const outcome = await evaluateResolver(resolver, resolverInput(), invocations);
    expect(laterSource.requests).toEqual([]);
    expect(outcome).toMatchObject({
      data: null,
      aborted: true,
      errors: [{ message: 'Not found', errorType: 'NotFound' }],
    });
  });

  it('keeps the pipeline running and its result after util.appendError', async () => {
    const warn = fn(
      'warn',
      `import { util } from '@aws-appsync/utils';
      export function request(ctx) { return {}; }
      export function response(ctx) { util.appendError('partial', 'Partial'); return 'kept'; }`,
    );
    const outcome = await evaluateResolver(pipeline([warn]), resolverInput(), invocations);
    expect(outcome.data).toBe('kept');
    expect(outcome.errors).toEqual([{ message: 'partial', errorType: 'Partial', data: null, errorInfo: null }]);
  });

  it('gives each function its own data source result and error', async () => {
    const failing = fn(
      'failing',
      `export function request(ctx) { return {}; }
      export function response(ctx) { return ctx.error.type; }`,
      fakeDataSource(() => ({ error: { message: 'boom', type: 'DynamoDB:DynamoDbException' } })),
    );
    const fine = fn(
      'fine',
      `export function request(ctx) { return { value: 2 }; }
      export function response(ctx) { return [ctx.prev.result, ctx.error === undefined, ctx.result]; }`,
    );
    expect((await evaluateResolver(pipeline([failing, fine]), resolverInput(), invocations)).data).toEqual([
      'DynamoDB:DynamoDbException',
      true,
      { value: 2 },
    ]);
  });

  it('names the pipeline function in a code error', async () => {
    const broken = fn(
      'loadUser',
      `export function request(ctx) { return ctx.nope.x; }\nexport function response(ctx) { return null; }`,
    );
    const outcome = await evaluateResolver(pipeline([broken]), resolverInput(), invocations);
    expect(outcome.errors[0]?.message).toMatch(/^Runtime error in the request handler of function loadUser: TypeError/);
  });
});
