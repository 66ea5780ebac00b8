import { describe, expect, it } from 'vitest';
import { resolveIntrinsics, TemplateResolutionError } from '../../../local/template/resolveIntrinsics.ts';
import type { ReferenceResolver } from '../../../local/template/resolveIntrinsics.ts';

const values: Record<string, unknown> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'ProLynk',
  Bucket: 'prolynk-assets-000000000000',
  'Bucket.Arn': 'arn:aws:s3:::prolynk-assets-000000000000',
  'Api.GraphQLUrl': 'https://localhost:4000/graphql',
  Ids: 'a,b,c',
};
const resolver: ReferenceResolver = (logicalId, attribute) =>
  values[attribute ? `${logicalId}.${attribute}` : logicalId];
const at = { resource: 'Thing (AWS::Test::Thing)', path: 'Properties.Value' };

describe('resolveIntrinsics', () => {
  it('resolves Ref and Fn::GetAtt (array and dotted forms) through the resolver', () => {
    expect(resolveIntrinsics({ Ref: 'Bucket' }, resolver)).toBe('prolynk-assets-000000000000');
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, resolver)).toBe(
      'arn:aws:s3:::prolynk-assets-000000000000',
    );
    expect(resolveIntrinsics({ 'Fn::GetAtt': 'Api.GraphQLUrl' }, resolver)).toBe('https://localhost:4000/graphql');
  });

  it('resolves pseudo parameters as references', () => {
    expect(
      resolveIntrinsics(
        { 'Fn::Join': [':', [{ Ref: 'AWS::Partition' }, { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]] },
        resolver,
      ),
    ).toBe('aws:us-east-1:000000000000');
  });

  it('joins, splits and selects', () => {
    expect(
      resolveIntrinsics(
        { 'Fn::Join': ['', ['https://', { Ref: 'Bucket' }, '.s3.', { Ref: 'AWS::URLSuffix' }]] },
        resolver,
      ),
    ).toBe('https://prolynk-assets-000000000000.s3.amazonaws.com');
    expect(resolveIntrinsics({ 'Fn::Select': [1, { 'Fn::Split': [',', { Ref: 'Ids' }] }] }, resolver)).toBe('b');
  });

  it('substitutes ${Ref}, ${Id.Attr}, pseudo parameters and a variable map, and keeps ${!Literal}', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }, resolver)).toBe(
      'arn:aws:s3:::prolynk-assets-000000000000/*',
    );
    expect(resolveIntrinsics({ 'Fn::Sub': '${Bucket.Arn}/users/*' }, resolver)).toBe(
      'arn:aws:s3:::prolynk-assets-000000000000/users/*',
    );
    expect(resolveIntrinsics({ 'Fn::Sub': ['${Name}-${AWS::StackName}', { Name: { Ref: 'Bucket' } }] }, resolver)).toBe(
      'prolynk-assets-000000000000-ProLynk',
    );
    expect(resolveIntrinsics({ 'Fn::Sub': '${!Literal}' }, resolver)).toBe('${Literal}');
  });

  it('resolves nested objects and arrays, dropping AWS::NoValue', () => {
    const resolved = resolveIntrinsics(
      { A: [{ Ref: 'Bucket' }, { Ref: 'AWS::NoValue' }], B: { Ref: 'AWS::NoValue' }, C: 3 },
      resolver,
    );

    expect(resolved).toEqual({ A: ['prolynk-assets-000000000000'], C: 3 });
  });

  it('names the resource and property path of a reference without a local value', () => {
    const act = () => resolveIntrinsics({ Nested: [{ 'Fn::GetAtt': ['Table', 'StreamArn'] }] }, resolver, at);

    expect(act).toThrow(TemplateResolutionError);
    expect(act).toThrow(
      'Thing (AWS::Test::Thing) Properties.Value.Nested[0].Fn::GetAtt: Fn::GetAtt Table.StreamArn has no local value',
    );
  });

  it('refuses intrinsic functions the local runtime does not support, naming where they are', () => {
    expect(() => resolveIntrinsics({ X: { 'Fn::ImportValue': 'shared-vpc' } }, resolver, at)).toThrow(
      'Thing (AWS::Test::Thing) Properties.Value.X.Fn::ImportValue: Fn::ImportValue is not supported by the local runtime',
    );
    expect(() => resolveIntrinsics({ 'Fn::If': ['IsProd', 'a', 'b'] }, resolver, at)).toThrow(
      /Fn::If is not supported/,
    );
  });
});
