/** GET /providers/{providerId}: reads a provider's profile (see src/http/operations/providers.ts). */
import { lambdaHandler } from '../../src/http/lambda';
import { getProvider } from '../../src/http/operations/providers';

export const handler = lambdaHandler('get-provider', getProvider);
