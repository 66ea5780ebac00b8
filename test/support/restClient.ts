// The tests' REST caller: one request to the local HTTP API, as the seed's clients send it (a
// Bearer token when given, a JSON body when given), answered as status plus parsed JSON body.

/** What a call answered: the status, and the JSON body (null when empty). */
export interface RestAnswer {
  status: number;
  body: any;
}

/** Calls on the REST API at `baseUrl`. */
export function restClient(baseUrl: string) {
  return async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<RestAnswer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}
