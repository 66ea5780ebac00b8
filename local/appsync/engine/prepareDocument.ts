// Parse and validate a query as AppSync does, with the errors already in AppSync's words; a document
// past graphql-java's parser limits is refused before graphql-js parses it (parseLimits.ts).
import { GraphQLError, parse, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { appSyncLocations, formatRequestError } from './formatErrors.ts';
import { MAX_TOKENS, parseLimitViolation, tokenLimitMessage } from './parseLimits.ts';
import type { AppSyncErrorEntry } from './formatErrors.ts';
import { appSyncSyntaxMessage, appSyncValidationErrors, indexDocument } from './validationMessages.ts';

/** A document ready to execute, or the request errors that stop it. */
export type PreparedDocument = { ok: true; document: DocumentNode } | { ok: false; errors: AppSyncErrorEntry[] };

/** Parses `query` and validates it against `schema`. */
export function prepareDocument(schema: GraphQLSchema, query: string): PreparedDocument {
  const violation = parseLimitViolation(query);
  if (violation) {
    const { line, column } = violation;
    return {
      ok: false,
      errors: [formatRequestError(appSyncLocations([{ line, column }]), `Invalid Syntax : ${violation.message}`)],
    };
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const tooManyTokens = tokenLimitMessage(error.message);
    const message = tooManyTokens ? `Invalid Syntax : ${tooManyTokens}` : appSyncSyntaxMessage(error);
    return { ok: false, errors: [formatRequestError(appSyncLocations(error.locations), message)] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    const facts = indexDocument(schema, document);
    return {
      ok: false,
      errors: appSyncValidationErrors(invalid, facts).map(({ message, locations }) =>
        formatRequestError(appSyncLocations(locations), message),
      ),
    };
  }
  return { ok: true, document };
}
