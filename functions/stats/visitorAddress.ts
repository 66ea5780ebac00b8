// The visitor's address as AppSync hands it to the recordProfileView resolver (docs/appsync-facts.md
// §4): for IAM and Cognito callers `ctx.identity.sourceIp` lists the x-forwarded-for addresses and
// then the TCP peer — the only entry the client cannot write itself, so the last one is used. API
// key callers have no identity; there the last x-forwarded-for entry is the one the edge appended.
// Anything a client adds in front is ignored, so it cannot pose as many visitors.

/** What the resolver forwards: identity.sourceIp and the x-forwarded-for header, as AppSync gives them. */
export interface AppSyncAddressInputs {
  sourceIp?: unknown;
  forwardedFor?: unknown;
}

/** The address to recognise the visitor by, or null when AppSync gave none. */
export function visitorAddress(inputs: AppSyncAddressInputs): string | null {
  const fromIdentity = lastEntry(inputs.sourceIp);
  return fromIdentity ?? lastEntry(inputs.forwardedFor);
}

// A list, a comma-separated header, or a header sent twice (AppSync makes that an array).
function lastEntry(value: unknown): string | null {
  const parts = (Array.isArray(value) ? value : [value])
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return parts.length > 0 ? parts[parts.length - 1] : null;
}
