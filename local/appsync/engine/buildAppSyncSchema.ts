// The executable schema: AppSync's implicit prelude (AWS scalars and auth directives) plus the
// deployed SDL, with the AWS scalars' validation plugged in. The prelude lives at the repository
// root next to schema.graphql: codegen reads it too, and the deployed code's types must not depend
// on a file inside the emulator.
import { readFileSync } from 'node:fs';
import { GraphQLSchema as Schema, buildSchema, isScalarType, specifiedScalarTypes } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { awsScalars } from '../scalars.ts';

const prelude = readFileSync(new URL('../../../aws-prelude.graphql', import.meta.url), 'utf8');

/** Builds a graphql-js schema from the deployed SDL the way AppSync reads it. */
export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  const built = buildSchema(`${prelude}\n${sdl}`);
  // graphql-js drops standard scalars the SDL never mentions; AppSync always knows Int, Float, …
  // (a variable declared `$n: Int` must fail as a type mismatch, not as an unknown type).
  const config = built.toConfig();
  const schema = new Schema({
    ...config,
    types: [...config.types, ...specifiedScalarTypes.filter((scalar) => !built.getType(scalar.name))],
  });
  for (const [name, scalar] of Object.entries(awsScalars)) {
    const type = schema.getType(name);
    if (!isScalarType(type)) continue;
    // buildSchema creates pass-through scalars; give them AppSync's parsing and serialisation.
    type.serialize = scalar.serialize;
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
  }
  return schema;
}
