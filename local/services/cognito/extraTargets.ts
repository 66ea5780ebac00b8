// API operations cognito-local does not implement, served in its place by our own code (the first
// is AdminLinkProviderForUser, local/oauth/providerLinks.ts), on cognito-local's own endpoint so
// that Lambda triggers call them exactly as they call Cognito.
import type { CognitoLocalUserStore } from './userStore.ts';

/** One operation: throw `{ code, message }` for an AWS error (its `__type`, HTTP 400). */
export type ExtraCognitoTarget = (request: Record<string, unknown>, store: CognitoLocalUserStore) => Promise<unknown>;

type CognitoRoute = (ctx: unknown, request: Record<string, unknown>) => Promise<unknown>;
type CognitoErrorClass = new (code: string, message: string) => Error;

/** cognito-local's router with our targets first; their `{ code, message }` errors become its CognitoError. */
export function withExtraTargets(
  router: (target: string) => CognitoRoute,
  extraTargets: Record<string, ExtraCognitoTarget>,
  store: CognitoLocalUserStore,
  CognitoError: CognitoErrorClass,
): (target: string) => CognitoRoute {
  return (target) => {
    const extra = Object.hasOwn(extraTargets, target) ? extraTargets[target] : undefined;
    if (extra === undefined) return router(target);
    return async (_ctx, request) => {
      try {
        return await extra(request ?? {}, store);
      } catch (error) {
        const failure = error as { code?: unknown; message?: unknown };
        if (typeof failure.code === 'string') throw new CognitoError(failure.code, String(failure.message));
        throw error;
      }
    };
  };
}
