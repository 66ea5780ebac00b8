// Powertools for AWS Lambda around every handler (README "Observability"): structured JSON logs
// with the request id and cold start, debug logs sampled per invocation (POWERTOOLS_LOGGER_SAMPLE_RATE),
// an X-Ray subsegment per invocation with the AWS SDK and fetch calls under it, and EMF metrics
// flushed once per invocation. The stack's POWERTOOLS_* variables switch tracing and metrics per
// stage (the local stage has neither an X-Ray daemon nor CloudWatch).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

export { MetricUnit };
export type { Context };

/** One function's Logger, Tracer and Metrics. */
export interface Powertools {
  logger: Logger;
  tracer: Tracer;
  metrics: Metrics;
}

/** A Lambda handler as the runtime calls it. */
export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

/** The utilities for the function `service` (its folder under functions/), created once per execution environment. */
export function createPowertools(service: string): Powertools {
  return {
    logger: new Logger({ serviceName: service }),
    tracer: new Tracer({ serviceName: service }),
    metrics: new Metrics({ serviceName: service }),
  };
}

/** `handler` with the invocation's context in every log line, its own trace subsegment, and its metrics flushed at the end. */
export function withPowertools<E, R>(tools: Powertools, handler: LambdaHandler<E, R>): LambdaHandler<E, R> {
  const { logger, tracer, metrics } = tools;
  return async (event, context) => {
    logger.refreshSampleRateCalculation();
    logger.addContext(context);
    logger.logEventIfEnabled(event);
    metrics.captureColdStartMetric(context.functionName);
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment(`## ${process.env._HANDLER ?? 'index.handler'}`);
    if (segment) {
      tracer.setSegment(segment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event, context);
    } catch (error) {
      if (segment) tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      segment?.close();
      if (parent) tracer.setSegment(parent);
      // Powertools warns on every empty flush: an invocation that counted nothing publishes nothing.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
