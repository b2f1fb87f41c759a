/** PATCH /appointments/{appointmentId}: reschedules or edits (see src/http/operations/change.ts). */
import { lambdaHandler } from '../../src/http/lambda';
import { updateAppointment } from '../../src/http/operations/change';

export const handler = lambdaHandler('update-appointment', updateAppointment);
