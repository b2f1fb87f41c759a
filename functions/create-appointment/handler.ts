/** POST /appointments: books an appointment (see src/http/operations/create.ts). */
import { ENV, requiredPositiveInteger } from '../../src/environment';
import { lambdaHandler } from '../../src/http/lambda';
import { createAppointment } from '../../src/http/operations/create';

export const handler = lambdaHandler('create-appointment', createAppointment, {
  maxOpenBookingsPerCustomer: () => requiredPositiveInteger(ENV.maxOpenBookingsPerCustomer),
});
