// Recursion, direct or through other functions, which APPSYNC_JS does not support (docs/appsync-facts.md
// §3). The plugin's own `no-recursion` needs TypeScript's type checker; a bundle is plain
// JavaScript, so this rule builds the call graph syntactically: an edge for every call whose callee
// is an identifier bound to a function of the bundle, from the named function the call sits in
// (calls inside anonymous callbacks count for the function around them). Every call that closes a
// cycle is reported, with the plugin's message.
import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import type { FunctionNode } from './functionBindings.ts';
import { enclosingNamedFunction, functionName, functionOfVariable, resolveIdentifier } from './functionBindings.ts';

interface CallEdge {
  call: ESTree.CallExpression;
  from: FunctionNode;
  to: FunctionNode;
}

/** The shortest chain of calls from `start` to `goal` in the call graph, both ends included; undefined when none. */
function callChain(
  edges: ReadonlyMap<FunctionNode, FunctionNode[]>,
  start: FunctionNode,
  goal: FunctionNode,
): FunctionNode[] | undefined {
  const previous = new Map<FunctionNode, FunctionNode | null>([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const current = queue[head];
    if (current === goal) {
      const chain: FunctionNode[] = [];
      for (let at: FunctionNode | null | undefined = goal; at; at = previous.get(at)) chain.unshift(at);
      return chain;
    }
    for (const next of edges.get(current) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

const nameOf = (fn: FunctionNode) => functionName(fn) ?? 'Anonymous Function';

/** ESLint rule `no-recursion` for bundles: no function may reach itself through calls. */
export const noRecursion: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow recursive functions (syntactic call graph over the bundle)' },
    messages: { noRecursion: 'Recursive function calls not supported. Detected cycle in {{ path }}' },
    schema: [],
  },
  create(context) {
    const calls: CallEdge[] = [];
    return {
      CallExpression(node) {
        if (node.callee.type !== 'Identifier') return;
        const to = functionOfVariable(resolveIdentifier(context, node.callee));
        const from = enclosingNamedFunction(node);
        if (to && from) calls.push({ call: node, from, to });
      },
      'Program:exit'() {
        const edges = new Map<FunctionNode, FunctionNode[]>();
        for (const { from, to } of calls) edges.set(from, [...(edges.get(from) ?? []), to]);
        for (const { call, from, to } of calls) {
          const back = callChain(edges, to, from);
          if (back === undefined) continue;
          // The plugin's wording: the calling function first, then the chain back to it (`a <-b <-a`).
          const path = [from, ...back].map(nameOf).join(' <-');
          context.report({ node: call, messageId: 'noRecursion', data: { path } });
        }
      },
    };
  },
};
