/**
 * `PATCH` and `DELETE /appointments/{id}`: read the appointment (consistently), answer 404 when
 * the caller may not see it, decide with the domain rules (a move also against the provider's
 * availability), write in one guarded transaction. If another change lands between the read and
 * the write (to the appointment, or to the profile a move was decided against), the guard fails
 * and the whole decision is made again on a fresh read: with If-Match that read then answers
 * 412, without it the change applies to the latest version.
 */
import { Appointment } from '../../domain/appointment';
import { assertMayOverrideAvailability, maySee } from '../../domain/access';
import { applyCancel, applyUpdate, parseCancelRequest, parseUpdateRequest } from '../../domain/booking';
import { notFound, serviceUnavailable } from '../../domain/errors';
import { ConcurrentChangeError, ProviderProfileChangedError, StoredAppointment } from '../../data/repository';
import { appointmentIdFromPath, readIfMatch, readJsonBody } from '../request';
import { appointmentHeaders, jsonResponse } from '../responses';
import { claimProviderCalendar } from './calendar';
import { ownership } from './ownership';
import { CHANGE_ATTEMPTS, Operation, OperationResult, RequestScope } from './types';

export const updateAppointment: Operation = async (event, scope) => {
  const appointmentId = appointmentIdFromPath(event);
  const expectedVersion = readIfMatch(event);
  const now = scope.clock();
  const request = parseUpdateRequest(readJsonBody(event), now);
  assertMayOverrideAvailability(scope.caller, request.overrideAvailability);
  return withFreshRead(scope, appointmentId, async (stored, attempt) => {
    const change = applyUpdate(stored.appointment, request, expectedVersion, now);
    const move = change.intervalChanged
      ? await claimProviderCalendar(scope, change.next, now, {
          overrideAvailability: request.overrideAvailability ?? false,
          consistent: attempt > 1,
        })
      : undefined;
    await scope.repository.update(stored, change.next, move);
    return answer(change.next, change.intervalChanged ? 'AppointmentRescheduled' : 'AppointmentUpdated');
  });
};

export const cancelAppointment: Operation = async (event, scope) => {
  const appointmentId = appointmentIdFromPath(event);
  const expectedVersion = readIfMatch(event);
  const now = scope.clock();
  const request = parseCancelRequest(readJsonBody(event, { optional: true }));
  return withFreshRead(scope, appointmentId, async (stored) => {
    const cancellation = applyCancel(stored.appointment, request, expectedVersion, now);
    if (cancellation.alreadyCancelled) return answer(stored.appointment, 'AppointmentAlreadyCancelled');
    await scope.repository.cancel(stored, cancellation.next);
    return answer(cancellation.next, 'AppointmentCancelled');
  });
};

const answer = (appointment: Appointment, outcome: OperationResult['outcome']): OperationResult => ({
  response: jsonResponse(200, appointment, appointmentHeaders(appointment)),
  outcome,
  appointmentId: appointment.appointmentId,
});

async function withFreshRead(
  { caller, repository }: RequestScope,
  appointmentId: string,
  decideAndWrite: (stored: StoredAppointment, attempt: number) => Promise<OperationResult>,
): Promise<OperationResult> {
  for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
    const stored = await repository.get(appointmentId, { consistent: true });
    // One the caller may not see is answered as one that does not exist, and left untouched.
    if (!stored || !maySee(caller, ownership(stored))) throw notFound(appointmentId);
    try {
      return await decideAndWrite(stored, attempt);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError || error instanceof ProviderProfileChangedError)) throw error;
    }
  }
  // Only under a storm of changes to one appointment: the client may simply retry.
  throw serviceUnavailable();
}
