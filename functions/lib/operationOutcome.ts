// The one outcome rule every handler follows (STYLE "Errors"): an expected refusal (a DomainError)
// is logged as a warning and passed on with its safe message; anything else is logged with its
// stack and replaced by a generic message, so no internals reach the caller.
import { isDomainError } from './errors.ts';
import type { Powertools } from './powertools.ts';
import { MetricUnit } from './powertools.ts';

export interface OperationOptions {
  /** The operation's name in logs (`operation` key). */
  operation: string;
  /** What the caller is told when the failure is not a DomainError. */
  failureMessage: string;
  /** Metric counted on an unexpected failure (e.g. TriggerFailures). */
  failureMetric?: string;
}

/**
 * Runs `work` and logs one line with its outcome and duration (keys added with
 * logger.appendKeys inside `work` appear in it): `ok`, the DomainError's errorType (rethrown), or
 * `error` (thrown again as a plain Error carrying `failureMessage`).
 */
export async function runOperation<R>(
  tools: Powertools,
  options: OperationOptions,
  work: () => Promise<R>,
): Promise<R> {
  const { logger, metrics } = tools;
  const started = Date.now();
  const outcome = (value: string) => ({
    operation: options.operation,
    outcome: value,
    durationMs: Date.now() - started,
  });
  try {
    const result = await work();
    logger.info(`${options.operation} done`, outcome('ok'));
    return result;
  } catch (error) {
    if (isDomainError(error)) {
      logger.warn(`${options.operation} refused`, { ...outcome(error.errorType), reason: error.message });
      throw error;
    }
    logger.error(`${options.operation} failed`, { ...outcome('error'), error });
    if (options.failureMetric) metrics.addMetric(options.failureMetric, MetricUnit.Count, 1);
    throw new Error(options.failureMessage);
  }
}
