/**
 * Imported first by the log test, before the function modules: Powertools reads its settings
 * when a module loads. DEBUG, so that every line the functions can write is written.
 */
process.env.AWS_REGION = 'us-west-1';
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
process.env.POWERTOOLS_SERVICE_NAME = 'appointments-log-check';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'AppointmentsLogCheck';
process.env.PAGE_TOKEN_SECRET = 'log-check-page-token-secret';

export {};
