// graphql-java's envelopes around a scalar's message, as AppSync returns them. For the engine:
// graphql-js words these differently, so the engine rewrites its errors with these helpers.
// Confirmed from recorded AWS responses:
//   Variable 'phone' has an invalid value. Unable to parse `1110004444` as a valid phone number.
//   Validation error of type WrongType: argument 'data' with value 'ObjectValue{objectFields=
//     [ObjectField{name='upvotes', value=IntValue{value=10}}]}' is not a valid 'AWSJSON' @ 'sendEmail'
//   Can't serialize value (/UsersQueryByEmail/items[0]/updatedAt) : Unable to serialize `…` as a valid timestamp.
import { Kind } from 'graphql';
import type { ValueNode } from 'graphql';

/** "Variable 'x' has an invalid value. <detail>" — a variable that fails scalar coercion. */
export function variableInvalidValueMessage(variableName: string, detail: string): string {
  return `Variable '${variableName}' has an invalid value. ${detail}`;
}

/** "Can't serialize value (/a/items[0]/b) : <detail>" — a resolver result the scalar rejects. */
export function cantSerializeMessage(path: ReadonlyArray<string | number>, detail: string): string {
  const rendered = path.map((key) => (typeof key === 'number' ? `[${key}]` : `/${key}`)).join('');
  return `Can't serialize value (${rendered}) : ${detail}`;
}

/** graphql-java's toString of a literal (AST) value, as quoted in WrongType validation errors. */
function graphqlJavaValueString(node: ValueNode): string {
  switch (node.kind) {
    case Kind.STRING:
      return `StringValue{value='${node.value}'}`;
    case Kind.INT:
      return `IntValue{value=${node.value}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${node.value}}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${node.value}}`;
    case Kind.ENUM:
      return `EnumValue{name='${node.value}'}`;
    case Kind.NULL:
      return 'NullValue{}';
    case Kind.VARIABLE:
      return `VariableReference{name='${node.name.value}'}`;
    case Kind.LIST:
      return `ArrayValue{values=[${node.values.map(graphqlJavaValueString).join(', ')}]}`;
    case Kind.OBJECT: {
      const fields = node.fields.map(
        (f) => `ObjectField{name='${f.name.value}', value=${graphqlJavaValueString(f.value)}}`,
      );
      return `ObjectValue{objectFields=[${fields.join(', ')}]}`;
    }
  }
}

/** "Validation error of type WrongType: argument 'a.b' with value '…' is not a valid 'T' @ 'field'". */
export function literalWrongTypeMessage(input: {
  argumentPath: string;
  value: ValueNode;
  typeName: string;
  fieldPath: string;
}): string {
  return `Validation error of type WrongType: argument '${input.argumentPath}' with value '${graphqlJavaValueString(input.value)}' is not a valid '${input.typeName}' @ '${input.fieldPath}'`;
}
