// The logging interface the functions' inner modules take (publishBatch, the REST app): what a
// Powertools Logger offers, so the handler passes its own and tests pass a recorder.
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

type Fields = Record<string, unknown>;

/** Structured logging: a message and the fields that go with it. */
export interface Logger {
  info(message: string, ...fields: Fields[]): void;
  warn(message: string, ...fields: Fields[]): void;
  error(message: string, ...fields: Fields[]): void;
}

/** A Powertools JSON logger for `service`, for code that runs outside a wrapped handler. */
export function createLogger(service: string): Logger {
  return new PowertoolsLogger({ serviceName: service });
}
