/**
 * Each function reads exactly the environment the registry says it needs, so the constructs
 * (which set what the registry lists) never leave a variable unset or set one nobody reads.
 * What a function reads is found in the sources esbuild put in its bundle: every `ENV.<name>`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleMetafile, REPO_ROOT } from '../../constructs/functions/bundle';
import { ENV, EnvironmentVariable } from '../../src/environment';
import { FUNCTION_NAMES, FunctionName, FUNCTIONS, handlerModule } from '../../src/operations';

/** Set on every function by its construct, not listed per function. */
const EVERY_FUNCTION: readonly EnvironmentVariable[] = [ENV.serviceName, ENV.metricsNamespace];
/** Read but never deployed: the tests' and `npm run dev`'s fixed page-token key. */
const LOCAL_ONLY: readonly EnvironmentVariable[] = [ENV.pageTokenSecret];

const metafile = bundleMetafile();

function variablesRead(name: FunctionName): EnvironmentVariable[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint === handlerModule(name));
  const sources = Object.keys(output?.inputs ?? {}).filter((input) => !input.includes('node_modules/'));
  const read = new Set<EnvironmentVariable>();
  for (const source of sources) {
    const text = readFileSync(path.join(REPO_ROOT, source), 'utf8');
    for (const [, key] of text.matchAll(/\bENV\.(\w+)/g)) read.add(ENV[key as keyof typeof ENV]);
  }
  return [...read].sort();
}

describe.each(FUNCTION_NAMES)('%s', (name) => {
  it('reads the variables the registry lists for it, the ones every function gets, and no other', () => {
    const expected = new Set([...FUNCTIONS[name].environment, ...EVERY_FUNCTION]);
    const read = variablesRead(name).filter((variable) => !LOCAL_ONLY.includes(variable));
    expect(read).toEqual([...expected].sort());
  });
});
