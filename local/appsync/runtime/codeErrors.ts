// The errors AppSync raises when it is handed resolver or function code it will not accept.
// AWS reports these from CreateResolver / CreateFunction as BadRequestException, so a bundle that
// fails here would also fail `cdk deploy` (docs/appsync-facts.md §3).

/** AppSync's rejection of resolver code (too long, unsupported syntax, unknown import, …). */
export class CodeRejectedError extends Error {
  readonly errorType = 'BadRequestException';

  constructor(
    message: string,
    /** The bundle's name (e.g. `Query.profile`), so a failing template names the culprit. */
    readonly bundleName: string,
    /** One line per problem, `line:column message (rule)`. */
    readonly details: string[] = [],
  ) {
    super(
      details.length === 0
        ? `${message} [${bundleName}]`
        : `${message} [${bundleName}]\n${details.map((d) => `  ${d}`).join('\n')}`,
    );
    this.name = 'BadRequestException';
  }
}

/** AWS's wording for code that fails its checks ([O] BadRequestException "The code contains one or more errors"). */
export const CODE_ERRORS_MESSAGE = 'The code contains one or more errors.';

/** `Resolver.code` / `Function.code` are limited to 32768 characters (API_Resolver, docs/appsync-facts.md §3). */
export const MAX_CODE_LENGTH = 32768;
