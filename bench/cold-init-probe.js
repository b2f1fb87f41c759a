// Run by bench/bundles.ts in a fresh node process: loads one function bundle (or an empty module,
// the floor) and invokes its handler once with an event that makes it build its clients but send
// nothing (a validation failure after the dependencies are built, or an empty stream batch).
// send-reminder reads the table before anything else: its AWS_ENDPOINT_URL_DYNAMODB is a loopback stub.
// authorize-request builds its verifier and refuses a request without a token (its expected
// answer is the thrown Unauthorized); verifying a first token is measured by bench/token-verification.ts.
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
  requestContext: { requestId: 'cold-init-probe', identity: { apiKeyId: 'probe' } },
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
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  },
);
