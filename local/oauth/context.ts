// What every route of the local managed login shares.
import type { CognitoLocalUserStore } from '../services/cognito.ts';
import type { AuthorizationRequest } from './authorizeRequest.ts';
import type { TriggerInvoker } from './federatedUsers.ts';
import type { OneTimeStore } from './oneTimeStore.ts';
import type { UpstreamProvider } from './upstream.ts';

/** An issued authorization code: the request it answers and who signed in. */
export interface CodeGrant {
  request: AuthorizationRequest;
  username: string;
  authTime: number;
}

/** A sign-in waiting for its external provider (the `state` Cognito sent it names this). */
export interface PendingSignIn {
  request: AuthorizationRequest;
  provider: string;
  nonce: string;
}

/** What a refresh token stands for. */
export interface RefreshGrant {
  clientId: string;
  username: string;
  scopes: string[];
  authTime: number;
  originJti: string;
}

/** The local managed login's configuration and state. */
export interface ManagedLoginContext {
  /** `http://localhost:<port>`: the pool's domain. */
  baseUrl: string;
  /** The pool's token issuer (cognito-local's URL for it). */
  issuer: string;
  userPoolId: string;
  store: CognitoLocalUserStore;
  providers: Map<string, UpstreamProvider>;
  invokeTrigger: TriggerInvoker;
  /** Checks an email and password with the pool (USER_PASSWORD_AUTH); resolves to the user name. */
  nativeSignIn(clientId: string, email: string, password: string): Promise<string>;
  codes: OneTimeStore<CodeGrant>;
  pending: OneTimeStore<PendingSignIn>;
  refreshGrants: Map<string, RefreshGrant>;
  now(): number;
}
