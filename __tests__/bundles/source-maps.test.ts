/**
 * The functions' source maps work where they run: every bundle names its map
 * (`sourceMappingURL`), the map holds this project's sources only, by repository-relative path,
 * and Node, run as Lambda runs the functions (`--enable-source-maps`), maps a position in the
 * bundle to the TypeScript line it came from. The zips are the same bytes wherever they are built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import type { FunctionBundle } from '../../constructs/functions/bundle';
import { REPO_ROOT } from '../../constructs/functions/bundle';
import { FUNCTION_NAMES } from '../../src/operations';

type Bundler = typeof import('../../constructs/functions/bundle');

/** Every function bundled by a fresh copy of the bundler into `buildDir`, as a new synth would. */
function bundleAllInto(buildDir: string): Record<string, FunctionBundle> {
  const previous = process.env.APPOINTMENTS_BUILD_DIR;
  process.env.APPOINTMENTS_BUILD_DIR = buildDir;
  try {
    let bundles: Record<string, FunctionBundle> = {};
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundler = require('../../constructs/functions/bundle') as Bundler;
      bundles = Object.fromEntries(FUNCTION_NAMES.map((name) => [name, bundler.bundleFunction(name)]));
    });
    return bundles;
  } finally {
    if (previous === undefined) delete process.env.APPOINTMENTS_BUILD_DIR;
    else process.env.APPOINTMENTS_BUILD_DIR = previous;
  }
}

const fresh = () => mkdtempSync(path.join(tmpdir(), 'appointments-source-maps-'));
const bundles = bundleAllInto(fresh());
const filesOf = (name: string) => unzipSync(readFileSync(bundles[name].zipPath));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe.each(FUNCTION_NAMES)('the %s bundle', (name) => {
  const files = filesOf(name);
  const map = JSON.parse(text(files['index.js.map'])) as { sources: string[]; names: string[]; mappings: string };

  test('names its source map, which Node finds beside it', () => {
    expect(Object.keys(files).sort()).toEqual(['index.js', 'index.js.map']);
    expect(text(files['index.js']).trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
  });

  test("maps this project's own files only, by paths relative to the repository, each of which exists", () => {
    expect(map.sources).toContain(`functions/${name}/handler.ts`);
    for (const source of map.sources) {
      expect(source).not.toMatch(/node_modules|^\.\.|^\//);
      expect({ source, exists: existsSync(path.join(REPO_ROOT, source)) }).toEqual({ source, exists: true });
    }
  });
});

test('run with --enable-source-maps, a position in project code maps to its TypeScript line, one in a library to none', () => {
  const dir = fresh();
  const files = filesOf('create-appointment');
  for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(dir, file), bytes);
  const source = readFileSync(path.join(REPO_ROOT, 'src/http/operations/create.ts'), 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes("outcome: 'IdempotentReplay'"));
  expect(line).toBeGreaterThan(0);
  // The bundle's load stops at the AWS SDK (the Lambda runtime's copy); Node has read the map by then.
  const probe = `
    const m = require('node:module'), fs = require('node:fs'), file = ${JSON.stringify(path.join(dir, 'index.js'))};
    try { require(file); } catch {}
    const lines = fs.readFileSync(file, 'utf8').split('\\n');
    const at = (literal) => { const l = lines.findIndex((x) => x.includes(literal)); return m.findSourceMap(file).findEntry(l, lines[l].indexOf(literal)); };
    process.stdout.write(JSON.stringify({ project: at('"IdempotentReplay"'), library: at('cls-hooked') }));`;
  const out = JSON.parse(
    execFileSync(process.execPath, ['--enable-source-maps', '-e', probe], { encoding: 'utf8' }),
  ) as {
    project: { originalSource: string; originalLine: number };
    library: { originalSource?: string };
  };
  expect(out.project.originalSource).toBe(`file://${path.join(dir, 'src/http/operations/create.ts')}`);
  expect(out.project.originalLine).toBe(line);
  expect(out.library.originalSource).toBeUndefined();
});

test('two builds in different directories, at another depth, give the same zips', () => {
  const elsewhere = bundleAllInto(path.join(fresh(), 'one', 'level', 'deeper'));
  for (const name of FUNCTION_NAMES)
    expect({ name, sha256: elsewhere[name].sha256Hex }).toEqual({ name, sha256: bundles[name].sha256Hex });
});
