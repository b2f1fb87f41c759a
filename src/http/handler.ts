/**
 * The one wrapper every function shares: runs an operation, turns thrown domain errors into the
 * contract's answers and anything else into a 500 that carries the request id (never a stack),
 * counts one outcome metric per request, and logs one line per request.
 */
import { randomUUID } from 'node:crypto';
import { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { AppointmentError, ErrorCode } from '../domain/errors';
import { errorFields, Observability } from '../observability';
import { errorResponse, internalErrorResponse } from './responses';
import { OperationName } from '../operations';
import { Operation, OperationDependencies } from './operations/types';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The metric counted when a request fails with each code. `SlotConflict` feeds the conflict alarm. */
export const FAILURE_OUTCOMES: Record<ErrorCode, string> = {
  VALIDATION_ERROR: 'ValidationFailed',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'NotFound',
  SLOT_CONFLICT: 'SlotConflict',
  APPOINTMENT_CANCELLED: 'ChangeOfCancelledAppointment',
  VERSION_MISMATCH: 'VersionMismatch',
  IDEMPOTENCY_KEY_REUSED: 'IdempotencyKeyReused',
  PAYLOAD_TOO_LARGE: 'PayloadTooLarge',
  SERVICE_UNAVAILABLE: 'DependencyUnavailable',
  INTERNAL: 'InternalError',
};

/**
 * `dependencies` is called per request but is expected to return values built once (it is a
 * function so that a missing TABLE_NAME becomes a logged 500, not a crashed container).
 */
export function createHandler(
  operation: OperationName,
  run: Operation,
  dependencies: () => OperationDependencies,
  observability: Observability,
): ApiHandler {
  const { logger, metrics } = observability;
  const trace = observability.trace ?? ((_name, work) => work());
  return async (event, context) => {
    const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? randomUUID();
    const startedAt = Date.now();
    let response: APIGatewayProxyResult;
    let outcome: string;
    let appointmentId: string | undefined;
    let errorCode: ErrorCode | undefined;
    try {
      const result = await trace(operation, () => run(event, dependencies()));
      ({ response, outcome, appointmentId } = result);
    } catch (error) {
      if (error instanceof AppointmentError && error.code !== 'INTERNAL') {
        errorCode = error.code;
        response = errorResponse(error);
        if (error.code === 'SERVICE_UNAVAILABLE')
          logger.warn('dependency unavailable', { requestId, ...errorFields(error.cause) });
      } else {
        errorCode = 'INTERNAL';
        response = internalErrorResponse(requestId);
        logger.error('unexpected failure', { requestId, operation, ...errorFields(error) });
      }
      outcome = FAILURE_OUTCOMES[errorCode];
    }
    metrics.count(outcome);
    metrics.publish();
    logger.info('request completed', {
      operation,
      requestId,
      statusCode: response.statusCode,
      outcome,
      ...(errorCode ? { errorCode } : {}),
      ...(appointmentId ? { appointmentId } : {}),
      durationMs: Date.now() - startedAt,
    });
    return response;
  };
}
