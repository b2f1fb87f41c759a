/**
 * Function bundles: archive and unzipped sizes, and the cold initialisation of a fresh node
 * process that loads a bundle and builds its clients, against a fresh node process that loads an
 * empty module. Two variants per function: the deployed one (AWS SDK external, resolved from the
 * repository's node_modules as the stand-in for the nodejs22.x runtime's copy) and one with the
 * SDK bundled in, built here into a temporary directory.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { unzipSync, zipSync } from 'fflate';
import { bundleFunction, esbuildOptions, REPO_ROOT } from '../constructs/functions/bundle';
import { projectSourceMap } from '../constructs/functions/source-map';
import { ENV, EnvironmentVariable, METRICS_NAMESPACE } from '../src/environment';
import { FUNCTION_NAMES, functionEnvironment, FunctionName } from '../src/operations';
import { Figure } from './figures';
import { interleaved, median, timeProcess } from './stats';

const KB = 1024;
const SIZE_LIMIT_BYTES = 500 * KB;
const COLD_INIT_BUDGET_MS = 150;
const PROBE = path.join(__dirname, 'cold-init-probe.js');

export const functionNames = (): FunctionName[] => [...FUNCTION_NAMES].sort();

interface Variant {
  readonly dir: string;
  readonly zipBytes: number;
  readonly codeBytes: number;
  readonly unzippedBytes: number;
}

/** The deployed archive, exactly as the synth builds it (in APPOINTMENTS_BUILD_DIR), unzipped under `root`. */
export function externalVariant(name: string, root: string): Variant {
  const bundle = bundleFunction(name);
  const dir = path.join(root, 'external', name);
  mkdirSync(dir, { recursive: true });
  const zip = readFileSync(bundle.zipPath);
  const files = unzipSync(zip);
  for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(dir, file), bytes);
  return {
    dir,
    zipBytes: zip.byteLength,
    codeBytes: files['index.js'].byteLength,
    unzippedBytes: bundle.unzippedBytes,
  };
}

/** The product's esbuild options (constructs/functions/bundle.ts) with the AWS SDK bundled in. */
function bundledSdkVariant(name: string, root: string): Variant {
  const dir = path.join(root, 'bundled', name);
  buildSync({
    ...esbuildOptions('bundled'),
    entryPoints: [path.join(REPO_ROOT, 'functions', name, 'handler.ts')],
    outfile: path.join(dir, 'index.js'),
    write: true,
  });
  const mapFile = path.join(dir, 'index.js.map');
  writeFileSync(mapFile, projectSourceMap(readFileSync(mapFile, 'utf8'), dir, REPO_ROOT));
  const files: Record<string, Uint8Array> = {};
  for (const file of readdirSync(dir)) files[file] = readFileSync(path.join(dir, file));
  const unzippedBytes = Object.values(files).reduce((sum, bytes) => sum + bytes.byteLength, 0);
  return {
    dir,
    zipBytes: zipSync(files, { level: 9 }).byteLength,
    codeBytes: files['index.js'].byteLength,
    unzippedBytes,
  };
}

/** Answers every DynamoDB request with `{}` (GetItem: no item), for send-reminder's first read. */
export function startStubDynamoDb(): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'stub' });
      response.end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A value for every variable a function may read; each probe gets the ones its registry entry lists. */
const PROBE_VALUES: Partial<Record<EnvironmentVariable, string>> = {
  [ENV.tableName]: 'appointments-bench-table',
  // Deployed, list-appointments reads its page-token key from this SSM parameter at first use; the
  // probe's request fails validation first, and PAGE_TOKEN_SECRET below keeps SSM out of it anyway.
  [ENV.pageTokenSecretParameter]: '/appointments/bench/page-token-secret',
  [ENV.topicArn]: 'arn:aws:sns:us-west-1:123456789012:appointments-bench-events',
  [ENV.scheduleGroupName]: 'appointments-bench-reminders',
  [ENV.reminderFunctionArn]: 'arn:aws:lambda:us-west-1:123456789012:function:appointments-bench-send-reminder',
  [ENV.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/appointments-bench-scheduler',
  [ENV.scheduleDeadLetterQueueArn]: 'arn:aws:sqs:us-west-1:123456789012:appointments-bench-schedule-dlq',
  [ENV.tokenIssuer]: 'https://cognito-idp.us-west-1.amazonaws.com/us-west-1_bench',
  [ENV.tokenAudience]: 'bench-app-client',
  [ENV.maxOpenBookingsPerCustomer]: '10',
};

/**
 * The environment the function has deployed (constructs/functions/service-function.ts): the
 * variables every function gets and those its registry entry lists (src/operations.ts), so a
 * variable added to the registry cannot leave the probe measuring a failed start.
 */
function probeEnvironment(name: FunctionName | undefined, stubPort: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_OPTIONS: '--enable-source-maps',
    [ENV.serviceName]: 'appointments',
    [ENV.metricsNamespace]: METRICS_NAMESPACE,
    ...(name ? functionEnvironment(name, PROBE_VALUES) : {}),
    ...(name ? { [ENV.pageTokenSecret]: 'bench-page-token-secret' } : {}),
    AWS_REGION: 'us-west-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${stubPort}`,
  };
}

export interface BundleResults {
  readonly figures: Figure[];
  /** Median cold init per function and variant, for the JSON. */
  readonly coldInitMs: Record<string, { external: number; bundled: number }>;
  readonly floorMs: number;
}

/**
 * One cold start: a fresh node process that loads `file` and answers the probe's event for
 * `probe` (bench/cold-init-probe.js), in the function's deployed environment; its wall time in
 * ms. Throws with the probe's stderr when the answer is not the expected one.
 */
export async function probeColdInit(
  file: string,
  probe: FunctionName | 'empty',
  stubPort: number,
  nodePath?: string,
  overrides: NodeJS.ProcessEnv = {},
): Promise<number> {
  const env = { ...probeEnvironment(probe === 'empty' ? undefined : probe, stubPort), ...overrides };
  const timing = await timeProcess(process.execPath, [PROBE, file, probe], {
    cwd: path.dirname(file),
    env: nodePath ? { ...env, NODE_PATH: nodePath } : env,
  });
  if (timing.code !== 0) throw new Error(`cold init of ${file} failed:\n${timing.stderr}`);
  return timing.wallMs;
}

export async function measureBundles(rounds: number): Promise<BundleResults> {
  const root = mkdtempSync(path.join(tmpdir(), 'appointments-bench-bundles-'));
  process.env.APPOINTMENTS_BUILD_DIR = path.join(root, 'build');
  const names = functionNames();
  const external = Object.fromEntries(names.map((name) => [name, externalVariant(name, root)]));
  const bundled = Object.fromEntries(names.map((name) => [name, bundledSdkVariant(name, root)]));
  const empty = path.join(root, 'empty', 'index.js');
  mkdirSync(path.dirname(empty), { recursive: true });
  writeFileSync(empty, '');

  const stub = await startStubDynamoDb();
  const stubPort = (stub.address() as AddressInfo).port;
  const nodeModules = path.join(REPO_ROOT, 'node_modules');
  const run = (file: string, probe: FunctionName | 'empty', nodePath?: string) => () =>
    probeColdInit(file, probe, stubPort, nodePath);
  const subjects: Record<string, () => Promise<number>> = { floor: run(empty, 'empty') };
  for (const name of names) {
    subjects[`external:${name}`] = run(path.join(external[name].dir, 'index.js'), name, nodeModules);
    subjects[`bundled:${name}`] = run(path.join(bundled[name].dir, 'index.js'), name);
  }
  let samples: Record<string, number[]>;
  try {
    samples = await interleaved(subjects, rounds);
  } finally {
    stub.close();
  }
  const floorMs = median(samples.floor);

  const figures: Figure[] = [];
  const coldInitMs: BundleResults['coldInitMs'] = {};
  for (const name of names) {
    const e = external[name];
    figures.push({
      section: 'bundles',
      name: `${name}: size (SDK external, deployed)`,
      value: e.unzippedBytes / KB,
      unit: 'KB',
      target: '< 500 KB unzipped',
      verdict: e.unzippedBytes < SIZE_LIMIT_BYTES ? 'PASS' : 'MISS',
      note: `zip ${(e.zipBytes / KB).toFixed(0)} KB; code ${(e.codeBytes / KB).toFixed(0)} KB + source map`,
    });
    coldInitMs[name] = { external: median(samples[`external:${name}`]), bundled: median(samples[`bundled:${name}`]) };
    for (const variant of ['external', 'bundled'] as const) {
      const value = coldInitMs[name][variant];
      const within = value - floorMs <= COLD_INIT_BUDGET_MS;
      const v = variant === 'external' ? e : bundled[name];
      figures.push({
        section: 'bundles',
        name: `${name}: cold init (SDK ${variant}${variant === 'external' ? ', deployed' : ''})`,
        value,
        unit: 'ms',
        floor: floorMs,
        ratio: value / floorMs,
        target: `<= floor + ${COLD_INIT_BUDGET_MS} ms`,
        verdict: within ? 'PASS' : 'MISS',
        note: [
          `+${(value - floorMs).toFixed(0)} ms over the floor`,
          variant === 'bundled'
            ? `size ${(v.unzippedBytes / KB).toFixed(0)} KB (zip ${(v.zipBytes / KB).toFixed(0)} KB)`
            : '',
          name === 'send-reminder'
            ? 'includes its first GetItem (to a loopback stub): its clients are built there'
            : '',
          within ? '' : 'limit: loading and compiling the SDK modules (require), see the README',
        ]
          .filter(Boolean)
          .join('; '),
      });
    }
  }
  return { figures, coldInitMs, floorMs };
}
