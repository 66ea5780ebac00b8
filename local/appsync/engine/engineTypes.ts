// The engine's request and response shapes, shared by the engine's parts and its transports.
import type { ExtensionCall } from '../runtime/contract.ts';
import type { AuthMode } from './definitions.ts';
import type { AppSyncErrorEntry } from './formatErrors.ts';

/** A GraphQL request as posted to /graphql. */
export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The authenticated caller, as request-level authentication established it. */
export interface Caller {
  authMode: AuthMode;
  /** ctx.identity for that mode (null for API key). */
  identity: unknown;
  /** The HTTP request headers (any case; duplicates as arrays). */
  headers: Record<string, string | string[] | undefined>;
  cognitoGroups?: string[];
  /** ctx.request.domainName: the custom domain, or null on the default endpoint. */
  domainName?: string | null;
}

/** An extensions.* call, with the field whose handler made it. */
export interface FieldExtensionCall extends ExtensionCall {
  parentTypeName: string;
  fieldName: string;
  path: (string | number)[];
}

/** A console.log / console.error line from a handler. */
export interface FieldLog {
  parentTypeName: string;
  fieldName: string;
  path: (string | number)[];
  level: 'log' | 'error';
  message: string;
}

/** What the transport needs to answer: the JSON body (always HTTP 200) and side channels. */
export interface AppSyncResponse {
  body: { data: unknown; errors?: AppSyncErrorEntry[] };
  /** util.http.addResponseHeader(s) across all fields; the last write of a name wins. */
  headers: Record<string, string>;
  extensionCalls: FieldExtensionCall[];
  logs: FieldLog[];
  /** A mutation's root fields and their results as in body.data, for subscription fan-out (§8.3). */
  mutationResults: MutationResult[];
}

/** One root mutation field's result, as the mutation's own selection set shaped it. */
export interface MutationResult {
  fieldName: string;
  value: unknown;
}
