/**
 * Per-container setup of a function: everything here runs once, at cold start, and is reused by
 * every invocation. Each `functions/<operation>/handler.ts` is one call to `lambdaHandler`.
 *
 * Environment: what the registry (../operations) lists for the function, AWS_REGION, and
 * Powertools' POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE (default "Appointments"),
 * POWERTOOLS_LOG_LEVEL, POWERTOOLS_TRACE_ENABLED.
 */
import { randomUUID } from 'node:crypto';
import { createDocumentClient, createDynamoDbClient } from '../data/client';
import { ENV, requiredEnvironment } from '../environment';
import { DynamoAppointmentRepository } from '../data/dynamo-repository';
import { DynamoProviderProfiles } from '../data/provider-profiles';
import type { SecretSource } from '../data/page-token-secret';
import { ApiHandler, createHandler } from './handler';
import { createTelemetry, requestObservability } from '../observability';
import { Operation, OperationDependencies } from './operations/types';
import { OperationName } from '../operations';

/** Wraps an AWS SDK client so its calls appear in the trace; the identity when tracing is off. */
export type CaptureClient = <T>(client: T) => T;

export interface LambdaHandlerOptions {
  /** Only the list function pages; it alone bundles the SSM client that may fetch the secret. */
  readonly pageTokenSecret?: (capture: CaptureClient) => SecretSource;
  /** Only the create function limits a customer's open bookings; read once, at the first request. */
  readonly maxOpenBookingsPerCustomer?: () => number;
}

export function lambdaHandler(
  operation: OperationName,
  run: Operation,
  options: LambdaHandlerOptions = {},
): ApiHandler {
  const telemetry = createTelemetry('appointments', { operation });
  const capture: CaptureClient = (client) => telemetry.tracer.captureAWSv3Client(client);
  let dependencies: OperationDependencies | undefined;
  const dependenciesOnce = () => {
    if (dependencies) return dependencies;
    const client = createDocumentClient(capture(createDynamoDbClient()));
    const tableName = requiredEnvironment(ENV.tableName);
    const clock = () => new Date();
    const pageTokenSecret = options.pageTokenSecret?.(capture);
    dependencies = {
      repositoryFor: (tenantId) =>
        new DynamoAppointmentRepository({ client, tableName, tenantId, clock, pageTokenSecret }),
      providersFor: (tenantId) => new DynamoProviderProfiles({ client, tableName, tenantId }),
      clock,
      newAppointmentId: randomUUID,
      maxOpenBookingsPerCustomer: options.maxOpenBookingsPerCustomer?.(),
    };
    return dependencies;
  };
  const handle = createHandler(operation, run, dependenciesOnce, requestObservability(telemetry));
  return (event, context) => {
    telemetry.logger.addContext(context);
    return handle(event, context);
  };
}
