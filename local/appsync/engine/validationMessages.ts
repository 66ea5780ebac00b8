// AppSync validates queries with graphql-java, so its messages read
// "Validation error of type <Kind>: <description> @ '<field path>'" (docs/appsync-facts.md §5, e.g.
// "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'").
// graphql-js finds the same problems; this module rewrites its messages into graphql-java's words.
import {
  Kind,
  TypeInfo,
  getLocation,
  getNamedType,
  isListType,
  isNonNullType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type {
  ASTNode,
  ArgumentNode,
  DocumentNode,
  GraphQLError,
  GraphQLInputType,
  GraphQLOutputType,
  GraphQLSchema,
  ValueNode,
} from 'graphql';

interface NodeFacts {
  /** Field names from the operation (or fragment) root down to the node, '/'-joined. */
  path: string;
  argument?: { node: ArgumentNode; name: string; value: ValueNode; type: GraphQLInputType | null };
  /** For a field node: its declared output type, wrappers included. */
  fieldType?: GraphQLOutputType | null;
}

/** Indexes every node of a document with its field path and enclosing argument. */
export function indexDocument(schema: GraphQLSchema, document: DocumentNode): Map<ASTNode, NodeFacts> {
  const facts = new Map<ASTNode, NodeFacts>();
  const typeInfo = new TypeInfo(schema);
  const fields: string[] = [];
  let argument: NodeFacts['argument'];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      enter(node) {
        if (node.kind === Kind.OPERATION_DEFINITION || node.kind === Kind.FRAGMENT_DEFINITION) fields.length = 0;
        if (node.kind === Kind.FIELD) fields.push(node.name.value);
        if (node.kind === Kind.ARGUMENT)
          argument = { node, name: node.name.value, value: node.value, type: typeInfo.getInputType() ?? null };
        const fieldType = node.kind === Kind.FIELD ? (typeInfo.getType() ?? null) : undefined;
        facts.set(node, { path: fields.join('/'), argument, fieldType });
      },
      leave(node) {
        if (node.kind === Kind.FIELD) fields.pop();
        if (node.kind === Kind.ARGUMENT) argument = undefined;
      },
    }),
  );
  return facts;
}

/** graphql-java's toString of a literal, as AppSync quotes it in WrongType messages. */
function javaAstString(value: ValueNode): string {
  switch (value.kind) {
    case Kind.INT:
      return `IntValue{value=${value.value}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${value.value}}`;
    case Kind.STRING:
      return `StringValue{value='${value.value}'}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${value.value}}`;
    case Kind.NULL:
      return 'NullValue{}';
    case Kind.ENUM:
      return `EnumValue{name='${value.value}'}`;
    case Kind.VARIABLE:
      return `VariableReference{name='${value.name.value}'}`;
    case Kind.LIST:
      return `ArrayValue{values=[${value.values.map(javaAstString).join(', ')}]}`;
    case Kind.OBJECT:
      return `ObjectValue{objectFields=[${value.fields.map((field) => `ObjectField{name='${field.name.value}', value=${javaAstString(field.value)}}`).join(', ')}]}`;
  }
}

// graphql-java printed the *unwrapped* name of the field's type, which is null for list and
// non-null wrappers; AppSync's messages show exactly that ("Sub selection not allowed on leaf type
// null of field genres").
function javaTypeName(type: GraphQLOutputType | GraphQLInputType | null | undefined): string {
  if (!type || isListType(type) || isNonNullType(type)) return 'null';
  return type.name;
}

interface Rewrite {
  pattern: RegExp;
  kind: string;
  describe(match: RegExpMatchArray, facts: NodeFacts | undefined): string;
}

function wrongType(match: RegExpMatchArray, facts: NodeFacts | undefined): string {
  const argument = facts?.argument;
  if (!argument) return match[0];
  const value = javaAstString(argument.value);
  const missing = /^Field "[^".]+\.([^"]+)" of required type "[^"]+" was not provided\./.exec(match[0]);
  if (missing) return `argument '${argument.name}' with value '${value}' is missing required fields '[${missing[1]}]'`;
  const unknown = /^Field "([^"]+)" is not defined by type "([^"]+)"\./.exec(match[0]);
  if (unknown)
    return `argument '${argument.name}' with value '${value}' contains a field not in '${unknown[2]}': '${unknown[1]}'`;
  return `argument '${argument.name}' with value '${value}' is not a valid '${argument.type ? getNamedType(argument.type).name : 'null'}'`;
}

const REWRITES: Rewrite[] = [
  {
    pattern: /^Cannot query field "([^"]+)" on type "([^"]+)"\./,
    kind: 'FieldUndefined',
    describe: (m) => `Field '${m[1]}' in type '${m[2]}' is undefined`,
  },
  {
    pattern: /^Unknown argument "([^"]+)" on field "[^"]+"\./,
    kind: 'UnknownArgument',
    describe: (m) => `Unknown field argument ${m[1]}`,
  },
  {
    pattern: /^Unknown argument "([^"]+)" on directive "@[^"]+"\./,
    kind: 'UnknownDirective',
    describe: (m) => `Unknown directive argument ${m[1]}`,
  },
  {
    pattern: /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\./,
    kind: 'MissingFieldArgument',
    describe: (m) => `Missing field argument ${m[2]}`,
  },
  {
    pattern: /^Directive "@([^"]+)" argument "([^"]+)" of type "[^"]+" is required/,
    kind: 'MissingDirectiveArgument',
    describe: (m) => `Missing directive argument ${m[2]}`,
  },
  { pattern: /^Unknown type "([^"]+)"\./, kind: 'UnknownType', describe: (m) => `Unknown type ${m[1]}` },
  {
    pattern: /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\./,
    kind: 'SubSelectionNotAllowed',
    describe: (m, facts) => `Sub selection not allowed on leaf type ${javaTypeName(facts?.fieldType)} of field ${m[1]}`,
  },
  {
    pattern: /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./,
    kind: 'SubSelectionRequired',
    describe: (m, facts) => `Sub selection required for type ${javaTypeName(facts?.fieldType)} of field ${m[1]}`,
  },
  {
    pattern: /^Variable "\$([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"\./,
    kind: 'VariableTypeMismatch',
    describe: (m) => `Variable type '${m[2]}' doesn't match expected type '${m[3]}'`,
  },
  {
    pattern: /^Variable "\$([^"]+)" is not defined/,
    kind: 'UndefinedVariable',
    describe: (m) => `Undefined variable ${m[1]}`,
  },
  {
    pattern: /^Variable "\$([^"]+)" is never used/,
    kind: 'UnusedVariable',
    describe: (m) => `Unused variable ${m[1]}`,
  },
  {
    pattern: /^Variable "\$([^"]+)" cannot be non-input type "([^"]+)"\./,
    kind: 'NonInputTypeOnVariable',
    describe: (m) => `Input variable ${m[1]} type ${m[2]} is not an input type`,
  },
  {
    pattern: /^Unknown fragment "([^"]+)"\./,
    kind: 'UndefinedFragment',
    describe: (m) => `Undefined fragment ${m[1]}`,
  },
  {
    pattern: /^Fragment "([^"]+)" is never used\./,
    kind: 'UnusedFragment',
    describe: (m) => `Unused fragment ${m[1]}`,
  },
  {
    pattern: /^Unknown directive "@([^"]+)"\./,
    kind: 'UnknownDirective',
    describe: (m) => `Unknown directive ${m[1]}`,
  },
  {
    pattern: /^There can be only one operation named "([^"]+)"\./,
    kind: 'DuplicateOperationName',
    describe: (m) => `There can be only one operation named ${m[1]}`,
  },
  {
    pattern: /^This anonymous operation must be the only defined operation\./,
    kind: 'LoneAnonymousOperationViolation',
    describe: () => 'Anonymous operation with other operations.',
  },
  { pattern: /^Fields "([^"]+)" conflict because (.*)$/s, kind: 'FieldsConflict', describe: (m) => `${m[1]}: ${m[2]}` },
  // ValuesOfCorrectTypeRule: every literal of the wrong type, missing or unknown input fields.
  {
    pattern:
      /^(Expected value of type|.* cannot represent|Field "[^"]+" of required type|Field "[^"]+" is not defined by type|Enum "[^"]+" cannot represent).*$/s,
    kind: 'WrongType',
    describe: (m, facts) => wrongType(m, facts),
  },
];

/** Rewrites one graphql-js validation error into AppSync's message and locations. */
function appSyncValidationError(
  error: GraphQLError,
  facts: Map<ASTNode, NodeFacts>,
): { message: string; locations: readonly { line: number; column: number }[] | undefined } {
  // graphql-js lists a variable's definition before its use; graphql-java reports the use.
  const node = error.nodes?.find((candidate) => facts.get(candidate)?.path) ?? error.nodes?.[0];
  const nodeFacts = node ? facts.get(node) : undefined;
  for (const rewrite of REWRITES) {
    const match = rewrite.pattern.exec(error.message);
    if (!match) continue;
    const suffix = nodeFacts?.path ? ` @ '${nodeFacts.path}'` : '';
    const message = `Validation error of type ${rewrite.kind}: ${rewrite.describe(match, nodeFacts)}${suffix}`;
    // graphql-java reports a wrong literal at its argument, not at the offending value inside it.
    const reportedLoc =
      rewrite.kind === 'WrongType' ? nodeFacts?.argument?.node.loc : node !== error.nodes?.[0] ? node?.loc : undefined;
    const locations = reportedLoc ? [getLocation(reportedLoc.source, reportedLoc.start)] : error.locations;
    return { message, locations };
  }
  return { message: `Validation error of type InvalidSyntax: ${error.message}`, locations: error.locations };
}

/** Rewrites all validation errors; graphql-java reports one WrongType per argument, graphql-js one per bad value. */
export function appSyncValidationErrors(
  errors: readonly GraphQLError[],
  facts: Map<ASTNode, NodeFacts>,
): { message: string; locations: readonly { line: number; column: number }[] | undefined }[] {
  const reportedArguments = new Set<ASTNode>();
  const out: { message: string; locations: readonly { line: number; column: number }[] | undefined }[] = [];
  for (const error of errors) {
    const rewritten = appSyncValidationError(error, facts);
    const argument = error.nodes?.[0] ? facts.get(error.nodes[0])?.argument?.node : undefined;
    if (rewritten.message.startsWith('Validation error of type WrongType:') && argument) {
      if (reportedArguments.has(argument)) continue;
      reportedArguments.add(argument);
    }
    out.push(rewritten);
  }
  return out;
}

/** Rewrites a graphql-js syntax error into graphql-java's "Invalid Syntax : offending token …" [?]. */
export function appSyncSyntaxMessage(error: GraphQLError): string {
  const location = error.locations?.[0];
  const token = /(?:found|Unexpected) (<EOF>|"((?:[^"\\]|\\.)*)"|Name "([^"]+)"|[A-Za-z]+ "([^"]+)")/.exec(
    error.message,
  );
  if (token && location) {
    const text = token[1] === '<EOF>' ? '<EOF>' : (token[2] ?? token[3] ?? token[4] ?? token[1]);
    return `Invalid Syntax : offending token '${text}' at line ${location.line} column ${location.column}`;
  }
  return `Invalid Syntax : ${error.message.replace(/^Syntax Error: /, '')}`;
}

/** Rewrites a graphql-js variable-coercion error into graphql-java's wording as AppSync returns it. */
export function appSyncVariableMessage(message: string): string {
  const name = /^Variable "\$([^"]+)"/.exec(message)?.[1] ?? '';
  const missing = /of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)/.exec(message);
  if (missing) return `Variable '${name}' has coerced Null value for NonNull type '${missing[1]}'`;
  const unknown = /Field "[^"]+" is not defined by type "([^"]+)"/.exec(message);
  // Trailing space and no field name: AppSync's own text (aws/aws-appsync-community#273 [O]).
  if (unknown) return `The variables input contains a field that is not defined for input object type '${unknown[1]}' `;
  const reason = /got invalid value .*?; (.*)$/s.exec(message)?.[1];
  return `Variable '${name}' has an invalid value: ${reason ?? message}`;
}
