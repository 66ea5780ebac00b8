// The console's own server-side helpers (local/console/api), local only: configuration, users,
// tables, objects, resolvers and the request log.
import type { Tokens } from './auth/session.ts';
import type { IamCredentials } from './auth/sigv4.ts';

/** An AppSync auth mode the console can call with. */
export type AuthMode = 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM';

/** What the page needs to know about the running stack. */
export interface ConsoleConfig {
  apiName: string;
  apiKey: string | null;
  region: string;
  authModes: AuthMode[];
  defaultAuthMode: AuthMode;
  iamCredentials: IamCredentials;
  bucket: string;
  graphqlPath: string;
  realtimePath: string;
  evaluateCodePath: string;
}

/** A user of the local pool. */
export interface ConsoleUser {
  cognitoUsername: string;
  email: string | null;
  username: string | null;
  status: string | null;
  createdAt: string | null;
}

/** A table and its key schema. */
export interface ConsoleTable {
  name: string;
  keys: { name: string; type: 'HASH' | 'RANGE' }[];
  itemCount: number | null;
}

/** One page of a table or the bucket. */
export interface Page<T> {
  next: string | null;
  items?: T[];
  objects?: T[];
}

/** A bucket object. */
export interface ConsoleObject {
  key: string;
  size: number;
  lastModified: string | null;
  url: string;
}

/** A data source as the resolver view shows it. */
export interface ConsoleDataSource {
  name: string;
  type: string;
  tableName?: string;
}

/** A resolver (or pipeline function) with its bundled code. */
export interface ConsoleResolver {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  dataSource: ConsoleDataSource | null;
  code: string;
  functions: { name: string; dataSource: ConsoleDataSource | null; code: string }[];
  /** The field's arguments with placeholder values, to start a test context from. */
  sampleArguments?: Record<string, unknown>;
}

/** One request log line. */
export interface ConsoleLogLine {
  id: number;
  line: string;
  status: number;
  errorTypes: string[];
}

const API = '/_console/api';

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  });
  const body = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `${response.status} ${response.statusText}`);
  return body;
}

/** Typed calls to the helpers. */
export const consoleApi = {
  config: () => call<ConsoleConfig>('/config'),
  users: () => call<{ users: ConsoleUser[] }>('/users'),
  signIn: (input: { email: string; username?: string; password?: string }) =>
    call<Tokens & { email: string; created: boolean }>('/users', { method: 'POST', body: JSON.stringify(input) }),
  refresh: (refreshToken: string) =>
    call<Tokens>('/sessions/refresh', { method: 'POST', body: JSON.stringify({ refreshToken }) }),
  tables: () => call<{ tables: ConsoleTable[] }>('/tables'),
  items: (table: string, next: string | null) =>
    call<Page<Record<string, unknown>>>(
      `/tables/${encodeURIComponent(table)}/items${next ? `?next=${encodeURIComponent(next)}` : ''}`,
    ),
  objects: (next: string | null) =>
    call<Page<ConsoleObject> & { bucket: string }>(`/objects${next ? `?next=${encodeURIComponent(next)}` : ''}`),
  resolvers: () => call<{ resolvers: ConsoleResolver[] }>('/resolvers'),
  logStreamUrl: `${API}/log`,
};
