import { describe, expect, it } from 'vitest';
import { UtilErrorSignal } from '../../../local/appsync/runtime/contract.ts';
import type { HandlerSite } from '../../../local/appsync/runtime/contract.ts';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { invocation, sourceOf } from './invocationFactory.ts';

type Fn = (...args: unknown[]) => unknown;
const at = (site: Partial<HandlerSite>) => {
  const inv = invocation({ site });
  return { inv, extensions: createAppSyncGlobals(sourceOf(inv)).extensions as Record<string, Fn> };
};
const SUBSCRIPTION_RESPONSE = {
  parentTypeName: 'Subscription',
  fieldName: 'onProfileUpdated',
  handler: 'response',
} as const;
const MUTATION_RESPONSE = { parentTypeName: 'Mutation', fieldName: 'deleteProfile', handler: 'response' } as const;

// Expected behaviour: extensions-js.html (docs/appsync-facts.md §1.7 [D][T]).
describe('extensions', () => {
  it('records setSubscriptionFilter in a subscription resolver response handler', () => {
    const { inv, extensions } = at(SUBSCRIPTION_RESPONSE);
    const filter = { filterGroup: [{ filters: [{ fieldName: 'username', operator: 'eq', value: 'ann' }] }] };
    expect(extensions.setSubscriptionFilter(filter)).toBeUndefined();
    extensions.setSubscriptionInvalidationFilter(filter);
    expect(inv.extensionCalls).toEqual([
      { name: 'setSubscriptionFilter', args: [filter] },
      { name: 'setSubscriptionInvalidationFilter', args: [filter] },
    ]);
  });

  it('refuses subscription filters outside a subscription response handler', () => {
    expect(() => at({ ...SUBSCRIPTION_RESPONSE, handler: 'request' }).extensions.setSubscriptionFilter({})).toThrow(
      /response handler of a subscription resolver/,
    );
    expect(() =>
      at({ parentTypeName: 'Query', handler: 'response' }).extensions.setSubscriptionInvalidationFilter({}),
    ).toThrow(UtilErrorSignal);
  });

  it('allows five unique invalidateSubscriptions per mutation response and ignores repeats', () => {
    const { inv, extensions } = at(MUTATION_RESPONSE);
    for (let i = 0; i < 5; i += 1)
      extensions.invalidateSubscriptions({ subscriptionField: 'onUserDelete', payload: { id: i } });
    extensions.invalidateSubscriptions({ subscriptionField: 'onUserDelete', payload: { id: 0 } });
    expect(inv.extensionCalls).toHaveLength(5);
    expect(() => extensions.invalidateSubscriptions({ subscriptionField: 'onUserDelete', payload: { id: 5 } })).toThrow(
      /at most 5/,
    );
  });

  it('refuses invalidateSubscriptions outside a mutation response handler', () => {
    expect(() => at({ ...MUTATION_RESPONSE, handler: 'request' }).extensions.invalidateSubscriptions({})).toThrow(
      UtilErrorSignal,
    );
  });

  it('evicts from the API cache only in mutations', () => {
    const { inv, extensions } = at({ parentTypeName: 'Mutation', fieldName: 'saveProfile' });
    extensions.evictFromApiCache('Query', 'profile', { 'context.arguments.username': 'ann' });
    expect(inv.extensionCalls).toEqual([
      { name: 'evictFromApiCache', args: ['Query', 'profile', { 'context.arguments.username': 'ann' }] },
    ]);
    expect(() => at({ parentTypeName: 'Query' }).extensions.evictFromApiCache('Query', 'profile', {})).toThrow(
      /only be used in mutations/,
    );
  });
});
