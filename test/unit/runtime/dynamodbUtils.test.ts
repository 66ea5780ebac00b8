import { describe, expect, it } from 'vitest';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { invocation, sourceOf } from './invocationFactory.ts';

const { util } = createAppSyncGlobals(sourceOf(invocation()));
const ddb = util.dynamodb as Record<string, (...args: unknown[]) => unknown>;

// Expected values: AWS EvaluateCode output recorded in localstack/appsync-utils
// __tests__/__snapshots__/index.test.js.snap (docs/appsync-facts.md §1.3): numbers stay JSON numbers.
describe('util.dynamodb (recorded on AWS)', () => {
  it('converts scalars with toDynamoDB', () => {
    expect(ddb.toDynamoDB('test')).toEqual({ S: 'test' });
    expect(ddb.toDynamoDB(12345)).toEqual({ N: 12345 });
    expect(ddb.toDynamoDB(true)).toEqual({ BOOL: true });
  });

  it('builds the typed attribute values', () => {
    expect(ddb['toString' as string]('test')).toEqual({ S: 'test' });
    expect(ddb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
    expect(ddb.toNumber(12345)).toEqual({ N: 12345 });
    expect(ddb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
    expect(ddb.toBinary('foo')).toEqual({ B: 'foo' });
    expect(ddb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
    expect(ddb.toBoolean(true)).toEqual({ BOOL: true });
    expect(ddb.toNull()).toEqual({ NULL: null });
  });

  it('converts lists and maps recursively', () => {
    expect(ddb.toList(['foo', 123, { bar: 'baz' }])).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
    const expected = { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } };
    expect(ddb.toMap({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual({ M: expected });
    expect(ddb.toMapValues({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual(expected);
  });

  it('stores S3 objects as compact JSON with the version last', () => {
    expect(ddb.toS3Object('foo', 'bar', 'baz')).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' });
    expect(ddb.toS3Object('foo', 'bar', 'baz', 'beep')).toEqual({
      S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}',
    });
  });
});

// Expected values: @aws-appsync/utils 2.1.1 dynamodb-utils.d.ts [T] (docs/appsync-facts.md §1.3).
describe('util.dynamodb (documented)', () => {
  it('never produces sets from toDynamoDB and converts null and nesting', () => {
    expect(ddb.toDynamoDB(['a', 'b'])).toEqual({ L: [{ S: 'a' }, { S: 'b' }] });
    expect(ddb.toDynamoDB(null)).toEqual({ NULL: null });
    expect(ddb.toDynamoDB({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual({
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    });
  });

  it('answers null from the typed helpers for null input', () => {
    for (const name of [
      'toString',
      'toStringSet',
      'toNumber',
      'toNumberSet',
      'toBinary',
      'toBinarySet',
      'toBoolean',
      'toList',
      'toMap',
      'toMapValues',
    ]) {
      expect(ddb[name](null), name).toBeNull();
    }
  });

  it('reads an S3 object back with fromS3ObjectJson', () => {
    expect(ddb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}')).toEqual({
      key: 'foo',
      bucket: 'bar',
      region: 'baz',
      version: 'beep',
    });
    expect(ddb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz"}}')).toEqual({
      key: 'foo',
      bucket: 'bar',
      region: 'baz',
    });
  });
});
