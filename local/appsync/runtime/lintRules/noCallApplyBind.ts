// Function.prototype.call, apply and bind, which APPSYNC_JS does not support (docs/appsync-facts.md §3).
// Without type information the rule reports `.call(`, `.apply(` and `.bind(` only on what is
// certainly a function: a function or arrow expression, a name bound to a function of the bundle,
// a built-in constructor or function (`Object`, `parseInt`), anything reached through a built-in
// namespace or a prototype (`Math.max`, `Object.prototype.hasOwnProperty`) or through the
// APPSYNC_JS globals (`util.error`). An object of the bundle's own with a `call` method is left alone.
import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { functionOfVariable, isFunctionNode, resolveIdentifier } from './functionBindings.ts';

const METHODS = new Set(['call', 'apply', 'bind']);

// Globals that are functions themselves.
const GLOBAL_FUNCTIONS = new Set([
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Function',
  'Date',
  'RegExp',
  'Symbol',
  'Promise',
  'Error',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURI',
  'encodeURIComponent',
  'decodeURI',
  'decodeURIComponent',
]);

// Namespaces whose members are functions (or namespaces of functions), including the APPSYNC_JS globals.
const FUNCTION_NAMESPACES = new Set([...GLOBAL_FUNCTIONS, 'Math', 'JSON', 'Reflect', 'util', 'runtime', 'extensions']);

function propertyName(member: ESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

/** Whether a global or imported name (not one the bundle binds to a value of its own) is `name`. */
function isAmbient(context: Rule.RuleContext, identifier: ESTree.Identifier): boolean {
  const variable = resolveIdentifier(context, identifier);
  // Unresolved: a global. An import: `util` and friends from @aws-appsync/utils.
  return variable === null || variable.defs.every((definition) => definition.type === 'ImportBinding');
}

function isCertainlyFunction(context: Rule.RuleContext, receiver: ESTree.Node): boolean {
  if (isFunctionNode(receiver)) return true;
  if (receiver.type === 'Identifier') {
    if (functionOfVariable(resolveIdentifier(context, receiver))) return true;
    return GLOBAL_FUNCTIONS.has(receiver.name) && isAmbient(context, receiver);
  }
  if (receiver.type !== 'MemberExpression') return false;
  let root: ESTree.Node = receiver;
  while (root.type === 'MemberExpression') {
    if (propertyName(root) === 'prototype') return true;
    root = root.object;
  }
  return root.type === 'Identifier' && FUNCTION_NAMESPACES.has(root.name) && isAmbient(context, root);
}

/** ESLint rule for bundles: no `.call(`, `.apply(` or `.bind(` on a function. */
export const noCallApplyBind: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow Function.prototype.call, apply and bind' },
    messages: { notSupported: 'Function.prototype.{{ method }} is not supported' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression') return;
        const method = propertyName(callee);
        if (method === undefined || !METHODS.has(method)) return;
        if (isCertainlyFunction(context, callee.object)) {
          context.report({ node, messageId: 'notSupported', data: { method } });
        }
      },
    };
  },
};
