import { describe, expect, it } from 'vitest';
import { EarlyReturnSignal, UtilErrorSignal } from '../../../local/appsync/runtime/contract.ts';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { invocation, sourceOf } from './invocationFactory.ts';

type Fn = (...args: unknown[]) => unknown;
const build = (inv = invocation(), options = {}) => createAppSyncGlobals(sourceOf(inv), options);
const fns = (o: unknown) => o as Record<string, Fn>;

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

// Expected values: the util surface of @aws-appsync/utils 2.1.1 lib/index.d.ts (docs/appsync-facts.md §1.1 [T]).
describe('the util global', () => {
  it('has exactly the keys of @aws-appsync/utils, with no VTL-only helpers', () => {
    const { util } = build();
    expect(Object.keys(util).sort()).toEqual(
      [
        'escapeJavaScript',
        'urlEncode',
        'urlDecode',
        'base64Encode',
        'base64Decode',
        'autoId',
        'autoUlid',
        'autoKsuid',
        'unauthorized',
        'error',
        'appendError',
        'matches',
        'authType',
        'time',
        'dynamodb',
        'rds',
        'http',
        'xml',
        'transform',
        'math',
        'str',
      ].sort(),
    );
    for (const vtlOnly of [
      'isNull',
      'isNullOrEmpty',
      'defaultIfNull',
      'typeOf',
      'toJson',
      'parseJson',
      'qr',
      'quiet',
      'validate',
      'log',
      'list',
      'map',
    ]) {
      expect(util[vtlOnly], vtlOnly).toBeUndefined();
    }
  });

  it('re-exports util, runtime and extensions from @aws-appsync/utils', () => {
    const g = build();
    expect(g.modules['@aws-appsync/utils']).toMatchObject({
      util: g.util,
      runtime: g.runtime,
      extensions: g.extensions,
    });
  });

  it('refuses util.rds locally with a clear message', () => {
    expect(() => fns(build().util.rds).toJsonObject('{}')).toThrow(/not supported locally/);
  });
});

// Expected values: util.error/appendError/unauthorized in built-in-util-js.html [D]; the
// "Unauthorized" message is what EvaluateCode reports (docs/appsync-facts.md §1.1 [O]).
describe('util errors', () => {
  it('util.error throws a field error with absent parts as null', () => {
    const err = thrown(() => fns(build().util).error('Name taken', 'Conflict'));
    expect(err).toBeInstanceOf(UtilErrorSignal);
    expect((err as UtilErrorSignal).fieldError).toEqual({
      message: 'Name taken',
      errorType: 'Conflict',
      data: null,
      errorInfo: null,
    });
    const full = thrown(() => fns(build().util).error('m', 't', { a: 1 }, { b: 2 })) as UtilErrorSignal;
    expect(full.fieldError).toEqual({ message: 'm', errorType: 't', data: { a: 1 }, errorInfo: { b: 2 } });
  });

  it('util.appendError records the error and carries on', () => {
    const inv = invocation();
    expect(fns(build(inv).util).appendError('soft', 'Warn')).toBeUndefined();
    expect(inv.appendedErrors).toEqual([{ message: 'soft', errorType: 'Warn', data: null, errorInfo: null }]);
  });

  it('util.unauthorized throws "Unauthorized"', () => {
    const err = thrown(() => fns(build().util).unauthorized()) as UtilErrorSignal;
    expect(err.fieldError).toMatchObject({ message: 'Unauthorized', errorType: 'Unauthorized' });
  });
});

// Expected behaviour: runtime-utils-js.html (docs/appsync-facts.md §1.6 [D][T]).
describe('runtime.earlyReturn', () => {
  it('stops the handler with the value and skipTo', () => {
    const err = thrown(() => fns(build().runtime).earlyReturn({ id: 1 }, { skipTo: 'END' })) as EarlyReturnSignal;
    expect(err).toBeInstanceOf(EarlyReturnSignal);
    expect([err.value, err.skipTo]).toEqual([{ id: 1 }, 'END']);
    const bare = thrown(() => fns(build().runtime).earlyReturn()) as EarlyReturnSignal;
    expect([bare.value, bare.skipTo]).toEqual([undefined, undefined]);
  });
});

// Expected values: LocalStack authType.test.js.snap, recorded through EvaluateCode (docs/appsync-facts.md §1.1 [O]).
describe('util.authType', () => {
  const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc123';
  const IAM = {
    accountId: '123456789012',
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: ['1.2.3.4'],
    username: 'AKIAIOSFODNN7EXAMPLE',
    userArn: 'arn:aws:iam::123456789012:user/alice',
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
  const POOL = {
    sourceIp: ['1.2.3.4'],
    username: 'alice',
    groups: ['admins'],
    sub: 'sub-1',
    issuer: ISSUER,
    claims: { sub: 'sub-1' },
    defaultAuthStrategy: 'ALLOW',
  };
  const OIDC = { sub: 'sub-1', issuer: 'https://accounts.example.com', claims: { sub: 'sub-1' } };
  const without = (o: Record<string, unknown>, key: string) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

  it.each([
    ['no identity', undefined, 'API Key Authorization'],
    ['a null identity', null, 'API Key Authorization'],
    ['a resolver context', { resolverContext: { userId: 'alice' } }, 'Lambda Authorization'],
    ['an empty identity', {}, 'Lambda Authorization'],
    ['an IAM identity with a username', IAM, 'IAM Authorization'],
    [
      'an identity-pool IAM identity',
      { ...IAM, cognitoIdentityPoolId: 'us-east-1:0', cognitoIdentityAuthType: 'authenticated' },
      'IAM Authorization',
    ],
    ['a user pool identity', POOL, 'User Pool Authorization'],
    ['a user pool identity without groups', without(POOL, 'groups'), 'User Pool Authorization'],
    ['sub, issuer and claims', OIDC, 'Open ID Connect Authorization'],
    ['IAM without userArn', without(IAM, 'userArn'), 'API Key Authorization'],
    ['IAM with a null sourceIp', { ...IAM, sourceIp: null }, 'API Key Authorization'],
    ['a user pool without defaultAuthStrategy', without(POOL, 'defaultAuthStrategy'), 'API Key Authorization'],
    ['a user pool without sourceIp', without(POOL, 'sourceIp'), 'API Key Authorization'],
    ['claims only', { claims: OIDC.claims }, 'API Key Authorization'],
    ['OIDC plus a username', { ...OIDC, username: 'alice' }, 'API Key Authorization'],
  ])('%s → %s', (_name, identity, expected) => {
    expect(fns(build(invocation({ identity })).util).authType()).toBe(expected);
  });
});

// Expected shapes: built-in-util-js.html [D] (UUID; ULID of 26 Crockford chars [?]; KSUID 27 base62).
describe('util ids', () => {
  const { util } = build();
  it('autoId is a version 4 UUID, different each call', () => {
    const id = fns(util).autoId() as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fns(util).autoId()).not.toBe(id);
  });

  it('autoUlid is 26 Crockford base32 chars that sort by time', () => {
    let now = 1_700_000_000_000;
    const g = build(invocation(), { now: () => now });
    const first = fns(g.util).autoUlid() as string;
    now += 1;
    const second = fns(g.util).autoUlid() as string;
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(first < second).toBe(true);
  });

  it('autoKsuid is exactly 27 base62 chars', () => {
    expect(fns(util).autoKsuid()).toMatch(/^[0-9A-Za-z]{27}$/);
  });
});

describe('util encoding', () => {
  const u = fns(build().util);
  // Expected values: java.net.URLEncoder/URLDecoder rules, which built-in-util-js.html's
  // "application/x-www-form-urlencoded" names [D].
  it('url-encodes as application/x-www-form-urlencoded UTF-8', () => {
    expect(u.urlEncode('a b&c=d/é*~')).toBe('a+b%26c%3Dd%2F%C3%A9*%7E');
    expect(u.urlDecode('a+b%26c%3Dd%2F%C3%A9')).toBe('a b&c=d/é');
  });

  // Expected values: base64 of the UTF-8 bytes [D][T].
  it('base64-encodes UTF-8 text and back', () => {
    expect(u.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(u.base64Decode('aMOpbGxv')).toBe('héllo');
  });

  // Expected values: the Apache Commons Lang escapeJavaScript javadoc example.
  it('escapes JavaScript string content', () => {
    expect(u.escapeJavaScript('He didn\'t say, "Stop!"')).toBe('He didn\\\'t say, \\"Stop!\\"');
    expect(u.escapeJavaScript('a/b\n\té')).toBe('a\\/b\\n\\t\\u00E9');
  });
});

// Expected values: built-in-util-js.html's util.matches("a*b", "aaaaab") example [D]; the
// whole-string rule is Java String.matches, marked [?] in docs/appsync-facts.md §1.1.
describe('util.matches', () => {
  const u = fns(build().util);
  it('matches Java-style patterns against the whole string', () => {
    expect(u.matches('a*b', 'aaaaab')).toBe(true);
    expect(u.matches('a*b', 'aaaaabc')).toBe(false);
    expect(u.matches('\\p{Alpha}+\\d{2}', 'abc12')).toBe(true);
    expect(u.matches('(?i)[a-z]+', 'ABC')).toBe(true);
    expect(u.matches('a++b', 'aab')).toBe(true);
  });
});

// Expected behaviour: math-utils.d.ts and string-utils.d.ts of @aws-appsync/utils 2.1.1 [T].
describe('util.math and util.str', () => {
  const g = build(invocation(), { random: () => 0.5 });
  const math = fns(g.util.math);
  it('rounds, compares and draws random numbers', () => {
    expect(math.roundNum(2.5)).toBe(3);
    expect(math.minVal(3, -1)).toBe(-1);
    expect(math.maxVal(3, -1)).toBe(3);
    expect(math.randomDouble()).toBe(0.5);
    expect(math.randomWithinRange(1, 10)).toBe(6);
  });

  it('normalizes unicode with the four forms', () => {
    const str = fns(g.util.str);
    expect(str.normalize('e\u0301', 'nfc')).toBe('é');
    expect(str.normalize('é', 'nfd')).toBe('e\u0301');
    expect(str.normalize('ﬁ', 'nfkc')).toBe('fi');
    expect(() => str.normalize('x', 'nfx')).toThrow(/normalization type/);
  });
});

// Expected behaviour: http-utils.d.ts [T] (restricted prefixes, 4 KB, last write wins).
describe('util.http', () => {
  it('adds response headers to the invocation, last write winning', () => {
    const inv = invocation();
    const http = fns(build(inv).util.http);
    http.addResponseHeader('itemsCount', 7);
    http.addResponseHeaders({ render: 'yes', itemsCount: 8, headerObject: { field1: 7 } });
    expect(inv.responseHeaders).toEqual({ itemsCount: '8', render: 'yes', headerObject: '{"field1":7}' });
  });

  it('refuses AWS header prefixes and more than 4 KB of headers', () => {
    const http = fns(build().util.http);
    expect(() => http.addResponseHeader('x-amzn-RequestId', 'x')).toThrow(UtilErrorSignal);
    expect(() => http.addResponseHeader('X-Amz-Date', 'x')).toThrow(UtilErrorSignal);
    expect(() => http.addResponseHeader('big', 'x'.repeat(5000))).toThrow(/4 KB/);
  });

  it('copyHeaders drops restricted headers', () => {
    expect(
      fns(build().util.http).copyHeaders({
        host: 'h',
        'content-length': '3',
        'x-amz-date': 'd',
        accept: 'a',
        'x-custom': 'c',
      }),
    ).toEqual({ accept: 'a', 'x-custom': 'c' });
  });
});

// Expected values: the xml-utils.d.ts toMap example of @aws-appsync/utils 2.1.1 [T].
describe('util.xml', () => {
  const xml = fns(build().util.xml);
  const doc =
    '<?xml version="1.0" encoding="UTF-8"?>\n<posts>\n<post>\n  <id>1</id>\n  <title>Getting started with GraphQL</title>\n</post>\n</posts>';
  it('converts XML to a map with typed leaves', () => {
    expect(xml.toMap(doc)).toEqual({ posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
    expect(xml.toMap('<a><b>1</b><b>2</b></a>')).toEqual({ a: { b: [1, 2] } });
  });

  it('renders a JSON string, string-encoded on request', () => {
    expect(xml.toJsonString('<a>x</a>')).toBe('{"a":"x"}');
    expect(xml.toJsonString('<a>x</a>', true)).toBe('"{\\"a\\":\\"x\\"}"');
  });
});
