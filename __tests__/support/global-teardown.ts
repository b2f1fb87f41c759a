import { rmSync } from 'node:fs';
import type { RunResources } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const { __dynamoDbLocal: engine, __runTmp: runTmp } = globalThis as RunResources;
  await engine?.stop();
  if (runTmp) rmSync(runTmp, { recursive: true, force: true });
}
