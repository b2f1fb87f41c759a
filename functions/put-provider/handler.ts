/** PUT /providers/{providerId}: creates or replaces a provider's profile (see src/http/operations/providers.ts). */
import { lambdaHandler } from '../../src/http/lambda';
import { putProvider } from '../../src/http/operations/providers';

export const handler = lambdaHandler('put-provider', putProvider);
