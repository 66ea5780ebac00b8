// Valid examples are AWS's own (AppSync developer guide "Scalar types" and the scalar descriptions
// AppSync returns from introspection); invalid ones are AWS's documented counter-examples, values
// AWS was recorded rejecting, or — marked "local rule" — limits of the rule we chose.
import { describe, expect, it } from 'vitest';
import { awsScalars } from '../../../local/appsync/scalars.ts';

function accepts(scalar: string, value: unknown): boolean {
  try {
    awsScalars[scalar].parseValue(value);
    return true;
  } catch {
    return false;
  }
}

const cases: Record<string, { valid: unknown[]; invalid: unknown[] }> = {
  AWSDate: {
    valid: [
      '1970-01-01',
      '1970-01-01Z',
      '1970-01-01-07:00',
      '1970-01-01+05:30',
      '-2017-05-01',
      '-9999-01-01',
      '2024-02-29',
    ],
    // '2019-12-24T04:15:57.798Z' was rejected by AWS as an AWSDate (aws-amplify/amplify-swift#278).
    invalid: ['2019-12-24T04:15:57.798Z', '2023-02-29', '2024-13-01', '2024-1-01', '20240101', '', 19700101],
  },
  AWSTime: {
    valid: [
      '12:30',
      '12:30Z',
      '12:30:24-07:00',
      '12:30:24.500+05:30',
      '12:00:00.2',
      '12:00:00.277',
      '12:00:00.123456789',
      '12:00:34.',
      '12:30:24+05:30:15',
    ],
    invalid: ['24:00', '12:60', '12:00:00.1234567890', '12', '12:30:24+5:30', 'noon'],
  },
  AWSDateTime: {
    valid: [
      '1930-01-01T16:00:00-07:00',
      '-2017-01-01T00:00Z',
      '1970-01-01T12:00:00.2Z',
      '1970-01-01T12:00:00.277Z',
      '1970-01-01T12:00:00.123456789Z',
      '2020-01-01T00:00+00:00',
      '1970-01-01T00:00:00+05:30:15',
    ],
    // The offset is compulsory for AWSDateTime (AppSync's scalar description).
    invalid: [
      '1970-01-01T12:00:00',
      '1970-01-01',
      '1970-01-01 12:00:00Z',
      '1970-01-01T12:00:00+19:00',
      { offsetDateTime: 'x' },
    ],
  },
  AWSTimestamp: {
    valid: [-123123, 0, 1700000000],
    invalid: ['1700000000', 1.5, '2026-01-22T17:48:30.032Z', null],
  },
  AWSEmail: {
    valid: ['username@example.com', 'a@b', 'a@b.c', 'jeff@amazon.com', 'first.last+tag@sub.example.co.uk'],
    invalid: ['username', 'a@', '@b', 'a@@b', 'a b@example.com', 'a@exa mple.com'],
  },
  AWSURL: {
    valid: [
      'https://www.amazon.com/',
      'http://localhost/',
      'https://www.amazon.com/dp/B000NZW3KC/',
      'mailto:example@example.com',
      'ftp://files.example.com/a/b.txt',
    ],
    invalid: [
      'amazon.com',
      'www.amazon.com',
      'https://www.amazon.com/dp//B000NZW3KC/',
      '/relative/path',
      'https://exa mple.com/',
    ],
  },
  AWSPhone: {
    valid: ['+1 555 764 4377', '555-764-4377', '(555) 764-4377', '+44 20 7946 0958', '+33-1-23-45-67-89'],
    // '1110004444' was rejected by AWS (aws-amplify/amplify-flutter#822).
    invalid: ['1110004444', '555 764 437', 'phone', '+1 555 764 4377 9999 99', '555.764.4377', ''],
  },
  AWSIPAddress: {
    valid: ['127.0.0.1', '127.0.0.1/8', '123.45.67.89/16', '1a2b:3c4b::1234:4567', '::1', '2001:db8::/32'],
    invalid: ['256.0.0.1', '127.0.0.1/33', '[::1]', '1a2b:3c4b::1234:4567/129', 'localhost', 'fe80::1%eth0'],
  },
};

describe('AWS scalar validation', () => {
  for (const [scalar, { valid, invalid }] of Object.entries(cases)) {
    describe(scalar, () => {
      it.each(valid.map((v) => [v]))('accepts %j', (value) => {
        expect(accepts(scalar, value)).toBe(true);
      });
      it.each(invalid.map((v) => [v]))('rejects %j', (value) => {
        expect(accepts(scalar, value)).toBe(false);
      });
    });
  }

  describe('AWSJSON', () => {
    it.each([
      ['{"upvotes": 10}', { upvotes: 10 }],
      ['[1,2,3]', [1, 2, 3]],
      ['"AWSJSON example string"', 'AWSJSON example string'],
      ['1', 1],
      ['true', true],
    ])('parses %s into the value the resolver receives', (input, parsed) => {
      expect(awsScalars.AWSJSON.parseValue(input)).toEqual(parsed);
    });

    it.each([['{a: 1}'], ["{'a': 1}"], ['Unquoted string']])('rejects the invalid JSON %s', (input) => {
      expect(() => awsScalars.AWSJSON.parseValue(input)).toThrow();
    });

    it('rejects an object sent where a JSON string belongs, in AppSync words', () => {
      expect(() => awsScalars.AWSJSON.parseValue({ key1: 'hi', key2: 3 })).toThrow(
        'Unable to parse {key1=hi, key2=3} as valid JSON.',
      );
      expect(() => awsScalars.AWSJSON.parseValue([])).toThrow('Unable to parse [] as valid JSON.');
    });

    it('serializes an object result to a JSON string and leaves a string result alone', () => {
      expect(awsScalars.AWSJSON.serialize({ a: [1, 2] })).toBe('{"a":[1,2]}');
      expect(awsScalars.AWSJSON.serialize('{"a":1}')).toBe('{"a":1}');
    });
  });
});
