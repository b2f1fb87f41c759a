import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { zipSync } from 'fflate';

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

/** A fixed timestamp for every zip entry (DOS time cannot go below 1980). */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00Z');
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes. */
const ZIP_FILE_MODE = 0o100644;

const cache = new Map<string, FunctionBundle>();

/**
 * Bundles `functions/<name>/handler.ts` with esbuild (minified, tree-shaken, external source
 * map) into a zip whose bytes depend only on the sources: fixed timestamps and modes, sorted
 * entries. Two synths of the same checkout give the same zip and the same hash.
 * Memoised per process: every stack of a synth shares one bundle per function.
 */
export function bundleFunction(name: string): FunctionBundle {
  const cached = cache.get(name);
  if (cached) return cached;

  const entry = path.join(REPO_ROOT, 'functions', name, 'handler.ts');
  const outdir = path.join(process.env.APPOINTMENTS_BUILD_DIR ?? path.join(REPO_ROOT, '.build'), 'functions', name);
  const result = buildSync({
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile: path.join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    treeShaking: true,
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    // The nodejs22.x runtime ships the AWS SDK v3: using its copy keeps each bundle near 200 KB
    // instead of ~750 KB (see README, Performance). @middy/core is an optional peer of
    // Powertools that these handlers never load.
    external: ['@aws-sdk/*', '@middy/core'],
  });

  const files: Record<string, [Uint8Array, { mtime: Date; attrs: number }]> = {};
  let unzippedBytes = 0;
  for (const file of [...result.outputFiles].sort((a, b) => a.path.localeCompare(b.path))) {
    files[path.basename(file.path)] = [file.contents, { mtime: ZIP_EPOCH, attrs: ZIP_FILE_MODE << 16 }];
    unzippedBytes += file.contents.byteLength;
  }
  const zip = zipSync(files, { level: 9, mtime: ZIP_EPOCH, os: 3 });

  mkdirSync(path.dirname(outdir), { recursive: true });
  const zipPath = `${outdir}.zip`;
  writeFileSync(zipPath, zip);
  const digest = createHash('sha256').update(zip).digest();
  const bundle: FunctionBundle = {
    zipPath,
    sha256Base64: digest.toString('base64'),
    sha256Hex: digest.toString('hex'),
    unzippedBytes,
  };
  cache.set(name, bundle);
  return bundle;
}
