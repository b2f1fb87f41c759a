/** DELETE /appointments/{appointmentId}: cancels (see src/http/operations/change.ts). */
import { lambdaHandler } from '../../src/http/lambda';
import { cancelAppointment } from '../../src/http/operations/change';

export const handler = lambdaHandler('cancel-appointment', cancelAppointment);
