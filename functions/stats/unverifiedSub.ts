// The REST view route is public (no authorizer), yet a signed-in owner's own views must not
// count. The token's `sub` is read WITHOUT verifying the signature: that is safe only because the
// answer can do nothing but suppress the caller's own view — a forged token gains nothing.

/** The `sub` claim of a bearer JWT in an Authorization header, unverified; null when there is none. */
export function unverifiedSub(authorization: string | undefined): string | null {
  const payload = (authorization ?? '').replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : null;
  } catch {
    return null;
  }
}
