import globalSetup from '../support/global-setup';

/**
 * Stryker runs jest once per mutant in the same process (runInBand), and jest runs globalSetup
 * every time: starting DynamoDB Local (a JVM) per mutant would cost seconds each. This starts it
 * once per Stryker test-runner process and stops it when that process exits.
 */
/** The engine ../support/global-setup.ts keeps on globalThis. */
const runningEngine = () => (globalThis as { __dynamoDbLocal?: { stop(): Promise<void> } }).__dynamoDbLocal;

export default async function startDynamoDbLocalOnce(): Promise<void> {
  if (runningEngine()) return;
  await globalSetup();
  const engine = runningEngine();
  // stop() signals the JVM synchronously before it awaits, which is all an exiting process can do.
  process.once('exit', () => void engine?.stop());
}
