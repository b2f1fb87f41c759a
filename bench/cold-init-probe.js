// Run by bench/bundles.ts in a fresh node process: loads one function bundle (or an empty module,
// the floor) and invokes its handler once with an event that makes it build its clients but send
// nothing: an API request from a verified caller (the authorizer's context, as API Gateway passes
// it) that fails validation after the dependencies are built, or an empty stream batch.
// send-reminder reads the table before anything else: its AWS_ENDPOINT_URL_DYNAMODB is a loopback stub.
// authorize-request builds its verifier and refuses a request without a token (its expected
// answer is the thrown Unauthorized); verifying a first token is measured by bench/token-verification.ts.
// Each answer is checked: a probe that drifts (a 401, or a 500 for a missing variable) fails the
// bench instead of timing a different path.
'use strict';
const [modulePath, probe] = process.argv.slice(2);

const apiEvent = (method, extra) => ({
  resource: '/appointments/{appointmentId}',
  path: '/appointments/x',
  httpMethod: method,
  headers: { 'Content-Type': 'application/json' },
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: { appointmentId: '!' },
  stageVariables: null,
  body: null,
  isBase64Encoded: false,
  requestContext: {
    requestId: 'cold-init-probe',
    authorizer: { principalId: 'probe-staff', tenantId: 'probe-clinic', role: 'staff', subject: 'probe-staff' },
  },
  ...extra,
});

/** A provider operation's resource, with a provider id the validation refuses. */
const providerPath = (resource, extra = {}) => ({
  resource,
  path: resource.replace('{providerId}', '!'),
  pathParameters: { providerId: '!' },
  ...extra,
});

const EVENTS = {
  'create-appointment': apiEvent('POST', { resource: '/appointments', path: '/appointments', pathParameters: null }),
  'get-appointment': apiEvent('GET'),
  'list-appointments': apiEvent('GET', { resource: '/appointments', path: '/appointments', pathParameters: null }),
  'update-appointment': apiEvent('PATCH', { body: '{}' }),
  'cancel-appointment': apiEvent('DELETE'),
  'publish-appointment-events': { Records: [] },
  'put-provider': apiEvent('PUT', providerPath('/providers/{providerId}', { body: '{}' })),
  'get-provider': apiEvent('GET', providerPath('/providers/{providerId}')),
  'list-free-slots': apiEvent('GET', providerPath('/providers/{providerId}/slots')),
  'send-reminder': {
    tenantId: 'probe',
    appointmentId: 'probe',
    version: 1,
    start: '2030-01-01T00:00:00Z',
    minutesBefore: 60,
  },
  'authorize-request': {
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:us-west-1:123456789012:probe/bench/GET/appointments',
    headers: {},
    multiValueHeaders: {},
    requestContext: { requestId: 'cold-init-probe' },
  },
};
/** Handlers whose expected answer to the probe's event is this thrown message. */
const EXPECTED_THROWS = { 'authorize-request': 'Unauthorized' };
/**
 * The answer each event must get. The API's operations refuse the probe's ids or body before any
 * read: 400 VALIDATION_ERROR for writes, 404 for reads of an id that could never have been issued.
 */
const EXPECTED_ANSWERS = {
  'publish-appointment-events': (answer) =>
    Array.isArray(answer.batchItemFailures) && answer.batchItemFailures.length === 0,
  'send-reminder': (answer) => typeof answer === 'object',
};
const REFUSED_BEFORE_ANY_READ = { 400: ['VALIDATION_ERROR'], 404: ['NOT_FOUND', 'PROVIDER_NOT_FOUND'] };
const refusedBeforeAnyRead = (answer) =>
  (REFUSED_BEFORE_ANY_READ[answer.statusCode] ?? []).includes(JSON.parse(answer.body).error?.code);

const context = { awsRequestId: 'cold-init-probe', functionName: probe, getRemainingTimeInMillis: () => 10000 };

async function main() {
  const loaded = require(modulePath);
  if (probe === 'empty') return;
  if (!(probe in EVENTS)) throw new Error(`no probe event for ${probe}: add one to bench/cold-init-probe.js`);
  const answer = await loaded.handler(EVENTS[probe], context).catch((error) => {
    if (EXPECTED_THROWS[probe] !== undefined && error.message === EXPECTED_THROWS[probe]) return 'refused';
    throw error;
  });
  if (answer === undefined) throw new Error(`${probe}: the handler answered nothing`);
  if (answer === 'refused') return;
  const expected = EXPECTED_ANSWERS[probe] ?? refusedBeforeAnyRead;
  if (!expected(answer)) throw new Error(`${probe}: unexpected answer to the probe's event: ${JSON.stringify(answer)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  },
);
