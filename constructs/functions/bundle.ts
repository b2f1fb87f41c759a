import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import { zipSync } from 'fflate';
import { projectSourceMap } from './source-map';

/**
 * esbuild's API, loaded only when the bundles must be built: a synth whose bundles are unchanged
 * skips loading it (about 15 ms). Its version, part of the cache key, comes from its package file.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const esbuild = (): typeof import('esbuild') => require('esbuild');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const esbuildVersion: string = require('esbuild/package.json').version;

/** Repository root: every path in a bundle is relative to it, so bundles are machine-independent. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface FunctionBundle {
  /** Absolute path of the zip that Terraform uploads. */
  readonly zipPath: string;
  /** Base64 SHA-256 of the zip: Lambda's `source_code_hash`. */
  readonly sha256Base64: string;
  /** Hex SHA-256 of the zip: the asset's content hash. */
  readonly sha256Hex: string;
  /** Size of the unzipped bundle in bytes (code plus source map). */
  readonly unzippedBytes: number;
}

/**
 * esbuild options of every function bundle: minified, tree-shaken, with a linked source map
 * (`index.js.map`, named by the bundle's `sourceMappingURL` comment: without it Node's
 * `--enable-source-maps` finds no map), which `projectSourceMap` reduces to our own code.
 * `sdk: 'external'` (what is deployed) leaves the AWS SDK v3 to the nodejs22.x runtime's copy:
 * each bundle stays near 200 KB of code instead of ~750 KB, and cold starts are faster (see
 * README, Performance). @middy/core is an optional peer of Powertools these handlers never load.
 */
export function esbuildOptions(sdk: 'external' | 'bundled' = 'external'): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    treeShaking: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'silent',
    external: sdk === 'external' ? ['@aws-sdk/*', '@middy/core'] : ['@middy/core'],
  };
}

/** A fixed timestamp for every zip entry (DOS time cannot go below 1980). */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00Z');
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes. */
const ZIP_FILE_MODE = 0o100644;
/** Bumped when the zip layout changes, so old caches are not reused. */
const FORMAT_VERSION = 3;

interface Build {
  readonly bundles: Map<string, FunctionBundle>;
  /** esbuild's metafile of the build the zips came from, kept beside them. */
  readonly metafileFile: string;
}

let build: Build | undefined;

/**
 * The bundle of `functions/<name>/handler.ts`. The first call bundles every function at once
 * (one esbuild build with one entry point per function) into zips whose bytes depend only on
 * the sources: fixed timestamps and modes, sorted entries. Two synths of the same checkout give
 * the same zips and hashes. When nothing that went into the bundles has changed since the last
 * synth (every input file's content, the options, esbuild's version), the zips are reused.
 */
export function bundleFunction(name: string): FunctionBundle {
  const bundle = bundleEveryFunction().bundles.get(name);
  if (!bundle) throw new Error(`No function "${name}": expected functions/${name}/handler.ts`);
  return bundle;
}

/**
 * esbuild's metafile of the build that made the bundles (from the same cache): which source
 * files went into which function's bundle. Tests read it to prove what a bundle holds.
 */
export function bundleMetafile(): Metafile {
  return JSON.parse(readFileSync(bundleEveryFunction().metafileFile, 'utf8')) as Metafile;
}

function bundleEveryFunction(): Build {
  if (!build) {
    const buildDir = path.join(process.env.APPOINTMENTS_BUILD_DIR ?? path.join(REPO_ROOT, '.build'), 'functions');
    const metafileFile = path.join(buildDir, 'metafile.json');
    build = { bundles: bundleAll(buildDir, metafileFile), metafileFile };
  }
  return build;
}

interface Cache {
  readonly key: string;
  readonly inputs: readonly string[];
  readonly bundles: Record<string, Omit<FunctionBundle, 'zipPath'>>;
}

function bundleAll(buildDir: string, metafileFile: string): Map<string, FunctionBundle> {
  const names = readdirSync(path.join(REPO_ROOT, 'functions'))
    .filter((entry) => existsSync(path.join(REPO_ROOT, 'functions', entry, 'handler.ts')))
    .sort();
  const zipPathOf = (name: string) => path.join(buildDir, `${name}.zip`);
  const cacheFile = path.join(buildDir, 'cache.json');

  const cached = readCache(cacheFile);
  if (
    cached &&
    cached.key === cacheKey(names, cached.inputs) &&
    existsSync(metafileFile) &&
    names.every((n) => zipMatches(zipPathOf(n), cached.bundles[n]))
  ) {
    return new Map(names.map((n) => [n, { ...cached.bundles[n], zipPath: zipPathOf(n) }]));
  }

  const { buildSync, stop: stopEsbuild } = esbuild();
  const result = buildSync({
    ...esbuildOptions('external'),
    entryPoints: names.map((n) => ({ in: path.join(REPO_ROOT, 'functions', n, 'handler.ts'), out: `${n}/index` })),
    outdir: buildDir,
    write: false,
    metafile: true,
  });
  // buildSync leaves esbuild's service process running for the next call, with its caches (about
  // 170 MB); a process bundles once, so it goes now (a later call would start another).
  void stopEsbuild();
  mkdirSync(buildDir, { recursive: true });
  const built = new Map<string, FunctionBundle>();
  for (const name of names) {
    const outputs = result.outputFiles
      .filter((f) => path.dirname(f.path) === path.join(buildDir, name))
      .sort((a, b) => a.path.localeCompare(b.path));
    const files: Record<string, [Uint8Array, { mtime: Date; attrs: number }]> = {};
    for (const file of outputs) {
      const contents = file.path.endsWith('.map')
        ? Buffer.from(projectSourceMap(file.text, path.dirname(file.path), REPO_ROOT))
        : file.contents;
      files[path.basename(file.path)] = [contents, { mtime: ZIP_EPOCH, attrs: ZIP_FILE_MODE << 16 }];
    }
    const zip = zipSync(files, { level: 9, mtime: ZIP_EPOCH, os: 3 });
    writeFileSync(zipPathOf(name), zip);
    const digest = createHash('sha256').update(zip).digest();
    built.set(name, {
      zipPath: zipPathOf(name),
      sha256Base64: digest.toString('base64'),
      sha256Hex: digest.toString('hex'),
      unzippedBytes: Object.values(files).reduce((sum, [contents]) => sum + contents.byteLength, 0),
    });
  }

  const inputs = Object.keys(result.metafile?.inputs ?? {}).sort();
  const cache: Cache = {
    key: cacheKey(names, inputs) ?? '',
    inputs,
    bundles: Object.fromEntries([...built].map(([n, { zipPath: _zipPath, ...rest }]) => [n, rest])),
  };
  writeFileSync(metafileFile, JSON.stringify(result.metafile));
  writeFileSync(cacheFile, JSON.stringify(cache));
  return built;
}

/** Everything a bundle's bytes depend on. Undefined when an input has gone. */
function cacheKey(names: readonly string[], inputs: readonly string[]): string | undefined {
  const hash = createHash('sha256').update(
    JSON.stringify({ FORMAT_VERSION, esbuildVersion, names, options: esbuildOptions('external') }),
  );
  for (const input of inputs) {
    const file = path.join(REPO_ROOT, input);
    if (!existsSync(file)) return undefined;
    hash.update(input).update(readFileSync(file));
  }
  return hash.digest('hex');
}

function readCache(file: string): Cache | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Cache;
  } catch {
    return undefined;
  }
}

function zipMatches(zipPath: string, expected: Omit<FunctionBundle, 'zipPath'> | undefined): boolean {
  if (!expected || !existsSync(zipPath)) return false;
  return createHash('sha256').update(readFileSync(zipPath)).digest('hex') === expected.sha256Hex;
}
