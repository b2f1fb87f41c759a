/**
 * The one observability module of every function: Powertools Logger, Metrics and Tracer built
 * the same way, one redaction policy, and one tracing wrapper. Structured JSON logs, CloudWatch
 * EMF metrics, X-Ray traces (Tracer switches itself off outside Lambda).
 *
 * Personal data and secrets never reach a log. The functions log ids, codes and timings, never
 * bodies or headers; and whatever is logged by mistake passes one policy on its way out: a
 * value under a key named in REDACTED_KEYS is replaced at any depth, and email addresses and
 * phone numbers inside any text (a dependency's error message may echo request values) are
 * masked.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { ENV, METRICS_NAMESPACE } from './environment';

/** Keys (compared in lower case) whose values are never logged. */
const REDACTED_KEYS = new Set(['email', 'phone']);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+[1-9]\d{6,14}/g;

/** Text with every email address and phone number masked. */
export const redactText = (text: string) => text.replace(EMAIL, '[redacted-email]').replace(PHONE, '[redacted-phone]');

/** The redaction policy, as a JSON.stringify replacer (Powertools' `jsonReplacerFn`). */
export function redactLogValue(key: string, value: unknown): unknown {
  if (REDACTED_KEYS.has(key.toLowerCase()) && value !== undefined) return '[REDACTED]';
  return typeof value === 'string' ? redactText(value) : value;
}

/** An error as log fields: name, redacted message and stack, and its cause; never the raw object. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: redactText(String(error)) };
  const cause = (error as { cause?: unknown }).cause;
  return {
    errorName: error.name,
    errorMessage: redactText(error.message),
    stack: error.stack === undefined ? undefined : redactText(error.stack),
    ...(cause instanceof Error ? { cause: `${cause.name}: ${redactText(cause.message)}` } : {}),
  };
}

/** A function's Powertools utilities, built once per container. */
export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  /** Adds `value` (default 1) to the count metric `name`. */
  count(name: string, value?: number): void;
  /** Sends what was counted since the last publish; nothing when nothing was. */
  publish(): void;
}

/**
 * Logger, Metrics and Tracer for one function. The service name and namespace come from
 * POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE (every function has both).
 */
export function createTelemetry(defaultServiceName: string, persistentKeys?: Record<string, string>): Telemetry {
  const serviceName = process.env[ENV.serviceName] || defaultServiceName;
  const logger = new Logger({ serviceName, persistentKeys, jsonReplacerFn: redactLogValue });
  const metrics = new Metrics({ serviceName, namespace: process.env[ENV.metricsNamespace] || METRICS_NAMESPACE });
  const tracer = new Tracer({ serviceName });
  return {
    logger,
    metrics,
    tracer,
    count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
    // A batch that counted nothing (lock records only) would only log a warning.
    publish: () => (metrics.hasStoredMetrics() ? metrics.publishStoredMetrics() : undefined),
  };
}

/** Runs `work` in its own trace subsegment `## <name>`, recording a thrown error; as is when tracing is off. */
export async function traced<T>(tracer: Tracer, name: string, work: () => Promise<T>): Promise<T> {
  if (!tracer.isTracingEnabled()) return work();
  const parent = tracer.getSegment();
  const subsegment = parent?.addNewSubsegment(`## ${name}`);
  if (subsegment) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await work();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (parent) tracer.setSegment(parent);
  }
}

/** One invocation of an event function: traced as `## handler`, its metrics flushed at the end. */
export async function observeInvocation<T>(telemetry: Telemetry, work: () => Promise<T>): Promise<T> {
  try {
    return await traced(telemetry.tracer, 'handler', work);
  } finally {
    telemetry.publish();
  }
}

/** The log lines of the request path (Powertools' Logger satisfies it; tests record it). */
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

/** What the request path's wrapper (src/http/handler.ts) logs, counts and traces through. */
export interface Observability {
  readonly logger: LogSink;
  readonly metrics: MetricSink;
  /** Runs `work` inside a trace subsegment named `name`. @default runs it untraced */
  readonly trace?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

/** The request path's observability over a function's Powertools utilities. */
export const requestObservability = (telemetry: Telemetry): Observability => ({
  logger: telemetry.logger,
  metrics: telemetry,
  trace: (name, work) => traced(telemetry.tracer, name, work),
});

/** For tests and the dev server: nothing is sent anywhere. */
export const silentObservability: Observability = {
  logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  metrics: { count: () => undefined, publish: () => undefined },
};
