// AppSync (graphql-java) words a bad scalar value as "Unable to parse `<value>` as a valid <noun>."
// and a bad result as "Unable to serialize `<value>` as a valid <noun>.". Nouns confirmed from
// recorded AWS responses: date, DateTime Object, phone number, timestamp (serialize), and
// "Unable to parse <value> as valid JSON." for AWSJSON. The others (time, email address, URL,
// IP address) follow the same pattern but are unconfirmed.

/** What a value failed to be, per scalar, in AppSync's wording. */
const NOUNS: Record<string, string> = {
  AWSDate: 'date',
  AWSTime: 'time',
  AWSDateTime: 'DateTime Object',
  AWSTimestamp: 'timestamp',
  AWSEmail: 'email address',
  AWSURL: 'URL',
  AWSPhone: 'phone number',
  AWSIPAddress: 'IP address',
};

/** Renders a value as Java's toString would (graphql-java puts Map/List toString in its messages). */
function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaToString(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** A scalar value AppSync would reject; `message` is the part graphql-java prints after its prefix. */
export class AwsScalarError extends Error {
  readonly scalar: string;
  readonly phase: 'parse' | 'serialize';

  constructor(scalar: string, phase: 'parse' | 'serialize', value: unknown) {
    super(scalarErrorMessage(scalar, phase, value));
    this.name = 'AwsScalarError';
    this.scalar = scalar;
    this.phase = phase;
  }
}

/** The coercion message AppSync gives for a value of `scalar` it cannot parse or serialize. */
function scalarErrorMessage(scalar: string, phase: 'parse' | 'serialize', value: unknown): string {
  const shown = javaToString(value);
  if (scalar === 'AWSJSON') return `Unable to ${phase} ${shown} as valid JSON.`;
  return `Unable to ${phase} \`${shown}\` as a valid ${NOUNS[scalar] ?? scalar}.`;
}

/** Finds the AwsScalarError behind a graphql-js error (variables wrap it twice, literals once). */
export function findAwsScalarError(error: unknown): AwsScalarError | undefined {
  for (
    let current = error;
    current instanceof Error;
    current = (current as { originalError?: unknown }).originalError
  ) {
    if (current instanceof AwsScalarError) return current;
  }
  return undefined;
}
