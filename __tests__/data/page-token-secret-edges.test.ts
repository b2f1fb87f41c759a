/** The page token secret when it is missing, empty, or SSM fails. */
import { mockClient } from 'aws-sdk-client-mock';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AppointmentError } from '../../src/domain/errors';
import { createSsmClient, pageTokenSecretSource } from '../../src/data/page-token-secret';

const PARAMETER = { PAGE_TOKEN_SECRET_PARAMETER: '/appointments/page-token' };
const failure = (run: () => Promise<unknown>) =>
  run().then(
    () => 'resolved',
    (error: unknown) => error,
  );

describe('page token secret', () => {
  let ssm: ReturnType<typeof mockClient>;
  beforeEach(() => (ssm = mockClient(SSMClient)));
  afterEach(() => ssm.restore());

  it('names both variables when neither is set, and only when a secret is asked for', async () => {
    const source = pageTokenSecretSource({}, () => new SSMClient({}));
    const error = (await failure(source)) as Error;
    expect(error.message).toBe('Set PAGE_TOKEN_SECRET or PAGE_TOKEN_SECRET_PARAMETER for the list function.');
    expect(ssm.calls()).toHaveLength(0);
  });

  it('reads SSM when PAGE_TOKEN_SECRET is set but empty', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'from-ssm' } });
    const source = pageTokenSecretSource({ PAGE_TOKEN_SECRET: '', ...PARAMETER }, () => new SSMClient({}));
    expect(await source()).toBe('from-ssm');
  });

  it('answers SERVICE_UNAVAILABLE when SSM throttles, and asks SSM again on the next request', async () => {
    // Prepare
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(throttled)
      .resolves({ Parameter: { Value: 'from-ssm' } });
    const source = pageTokenSecretSource(PARAMETER, () => new SSMClient({}));
    // Act
    const first = (await failure(source)) as AppointmentError;
    const second = await source();
    // Assess
    expect({ code: first.code, cause: first.cause }).toEqual({ code: 'SERVICE_UNAVAILABLE', cause: throttled });
    expect(second).toBe('from-ssm');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('passes a failure that is not transient through as it is', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    ssm.on(GetParameterCommand).rejects(denied);
    const source = pageTokenSecretSource(PARAMETER, () => new SSMClient({}));
    expect(await failure(source)).toBe(denied);
  });

  it('refuses a parameter without a value, naming it', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/appointments/page-token' } });
    const source = pageTokenSecretSource(PARAMETER, () => new SSMClient({}));
    expect(((await failure(source)) as Error).message).toBe('SSM parameter /appointments/page-token has no value.');
  });

  it('reads SSM with a few short attempts, so that a slow SSM is answered 503 soon', async () => {
    const client = createSsmClient();
    expect(await client.config.maxAttempts()).toBe(3);
    // The HTTP handler's own settings: waiting out 3 attempts on a silent SSM would take 4.5 s.
    const settings = (client.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> })
      .configProvider;
    expect(await settings).toMatchObject({
      connectionTimeout: 500,
      requestTimeout: 1_500,
      throwOnRequestTimeout: true,
    });
    client.destroy();
  });
});
