/**
 * `POST /appointments`: validate, check the caller may book for this customer, decide against
 * the provider's availability, book atomically (within the customer's limit when a customer
 * books), and answer retries with the first answer.
 */
import { assertMayBook } from '../../domain/access';
import { newAppointment, parseCreateRequest } from '../../domain/booking';
import { AppointmentError, idempotencyKeyReused, serviceUnavailable } from '../../domain/errors';
import { requestBodyHash } from '../../data/idempotency';
import { IdempotentLookup, ProviderProfileChangedError, StoredResponse } from '../../data/repository';
import { readIdempotencyKey, readJsonBody } from '../request';
import { appointmentHeaders, locationOf, rawJsonResponse } from '../responses';
import { claimProviderCalendar } from './calendar';
import { CHANGE_ATTEMPTS, Operation, OperationResult, RequestScope } from './types';

export const createAppointment: Operation = async (event, scope) => {
  const { caller, repository, clock, newAppointmentId } = scope;
  const key = readIdempotencyKey(event);
  const body = readJsonBody(event);
  const now = clock();
  const requestHash = requestBodyHash(body);
  /**
   * A keyed retry may arrive after its start has passed, or inside the notice its first attempt
   * met: the first answer still stands. Without a key, or without a first answer, the error does.
   */
  const firstAnswerOr = async (error: unknown): Promise<OperationResult> => {
    // A dependency that failed says nothing about the request: asking it again would only wait twice.
    if (key === undefined || !(error instanceof AppointmentError) || error.code === 'SERVICE_UNAVAILABLE') throw error;
    const earlier = await repository.findIdempotentResponse(caller.subject, key, requestHash);
    if (earlier.kind === 'none') throw error;
    return answerFromRecord(earlier);
  };

  let request;
  try {
    request = parseCreateRequest(body, now);
  } catch (error) {
    return firstAnswerOr(error);
  }
  assertMayBook(caller, {
    customerId: request.customer.customerId,
    overrideAvailability: request.overrideAvailability,
  });
  const appointment = newAppointment(request, newAppointmentId(), now);
  const response: StoredResponse = { statusCode: 201, body: JSON.stringify(appointment) };

  for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
    let calendar;
    try {
      calendar = await claimProviderCalendar(scope, appointment, now, {
        overrideAvailability: request.overrideAvailability ?? false,
        consistent: attempt > 1,
      });
    } catch (error) {
      return firstAnswerOr(error);
    }
    let lookup: IdempotentLookup;
    try {
      lookup = await repository.create(appointment, calendar, {
        claim: key === undefined ? undefined : { subject: caller.subject, key, requestHash, response },
        // A staff request is never refused for this limit (contract, *Identity and tenants*).
        openBookingLimit: caller.role === 'customer' ? openBookingLimit(scope) : undefined,
      });
    } catch (error) {
      // Decided against a schedule that has just been replaced: decide again on the new one.
      if (error instanceof ProviderProfileChangedError) continue;
      throw error;
    }
    if (lookup.kind !== 'none') return answerFromRecord(lookup);
    return {
      response: rawJsonResponse(201, response.body, {
        Location: locationOf(appointment.appointmentId),
        ...appointmentHeaders(appointment),
      }),
      outcome: 'AppointmentCreated',
      appointmentId: appointment.appointmentId,
    };
  }
  // Only under a storm of schedule changes of one provider: the client may simply retry.
  throw serviceUnavailable();
};

function openBookingLimit({ maxOpenBookingsPerCustomer }: RequestScope): number {
  if (maxOpenBookingsPerCustomer === undefined)
    throw new Error('the create function was built without maxOpenBookingsPerCustomer');
  return maxOpenBookingsPerCustomer;
}

function answerFromRecord(lookup: Exclude<IdempotentLookup, { kind: 'none' }>): OperationResult {
  if (lookup.kind === 'reused') throw idempotencyKeyReused();
  const stored = JSON.parse(lookup.response.body) as { appointmentId: string; version: number };
  return {
    response: rawJsonResponse(lookup.response.statusCode, lookup.response.body, {
      Location: locationOf(stored.appointmentId),
      ...appointmentHeaders(stored),
    }),
    outcome: 'IdempotentReplay',
    appointmentId: stored.appointmentId,
  };
}
