// The `extensions` global (docs/appsync-facts.md §1.7): records each call on the invocation and refuses the
// calls AppSync only allows in certain handlers.
import type { ExtensionCall, HandlerSite, InvocationSource } from './contract.ts';
import { usageError } from './util/errors.ts';

// AppSync allows at most 5 unique invalidateSubscriptions calls per request (docs/appsync-facts.md §1.7).
const MAX_INVALIDATIONS = 5;

const where = (site: HandlerSite) => `${site.parentTypeName}.${site.fieldName} ${site.kind} ${site.handler} handler`;

const isSubscriptionResponse = (site: HandlerSite) =>
  site.parentTypeName === 'Subscription' && site.kind === 'resolver' && site.handler === 'response';
const isMutationResponse = (site: HandlerSite) =>
  site.parentTypeName === 'Mutation' && site.kind === 'resolver' && site.handler === 'response';

/** Creates the `extensions` global bound to the running invocation. */
export function createExtensions(invocations: InvocationSource): Record<string, unknown> {
  const record = (name: ExtensionCall['name'], args: unknown[]): undefined => {
    invocations.current().extensionCalls.push({ name, args });
    return undefined;
  };
  return {
    evictFromApiCache(typeName: unknown, fieldName: unknown, keyValuePair: unknown): undefined {
      const { site } = invocations.current();
      if (site.parentTypeName !== 'Mutation') {
        throw usageError(`extensions.evictFromApiCache can only be used in mutations, not in the ${where(site)}`);
      }
      return record('evictFromApiCache', [typeName, fieldName, keyValuePair]);
    },
    setSubscriptionFilter(filter: unknown): undefined {
      const { site } = invocations.current();
      if (!isSubscriptionResponse(site)) {
        throw usageError(
          `extensions.setSubscriptionFilter can only be used in the response handler of a subscription resolver, not in the ${where(site)}`,
        );
      }
      return record('setSubscriptionFilter', [filter]);
    },
    setSubscriptionInvalidationFilter(filter: unknown): undefined {
      const { site } = invocations.current();
      if (!isSubscriptionResponse(site)) {
        throw usageError(
          `extensions.setSubscriptionInvalidationFilter can only be used in the response handler of a subscription resolver, not in the ${where(site)}`,
        );
      }
      return record('setSubscriptionInvalidationFilter', [filter]);
    },
    invalidateSubscriptions(invalidation: unknown): undefined {
      const invocation = invocations.current();
      if (!isMutationResponse(invocation.site)) {
        throw usageError(
          `extensions.invalidateSubscriptions can only be used in the response handler of a mutation resolver, not in the ${where(invocation.site)}`,
        );
      }
      const previous = invocation.extensionCalls.filter((c) => c.name === 'invalidateSubscriptions');
      const key = JSON.stringify(invalidation);
      if (previous.some((c) => JSON.stringify(c.args[0]) === key)) return undefined;
      if (previous.length >= MAX_INVALIDATIONS) {
        throw usageError(
          `extensions.invalidateSubscriptions: at most ${MAX_INVALIDATIONS} unique invalidations are allowed per request`,
        );
      }
      return record('invalidateSubscriptions', [invalidation]);
    },
  };
}
