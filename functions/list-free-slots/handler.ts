/** GET /providers/{providerId}/slots: the free-slot search (see src/http/operations/providers.ts). */
import { lambdaHandler } from '../../src/http/lambda';
import { listFreeSlots } from '../../src/http/operations/providers';

export const handler = lambdaHandler('list-free-slots', listFreeSlots);
