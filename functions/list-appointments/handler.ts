/** GET /appointments?providerId=... | customerId=... (see src/http/operations/query.ts). */
import { createSsmClient, pageTokenSecretSource } from '../../src/data/page-token-secret';
import { lambdaHandler } from '../../src/http/lambda';
import { listAppointments } from '../../src/http/operations/query';

export const handler = lambdaHandler('list-appointments', listAppointments, {
  pageTokenSecret: (capture) => pageTokenSecretSource(process.env, () => capture(createSsmClient())),
});
