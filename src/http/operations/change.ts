/**
 * `PATCH` and `DELETE /appointments/{id}`: read the appointment (consistently), decide with the
 * domain rules, write in one guarded transaction. If another change lands between the read and
 * the write, the guard fails and the whole decision is made again on a fresh read: with If-Match
 * that read then answers 412, without it the change applies to the latest version.
 */
import { Appointment } from '../../domain/appointment';
import { applyCancel, applyUpdate, parseUpdateRequest } from '../../domain/booking';
import { notFound, serviceUnavailable } from '../../domain/errors';
import { AppointmentRepository, ConcurrentChangeError } from '../../data/repository';
import { appointmentIdFromPath, readIfMatch, readJsonBody } from '../request';
import { appointmentHeaders, jsonResponse } from '../responses';
import { CHANGE_ATTEMPTS, Operation, OperationResult } from './types';

export const updateAppointment: Operation = async (event, { repository, clock }) => {
  const appointmentId = appointmentIdFromPath(event);
  const expectedVersion = readIfMatch(event);
  const now = clock();
  const request = parseUpdateRequest(readJsonBody(event), now);
  return withFreshRead(repository, appointmentId, async (current) => {
    const change = applyUpdate(current, request, expectedVersion, now);
    await repository.update(current, change.next, change.slots);
    return answer(change.next, change.intervalChanged ? 'AppointmentRescheduled' : 'AppointmentUpdated');
  });
};

export const cancelAppointment: Operation = async (event, { repository, clock }) => {
  const appointmentId = appointmentIdFromPath(event);
  const expectedVersion = readIfMatch(event);
  const now = clock();
  return withFreshRead(repository, appointmentId, async (current) => {
    const cancellation = applyCancel(current, expectedVersion, now);
    if (cancellation.alreadyCancelled) return answer(current, 'AppointmentAlreadyCancelled');
    await repository.cancel(current, cancellation.next);
    return answer(cancellation.next, 'AppointmentCancelled');
  });
};

const answer = (appointment: Appointment, outcome: OperationResult['outcome']): OperationResult => ({
  response: jsonResponse(200, appointment, appointmentHeaders(appointment)),
  outcome,
  appointmentId: appointment.appointmentId,
});

async function withFreshRead(
  repository: AppointmentRepository,
  appointmentId: string,
  decideAndWrite: (current: Appointment) => Promise<OperationResult>,
): Promise<OperationResult> {
  for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
    const current = await repository.get(appointmentId, { consistent: true });
    if (!current) throw notFound(appointmentId);
    try {
      return await decideAndWrite(current);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
    }
  }
  // Only under a storm of changes to one appointment: the client may simply retry.
  throw serviceUnavailable();
}
