/**
 * The HMAC secret of page tokens. `PAGE_TOKEN_SECRET` (tests, local) wins; otherwise the
 * SecureString named by `PAGE_TOKEN_SECRET_PARAMETER` is read from SSM Parameter Store once per
 * container, and only when a token must be issued or checked: most list calls need neither.
 * Kept out of the shared repository module so that only the list function bundles the SSM client.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { serviceUnavailable } from '../domain/errors';
import { ENV } from '../environment';
import { isTransient } from './dynamo-errors';

export type SecretSource = () => Promise<string>;

/** The SSM client that reads the secret: a few short attempts, so a slow SSM answers 503 soon. */
export const createSsmClient = () =>
  new SSMClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 500, requestTimeout: 1_500, throwOnRequestTimeout: true },
  });

export function pageTokenSecretSource(
  env: NodeJS.ProcessEnv = process.env,
  makeClient: () => SSMClient = createSsmClient,
): SecretSource {
  const fixed = env[ENV.pageTokenSecret];
  if (fixed) return async () => fixed;
  const parameterName = env[ENV.pageTokenSecretParameter];
  let cached: Promise<string> | undefined;
  return () => {
    if (!parameterName) {
      return Promise.reject(new Error('Set PAGE_TOKEN_SECRET or PAGE_TOKEN_SECRET_PARAMETER for the list function.'));
    }
    cached ??= fetchSecret(makeClient(), parameterName).catch((error: unknown) => {
      cached = undefined; // A failed fetch is retried by the next request, not cached.
      throw isTransient(error) ? serviceUnavailable(error) : error;
    });
    return cached;
  };
}

async function fetchSecret(client: SSMClient, name: string): Promise<string> {
  const { Parameter } = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  if (!Parameter?.Value) throw new Error(`SSM parameter ${name} has no value.`);
  return Parameter.Value;
}
