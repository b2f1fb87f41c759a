/**
 * aws-jwt-verify fetches keys over HTTPS only; the local issuer is plain HTTP on loopback. This
 * fetcher does what its HTTPS one does (200 or a non-retryable error, time-outs, one retry) over
 * `fetch`, so a token with an unknown key id goes through the same fetch-then-refuse path
 * locally as in AWS.
 */
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';

/** aws-jwt-verify's own response time-out. */
const RESPONSE_TIMEOUT_MS = 3000;

async function fetchOnce(uri: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(uri, { signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS) });
  } catch (error) {
    throw new FetchError(uri, (error as Error).message);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new NonRetryableFetchError(uri, `Status code is ${response.status}, expected 200`);
  }
  return response.arrayBuffer();
}

export const httpJwksFetcher: Fetcher = {
  fetch: (uri) =>
    fetchOnce(uri).catch((error: unknown) => {
      if (error instanceof NonRetryableFetchError) throw error;
      return fetchOnce(uri);
    }),
};
