// What the bundle rules need to know about functions without type information: which function an
// identifier names (a function declaration, a named function expression, or a variable bound to
// a function or arrow expression), and the nearest such named function around a node.
import type { Rule, Scope } from 'eslint';
import type * as ESTree from 'estree';

/** A function node: declaration, expression or arrow. */
export type FunctionNode = ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression;

type WithParent = ESTree.Node & { parent?: WithParent };

/** True for the three function node types. */
export function isFunctionNode(node: ESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === 'FunctionDeclaration' ||
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression'
  );
}

/** The function a variable is bound to, when its one definition is a function; undefined otherwise. */
export function functionOfVariable(variable: Scope.Variable | null | undefined): FunctionNode | undefined {
  if (!variable || variable.defs.length !== 1) return undefined;
  const [definition] = variable.defs;
  if (definition.type === 'FunctionName' && isFunctionNode(definition.node as ESTree.Node)) {
    return definition.node as FunctionNode;
  }
  if (definition.type === 'Variable') {
    const declarator = definition.node as ESTree.VariableDeclarator;
    const kind = (definition.parent as ESTree.VariableDeclaration | null)?.kind;
    // A `let`/`var` may be reassigned to another function; only a `const` binding is certain.
    if (kind === 'const' && isFunctionNode(declarator.init)) return declarator.init;
  }
  return undefined;
}

/** The variable an identifier refers to in its scope, or null when it is a global nobody declared. */
export function resolveIdentifier(context: Rule.RuleContext, identifier: ESTree.Identifier): Scope.Variable | null {
  let scope: Scope.Scope | null = context.sourceCode.getScope(identifier);
  while (scope) {
    const reference = scope.references.find((candidate) => candidate.identifier === identifier);
    if (reference) return reference.resolved;
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return null;
}

/** The name a function is known by in the bundle (its own name, or the const it is bound to). */
export function functionName(fn: FunctionNode): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const parent = (fn as WithParent).parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

/** The innermost enclosing function that has a name; calls in anonymous callbacks belong to it. */
export function enclosingNamedFunction(node: ESTree.Node): FunctionNode | undefined {
  for (let current = (node as WithParent).parent; current; current = current.parent) {
    if (isFunctionNode(current) && functionName(current) !== undefined) return current;
  }
  return undefined;
}
