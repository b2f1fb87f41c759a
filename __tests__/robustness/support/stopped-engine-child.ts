/**
 * Runs operations through the handlers in a Node process of its own, the single realm Lambda
 * runs in. Under jest's vm realm, Node's own `connect ECONNREFUSED` error is not an `Error` of
 * the test's realm, so the SDK re-wraps it as "AWS SDK error wrapper for Error: ..." and drops
 * its `code`; only a plain process shows what a deployed function answers when the engine is down.
 *
 * Usage: node --require ./scripts/register-ts.js <this file> <proxyUrl> <tableName> '<EventOptions[] as JSON>'
 * Prints `{"answers":[{status, headers, rawBody, elapsedMs}], "attempts": n}`.
 */
import { createLocalHandlers } from '../../../dev/local/handlers';
import { OperationName } from '../../../src/operations';
import { apiEvent, EventOptions, lambdaContext } from '../../functions/helpers';
import { productionClientThrough } from './faulty-dynamodb';

export interface ChildRequest {
  readonly operation: OperationName;
  readonly method: string;
  readonly options: EventOptions;
}

async function main(): Promise<void> {
  const [proxyUrl, tableName, requestsJson] = process.argv.slice(2);
  const { client, documentClient, attempts } = productionClientThrough(proxyUrl);
  const handlers = createLocalHandlers({ client: documentClient, tableName, pageTokenSecret: 'faults' });
  const answers = [];
  for (const request of JSON.parse(requestsJson) as ChildRequest[]) {
    const startedAt = Date.now();
    const result = await handlers[request.operation](apiEvent(request.method, request.options), lambdaContext());
    answers.push({
      status: result.statusCode,
      headers: result.headers,
      rawBody: result.body,
      elapsedMs: Date.now() - startedAt,
    });
  }
  client.destroy();
  process.stdout.write(JSON.stringify({ answers, attempts: attempts.count }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
