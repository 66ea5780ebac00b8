// AppSync's predefined scalars for the local engine (graphql-js). Each rule lives in scalars/;
// failures throw AwsScalarError (a plain Error, not a GraphQLError) so graphql-js wraps it with
// the node and keeps it as `originalError`, where the engine finds AppSync's wording.
import { GraphQLScalarType, Kind } from 'graphql';
import type { ValueNode } from 'graphql';
import { isAwsDate, isAwsDateTime, isAwsTime } from './scalars/isoTemporal.ts';
import { isAwsEmail } from './scalars/awsEmail.ts';
import { isAwsIpAddress } from './scalars/awsIpAddress.ts';
import { parseAwsJson, serializeAwsJson } from './scalars/awsJson.ts';
import { isAwsPhone } from './scalars/awsPhone.ts';
import { isAwsTimestamp } from './scalars/awsTimestamp.ts';
import { isAwsUrl } from './scalars/awsUrl.ts';
import { AwsScalarError } from './scalars/scalarError.ts';

function literalValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.BOOLEAN:
      return ast.value;
    default:
      return ast.kind;
  }
}

/** A string scalar that accepts (in and out) exactly the strings `isValid` accepts. */
function stringScalar(name: string, isValid: (value: string) => boolean): GraphQLScalarType<string, string> {
  const check =
    (phase: 'parse' | 'serialize') =>
    (value: unknown): string => {
      if (typeof value === 'string' && isValid(value)) return value;
      throw new AwsScalarError(name, phase, value);
    };
  return new GraphQLScalarType<string, string>({
    name,
    serialize: check('serialize'),
    parseValue: check('parse'),
    parseLiteral(ast) {
      if (ast.kind === Kind.STRING && isValid(ast.value)) return ast.value;
      throw new AwsScalarError(name, 'parse', literalValue(ast));
    },
  });
}

const awsTimestamp = new GraphQLScalarType<number, number>({
  name: 'AWSTimestamp',
  serialize(value) {
    if (isAwsTimestamp(value)) return value;
    throw new AwsScalarError('AWSTimestamp', 'serialize', value);
  },
  parseValue(value) {
    if (isAwsTimestamp(value)) return value;
    throw new AwsScalarError('AWSTimestamp', 'parse', value);
  },
  parseLiteral(ast) {
    const value = ast.kind === Kind.INT ? Number(ast.value) : undefined;
    if (isAwsTimestamp(value)) return value;
    throw new AwsScalarError('AWSTimestamp', 'parse', literalValue(ast));
  },
});

function parseJsonInput(value: unknown): unknown {
  // Only a string holding JSON is an AWSJSON input; an object or list sent as a variable is
  // rejected ("Unable to parse {a=1} as valid JSON." / "Unable to parse [] as valid JSON.").
  const parsed = typeof value === 'string' ? parseAwsJson(value) : { ok: false as const };
  if (parsed.ok) return parsed.value;
  throw new AwsScalarError('AWSJSON', 'parse', value);
}

const awsJson = new GraphQLScalarType<unknown, string>({
  name: 'AWSJSON',
  serialize(value) {
    try {
      const serialized = serializeAwsJson(value);
      if (typeof serialized === 'string') return serialized;
    } catch {
      // BigInt or a cycle: reported below like any other unserializable value.
    }
    throw new AwsScalarError('AWSJSON', 'serialize', value);
  },
  parseValue: parseJsonInput,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return parseJsonInput(ast.value);
    throw new AwsScalarError('AWSJSON', 'parse', literalValue(ast));
  },
});

/** The AWS scalars AppSync predefines, keyed by name, validated as AppSync does. */
export const awsScalars: Record<string, GraphQLScalarType> = {
  AWSDate: stringScalar('AWSDate', isAwsDate),
  AWSTime: stringScalar('AWSTime', isAwsTime),
  AWSDateTime: stringScalar('AWSDateTime', isAwsDateTime),
  AWSTimestamp: awsTimestamp,
  AWSEmail: stringScalar('AWSEmail', isAwsEmail),
  AWSJSON: awsJson,
  AWSURL: stringScalar('AWSURL', isAwsUrl),
  AWSPhone: stringScalar('AWSPhone', isAwsPhone),
  AWSIPAddress: stringScalar('AWSIPAddress', isAwsIpAddress),
};

export { AwsScalarError, findAwsScalarError } from './scalars/scalarError.ts';
