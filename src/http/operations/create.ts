/** `POST /appointments`: validate, book atomically, and answer retries with the first answer. */
import { newAppointment, parseCreateRequest } from '../../domain/booking';
import { AppointmentError, idempotencyKeyReused } from '../../domain/errors';
import { requestBodyHash } from '../../data/idempotency';
import { IdempotentLookup, StoredResponse } from '../../data/repository';
import { idempotencyScope, readIdempotencyKey, readJsonBody } from '../request';
import { appointmentHeaders, locationOf, rawJsonResponse } from '../responses';
import { Operation, OperationResult } from './types';

export const createAppointment: Operation = async (event, { repository, clock, newAppointmentId }) => {
  const key = readIdempotencyKey(event);
  const body = readJsonBody(event);
  const now = clock();
  const scope = idempotencyScope(event);
  const requestHash = requestBodyHash(body);

  let request;
  try {
    request = parseCreateRequest(body, now);
  } catch (error) {
    // A keyed retry may arrive after its start has passed; the first answer still stands.
    if (key === undefined || !(error instanceof AppointmentError)) throw error;
    const earlier = await repository.findIdempotentResponse(scope, key, requestHash);
    if (earlier.kind === 'none') throw error;
    return answerFromRecord(earlier);
  }

  const appointment = newAppointment(request, newAppointmentId(), now);
  const response: StoredResponse = { statusCode: 201, body: JSON.stringify(appointment) };
  const lookup = await repository.create(
    appointment,
    key === undefined ? undefined : { scope, key, requestHash, response },
  );
  if (lookup.kind !== 'none') return answerFromRecord(lookup);
  return {
    response: rawJsonResponse(201, response.body, {
      Location: locationOf(appointment.appointmentId),
      ...appointmentHeaders(appointment),
    }),
    outcome: 'AppointmentCreated',
    appointmentId: appointment.appointmentId,
  };
};

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
