/**
 * Logs, metrics and traces of the request path, behind two small interfaces so that tests and
 * the dev server can record or silence them. The Powertools implementations are the ones Lambda
 * uses: structured JSON logs, CloudWatch EMF metrics, X-Ray traces (inert outside Lambda).
 *
 * Personal data and secrets never reach a log: handlers log ids, codes and timings only, never
 * bodies or headers, and every error message or stack is passed through `redact` first, since a
 * dependency's message may echo request values back.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { ENV, METRICS_NAMESPACE } from '../environment';

export interface LogSink {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

export interface MetricSink {
  /** Adds 1 to the count metric `name`. */
  count(name: string): void;
  /** Sends what was counted during this request. */
  publish(): void;
}

export interface Observability {
  readonly logger: LogSink;
  readonly metrics: MetricSink;
  /** Runs `work` inside a trace subsegment named `name`, when tracing is on. */
  readonly trace?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+[1-9]\d{6,14}/g;

export const redact = (text: string) => text.replace(EMAIL, '[redacted-email]').replace(PHONE, '[redacted-phone]');

/** An error as log fields: name, code, redacted message and stack; never the raw object. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: redact(String(error)) };
  const cause = (error as { cause?: unknown }).cause;
  return {
    errorName: error.name,
    errorMessage: redact(error.message),
    stack: error.stack === undefined ? undefined : redact(error.stack),
    ...(cause instanceof Error ? { cause: `${cause.name}: ${redact(cause.message)}` } : {}),
  };
}

export const serviceName = () => process.env[ENV.serviceName] ?? 'appointments';
export const metricsNamespace = () => process.env[ENV.metricsNamespace] ?? METRICS_NAMESPACE;

export function powertoolsLogger(logger = new Logger({ serviceName: serviceName() })): LogSink {
  return {
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => logger.warn(message, fields),
    error: (message, fields) => logger.error(message, fields),
  };
}

export function powertoolsMetrics(
  metrics = new Metrics({ namespace: metricsNamespace(), serviceName: serviceName() }),
): MetricSink {
  return {
    count: (name) => metrics.addMetric(name, MetricUnit.Count, 1),
    publish: () => metrics.publishStoredMetrics(),
  };
}

export function powertoolsTrace(tracer: Tracer): Observability['trace'] {
  return async (name, work) => {
    if (!tracer.isTracingEnabled()) return work();
    const parent = tracer.getSegment();
    const subsegment = parent?.addNewSubsegment(`## ${name}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await work();
    } catch (error) {
      subsegment?.addError(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (parent) tracer.setSegment(parent);
    }
  };
}

/** For tests and the dev server: nothing is sent anywhere. */
export const silentObservability: Observability = {
  logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  metrics: { count: () => undefined, publish: () => undefined },
};
