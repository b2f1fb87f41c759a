import { tmpdir } from 'node:os';
import * as path from 'node:path';
import globalSetup from '../support/global-setup';

/** The engine ../support/global-setup.ts keeps on globalThis. */
const runningEngine = () => (globalThis as { __dynamoDbLocal?: { stop(): Promise<void> } }).__dynamoDbLocal;

/**
 * Stryker runs jest once per mutant in the same process (runInBand), and jest runs globalSetup
 * every time: starting DynamoDB Local (a JVM) per mutant would cost seconds each. This starts it
 * once per Stryker test-runner process and stops it when that process exits.
 */
export default async function startDynamoDbLocalOnce(): Promise<void> {
  // Stryker's test runners run side by side in one sandbox: each bundles into its own directory,
  // so that two never write the same bundle cache at once.
  const worker = process.env.STRYKER_MUTATOR_WORKER;
  if (worker !== undefined) process.env.APPOINTMENTS_BUILD_DIR = path.join(tmpdir(), `stryker-build-${worker}`);
  if (runningEngine()) return;
  await globalSetup();
  const engine = runningEngine();
  // stop() signals the JVM synchronously before it awaits, which is all an exiting process can do.
  process.once('exit', () => void engine?.stop());
}
