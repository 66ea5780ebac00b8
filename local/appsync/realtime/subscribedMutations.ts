// `@aws_subscribe(mutations: [...])` read from the schema: which subscription fields each
// mutation's results fan out to (docs/appsync-facts.md §6 directives, §8.3).
import { isObjectType, valueFromASTUntyped } from 'graphql';
import type { GraphQLSchema } from 'graphql';

/** Mutation field name → the subscription fields that subscribe to it. */
export function subscribedMutations(schema: GraphQLSchema): Map<string, string[]> {
  const byMutation = new Map<string, string[]>();
  const subscription = schema.getSubscriptionType();
  if (!isObjectType(subscription)) return byMutation;
  for (const field of Object.values(subscription.getFields())) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const argument = directive?.arguments?.find((a) => a.name.value === 'mutations');
    const mutations: unknown = argument ? valueFromASTUntyped(argument.value) : [];
    for (const mutation of Array.isArray(mutations) ? mutations : [mutations]) {
      if (typeof mutation !== 'string') continue;
      byMutation.set(mutation, [...(byMutation.get(mutation) ?? []), field.name]);
    }
  }
  return byMutation;
}
