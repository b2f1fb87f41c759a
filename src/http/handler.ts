/**
 * The one wrapper every function shares: finds out who is calling (the authorizer's context)
 * before anything else, runs the operation with the stores of the caller's tenant, turns
 * thrown domain errors into the contract's answers and anything else into a 500 that carries the
 * request id (never a stack), counts one outcome metric per request, and logs one line per request.
 */
import { randomUUID } from 'node:crypto';
import { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { AppointmentError, ErrorCode } from '../domain/errors';
import { errorFields, Observability } from '../observability';
import { errorResponse, internalErrorResponse } from './responses';
import { OperationName } from '../operations';
import { identityFromRequestContext } from '../identity/authorizer-context';
import type { CallerIdentity } from '../identity/caller-identity';
import { InvalidTokenError, unauthenticatedResponse } from '../identity/invalid-token';
import { Operation, OperationDependencies, RequestScope } from './operations/types';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The metric counted when a request fails with each code. `SlotConflict` feeds the conflict alarm. */
export const FAILURE_OUTCOMES: Record<ErrorCode, string> = {
  VALIDATION_ERROR: 'ValidationFailed',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'NotFound',
  PROVIDER_NOT_FOUND: 'ProviderNotFound',
  OUTSIDE_AVAILABILITY: 'OutsideAvailability',
  SLOT_CONFLICT: 'SlotConflict',
  DAILY_LIMIT_REACHED: 'DailyLimitReached',
  BOOKING_LIMIT_REACHED: 'BookingLimitReached',
  APPOINTMENT_CANCELLED: 'ChangeOfCancelledAppointment',
  VERSION_MISMATCH: 'VersionMismatch',
  IDEMPOTENCY_KEY_REUSED: 'IdempotencyKeyReused',
  PAYLOAD_TOO_LARGE: 'PayloadTooLarge',
  SERVICE_UNAVAILABLE: 'DependencyUnavailable',
  INTERNAL: 'InternalError',
};

/** Counted when a request reaches a function without a valid identity. */
export const UNAUTHENTICATED_OUTCOME = 'Unauthenticated';

/** The caller, checked before any operation runs, and its tenant's repository. */
function requestScope(event: Parameters<ApiHandler>[0], dependencies: OperationDependencies): RequestScope {
  const caller = identityFromRequestContext(event);
  const { repositoryFor, providersFor, ...shared } = dependencies;
  return {
    ...shared,
    caller,
    repository: repositoryFor(caller.tenantId),
    providers: providersFor(caller.tenantId),
  };
}

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
    let outcome = '';
    let appointmentId: string | undefined;
    let providerId: string | undefined;
    let errorCode: ErrorCode | undefined;
    let caller: CallerIdentity | undefined;
    try {
      const scope = requestScope(event, dependencies());
      caller = scope.caller;
      const result = await trace(operation, () => run(event, scope));
      ({ response, outcome, appointmentId, providerId } = result);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        // Only an API deployed without its authorizer (or a local caller skipping it) gets here.
        response = unauthenticatedResponse();
        outcome = UNAUTHENTICATED_OUTCOME;
        logger.warn('request without a valid identity', { requestId, reason: error.reason });
      } else if (error instanceof AppointmentError && error.code !== 'INTERNAL') {
        errorCode = error.code;
        response = errorResponse(error);
        if (error.code === 'SERVICE_UNAVAILABLE')
          logger.warn('dependency unavailable', { requestId, ...errorFields(error.cause) });
      } else {
        errorCode = 'INTERNAL';
        response = internalErrorResponse(requestId);
        logger.error('unexpected failure', { requestId, operation, ...errorFields(error) });
      }
      if (errorCode) outcome = FAILURE_OUTCOMES[errorCode];
    }
    metrics.count(outcome);
    metrics.publish();
    logger.info('request completed', {
      operation,
      requestId,
      statusCode: response.statusCode,
      outcome,
      ...(errorCode ? { errorCode } : {}),
      // Who asked, by tenant and role: never the subject or a customer's id (personal data).
      ...(caller ? { tenantId: caller.tenantId, role: caller.role } : {}),
      ...(appointmentId ? { appointmentId } : {}),
      ...(providerId ? { providerId } : {}),
      durationMs: Date.now() - startedAt,
    });
    return response;
  };
}
