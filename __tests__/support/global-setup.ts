import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../dev/local/dynamodb-client';
import { startDynamoDbLocal } from '../../dev/local/dynamodb-engine';

/**
 * One DynamoDB Local for the whole run; each test file makes its own uniquely named table.
 * Test workers inherit these variables because they are forked after this runs:
 * DYNAMODB_ENDPOINT is where the tests' own clients find the engine; the AWS_* ones are how the
 * functions' production clients (src/data/client.ts, which knows nothing of DynamoDB Local)
 * reach it, exactly as the SDK is pointed anywhere, and with throwaway credentials only.
 * TMPDIR is a directory of this run's own, which the teardown deletes: the synth outputs,
 * terraform directories and fixtures the tests (and the terraform, python and node processes
 * they start) write under the temporary directory, about 60 MB a run, do not pile up in /tmp.
 */
export default async function globalSetup(): Promise<void> {
  const runTmp = mkdtempSync(path.join(tmpdir(), 'appointments-test-run-'));
  process.env.TMPDIR = runTmp;
  const engine = await startDynamoDbLocal();
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: engine.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  Object.assign(globalThis as RunResources, { __dynamoDbLocal: engine, __runTmp: runTmp });
}

/** What the setup leaves for the teardown (same process: jest's main one). */
export interface RunResources {
  __dynamoDbLocal?: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  __runTmp?: string;
}
