/** GET /appointments/{appointmentId} (see src/http/operations/query.ts). */
import { lambdaHandler } from '../../src/http/lambda';
import { getAppointment } from '../../src/http/operations/query';

export const handler = lambdaHandler('get-appointment', getAppointment);
