/**
 * Imported first by the handler tests, before the handlers: their Powertools utilities read the
 * environment when the module loads, and their SDK clients must reach DynamoDB Local with
 * throwaway credentials, never a real account.
 */
process.env.AWS_REGION = 'us-west-1';
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';

export {};
