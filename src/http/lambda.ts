/**
 * Per-container setup of a function: everything here runs once, at cold start, and is reused by
 * every invocation. Each `functions/<operation>/handler.ts` is one call to `lambdaHandler`.
 *
 * Environment: TABLE_NAME (required), DYNAMODB_ENDPOINT (DynamoDB Local only), AWS_REGION,
 * POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE (default "Appointments"),
 * POWERTOOLS_LOG_LEVEL, POWERTOOLS_TRACE_ENABLED; the list function also PAGE_TOKEN_SECRET or
 * PAGE_TOKEN_SECRET_PARAMETER.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { createDocumentClient, createDynamoDbClient } from '../data/client';
import { ENV, requiredEnvironment } from '../environment';
import { DynamoAppointmentRepository } from '../data/dynamo-repository';
import type { SecretSource } from '../data/page-token-secret';
import { ApiHandler, createHandler } from './handler';
import { powertoolsLogger, powertoolsMetrics, powertoolsTrace, serviceName } from './observability';
import { Operation, OperationDependencies } from './operations/types';
import { OperationName } from '../operations';

/** Wraps an AWS SDK client so its calls appear in the trace; the identity when tracing is off. */
export type CaptureClient = <T>(client: T) => T;

export interface LambdaHandlerOptions {
  /** Only the list function pages; it alone bundles the SSM client that may fetch the secret. */
  readonly pageTokenSecret?: (capture: CaptureClient) => SecretSource;
}

export function lambdaHandler(
  operation: OperationName,
  run: Operation,
  options: LambdaHandlerOptions = {},
): ApiHandler {
  const logger = new Logger({ serviceName: serviceName(), persistentKeys: { operation } });
  const tracer = new Tracer({ serviceName: serviceName() });
  const capture: CaptureClient = (client) => tracer.captureAWSv3Client(client);
  let dependencies: OperationDependencies | undefined;
  const dependenciesOnce = () => {
    dependencies ??= {
      repository: new DynamoAppointmentRepository({
        client: createDocumentClient(capture(createDynamoDbClient())),
        tableName: requiredEnvironment(ENV.tableName),
        clock: () => new Date(),
        pageTokenSecret: options.pageTokenSecret?.(capture),
      }),
      clock: () => new Date(),
      newAppointmentId: randomUUID,
    };
    return dependencies;
  };
  const handle = createHandler(operation, run, dependenciesOnce, {
    logger: powertoolsLogger(logger),
    metrics: powertoolsMetrics(),
    trace: powertoolsTrace(tracer),
  });
  return (event, context) => {
    logger.addContext(context);
    return handle(event, context);
  };
}
