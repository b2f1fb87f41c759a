/**
 * Every document a client or subscriber developer reads, by its path: `npm run docs` writes each
 * to docs/<path>, `npm run dev` serves each at /<path>, and a test holds the committed files equal
 * to these. Relative references between them (asyncapi.json → notifications/*.schema.json) resolve
 * the same way in both places.
 */
import { ASYNCAPI_DOCUMENT } from './asyncapi';
import { NOTIFICATION_SCHEMA_DOCUMENTS } from './notification-schemas';
import { OPENAPI_DOCUMENT } from './openapi';

export const PUBLISHED_DOCUMENTS: Readonly<Record<string, unknown>> = {
  'openapi.json': OPENAPI_DOCUMENT,
  'asyncapi.json': ASYNCAPI_DOCUMENT,
  ...NOTIFICATION_SCHEMA_DOCUMENTS,
};
