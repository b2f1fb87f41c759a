/** GET /appointments?providerId=... | customerId=... (see src/http/operations/query.ts). */
import { SSMClient } from '@aws-sdk/client-ssm';
import { pageTokenSecretSource } from '../../src/data/page-token-secret';
import { lambdaHandler } from '../../src/http/lambda';
import { listAppointments } from '../../src/http/operations/query';

export const handler = lambdaHandler('list-appointments', listAppointments, {
  pageTokenSecret: (capture) =>
    pageTokenSecretSource(process.env, () =>
      capture(
        new SSMClient({
          maxAttempts: 3,
          requestHandler: { connectionTimeout: 500, requestTimeout: 1_500, throwOnRequestTimeout: true },
        }),
      ),
    ),
});
