/** What callers and operators see when things go wrong: 503 with Retry-After, 500 without a stack, no personal data in logs. */
import { mockClient } from 'aws-sdk-client-mock';
import { GetCommand, TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../src/data/client';
import { createLocalHandlers } from '../../dev/local/handlers';
import { LogSink, Observability } from '../../src/observability';
import { providerProfileKey } from '../../src/data/keys';
import { openProfileItem } from '../support/providers';
import { apiEvent, bookingBody, call, TEST_TENANT } from './helpers';

const BOOKED_PROVIDER = bookingBody().providerId;

function recordingObservability() {
  const lines: string[] = [];
  const metrics: string[] = [];
  const record = (level: string) => (message: string, fields: Record<string, unknown>) =>
    lines.push(JSON.stringify({ level, message, ...fields }));
  const logger: LogSink = { info: record('INFO'), warn: record('WARN'), error: record('ERROR') };
  const observability: Observability = {
    logger,
    metrics: { count: (name) => metrics.push(name), publish: () => undefined },
  };
  return { lines, metrics, observability };
}

function handlersOver(prepare: (mock: ReturnType<typeof mockClient>) => void) {
  const documentClient = DynamoDBDocumentClient.from(createDynamoDbClient({ endpoint: 'http://127.0.0.1:9' }));
  const mock = mockClient(documentClient);
  prepare(mock);
  // The provider bookingBody() books has its profile, as a seeded table would answer (set last:
  // a narrower answer set later wins over prepare's answers to every GetCommand).
  mock
    .on(GetCommand, { Key: providerProfileKey(TEST_TENANT, BOOKED_PROVIDER) })
    .resolves({ Item: openProfileItem(TEST_TENANT, BOOKED_PROVIDER) });
  const recorded = recordingObservability();
  const handlers = createLocalHandlers({
    client: documentClient,
    tableName: 't',
    pageTokenSecret: 's',
    observability: recorded.observability,
  });
  return { handlers, ...recorded };
}

describe('failures', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when DynamoDB throttles past the SDK retries', async () => {
    // Prepare
    const { handlers, metrics } = handlersOver((mock) => {
      // The customer's bookings item reads as absent; the booking's transaction is throttled.
      mock.on(GetCommand).resolves({});
      mock
        .on(TransactWriteCommand)
        .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    });
    // Act
    const answer = await call(handlers['create-appointment'], apiEvent('POST', { body: bookingBody() }));
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.headers['Retry-After']).toBe('1');
    expect(answer.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(metrics).toEqual(['DependencyUnavailable']);
  });

  it('answers an unexpected failure with 500 INTERNAL carrying the request id and no stack trace', async () => {
    const { handlers, lines } = handlersOver((mock) =>
      mock.on(GetCommand).rejects(new TypeError('boom at secret.js:12')),
    );
    const answer = await call(handlers['get-appointment'], apiEvent('GET', { appointmentId: 'a1' }));
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      error: { code: 'INTERNAL', message: expect.any(String), requestId: expect.any(String) },
    });
    expect(answer.rawBody).not.toMatch(/boom|at |\.js/);
    expect(lines.some((line) => line.includes('boom'))).toBe(true);
  });

  it('never logs the API key, the customer email or phone, even when an error message echoes them', async () => {
    const { handlers, lines } = handlersOver((mock) =>
      mock.on(TransactWriteCommand).rejects(new Error('bad item ada@example.com +14155550100')),
    );
    await call(handlers['create-appointment'], apiEvent('POST', { body: bookingBody() }));
    const log = lines.join('\n');
    expect(log).toContain('unexpected failure');
    expect(log).not.toMatch(/ada@example\.com|\+14155550100|test-api-key-value/);
  });
});
