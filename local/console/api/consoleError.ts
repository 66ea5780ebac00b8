// How the console's helpers fail: a status and a message the page shows as is, never a stack.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A failure the console page can show to its user. */
export class ConsoleError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

/** The JSON answer for any error thrown by a helper: a ConsoleError's own status, else 502 with the cause. */
export function consoleErrorResponse(error: Error, c: Context): Response {
  if (error instanceof ConsoleError) return c.json({ message: error.message }, error.status);
  // A local service (cognito-local, DynamoDB Local, s3rver) refused: its own words help most.
  return c.json({ message: `${error.name}: ${error.message}` }, 502);
}

/** Reads a JSON object body, or fails with 400. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ConsoleError(400, 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** A required, non-blank string field of a body, trimmed. */
export function requiredText(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw new ConsoleError(400, `${name} is required.`);
  return value.trim();
}
