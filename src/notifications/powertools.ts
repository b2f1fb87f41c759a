import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { ENV, METRICS_NAMESPACE } from '../environment';
import { Counter } from './ports';

/** Customer contact details never reach the logs, whatever object is logged by mistake. */
const REDACTED_KEYS = new Set(['email', 'phone']);

export function redactContactDetails(key: string, value: unknown): unknown {
  return REDACTED_KEYS.has(key.toLowerCase()) && value !== undefined ? '[REDACTED]' : value;
}

export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  readonly counter: Counter;
}

/**
 * Logger, Metrics and Tracer for one function, built once per container. The service name and
 * namespace come from POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE; Tracer switches
 * itself off outside Lambda.
 */
export function createObservability(defaultServiceName: string): Observability {
  const serviceName = process.env[ENV.serviceName] || defaultServiceName;
  const logger = new Logger({ serviceName, jsonReplacerFn: redactContactDetails });
  const metrics = new Metrics({
    serviceName,
    namespace: process.env[ENV.metricsNamespace] || METRICS_NAMESPACE,
  });
  const tracer = new Tracer({ serviceName });
  const counter: Counter = { count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value) };
  return { logger, metrics, tracer, counter };
}

/** Runs an invocation in its own trace subsegment and flushes the metrics it recorded. */
export async function observeInvocation<T>(observability: Observability, work: () => Promise<T>): Promise<T> {
  const { tracer, metrics } = observability;
  const parent = tracer.getSegment();
  const segment = parent?.addNewSubsegment('## handler');
  if (segment) tracer.setSegment(segment);
  tracer.annotateColdStart();
  try {
    return await work();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    segment?.close();
    if (parent) tracer.setSegment(parent);
    // A batch of lock records counts nothing; flushing then would only log a warning.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}
