import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Env } from '../config/resolve';

const PROVIDER_DIR = path.join('registry.terraform.io', 'hashicorp', 'aws', '5.100.0');

/** Terraform's own implied local mirror directories (see "Implied Local Mirror Directories"). */
const IMPLIED_MIRRORS = [
  path.join(homedir(), '.terraform.d', 'plugins'),
  path.join(homedir(), '.local', 'share', 'terraform', 'plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
];

export interface TerraformTooling {
  readonly terraform: string;
  /** Filesystem mirror holding hashicorp/aws 5.100.0, or undefined to download from the registry. */
  readonly mirror?: string;
}

/** What to do when Terraform cannot fetch the provider: one sentence, for every tool that plans. */
export const NO_MIRROR_ADVICE = `set TF_PROVIDER_MIRROR to a directory holding ${PROVIDER_DIR} (a filesystem mirror: terraform providers mirror <dir>), or connect to registry.terraform.io`;

/** Directories a mirror search never enters: virtual filesystems and package trees. */
const SKIPPED = new Set(['proc', 'sys', 'dev', 'run', 'node_modules', '.git', 'cdktf.out', '.build']);

/**
 * The first directory under `root`, at most `depth` levels down, that holds the provider as a
 * filesystem mirror (`<mirror>/registry.terraform.io/hashicorp/aws/5.100.0`), breadth first, so a
 * machine's shared mirror (/opt/...) is found before anything deep in a home directory. Unreadable
 * directories are skipped. Never a path of one machine in the repository.
 */
export function searchProviderMirror(root = '/', depth = 3): string | undefined {
  let level = [root];
  for (let d = 0; d <= depth && level.length > 0; d += 1) {
    const found = level.find((dir) => existsSync(path.join(dir, PROVIDER_DIR)));
    if (found) return found;
    level = level.flatMap((dir) => {
      try {
        return readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && !SKIPPED.has(entry.name))
          .map((entry) => path.join(dir, entry.name))
          .sort();
      } catch {
        return [];
      }
    });
  }
  return undefined;
}

let searched: { mirror?: string } | undefined;

/**
 * Finds terraform and the provider mirror: `TF_PROVIDER_MIRROR` when set; otherwise Terraform's
 * implied mirror directories, then a search of the filesystem (once per process); failing those,
 * Terraform downloads the provider. Returns a reason instead when something is missing.
 */
export function findTerraformTooling(): TerraformTooling | { missing: string } {
  const which = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
  const terraform = which.stdout.trim();
  if (which.status !== 0 || terraform === '') {
    return {
      missing:
        'the terraform CLI (>= 1.11) is not on PATH; install it from https://developer.hashicorp.com/terraform/install',
    };
  }
  const configured = process.env.TF_PROVIDER_MIRROR;
  if (configured) {
    if (!existsSync(path.join(configured, PROVIDER_DIR))) {
      return { missing: `TF_PROVIDER_MIRROR=${configured} holds no ${PROVIDER_DIR}` };
    }
    return { terraform, mirror: configured };
  }
  const implied = IMPLIED_MIRRORS.find((dir) => existsSync(path.join(dir, PROVIDER_DIR)));
  if (implied) return { terraform, mirror: implied };
  searched ??= { mirror: searchProviderMirror() };
  return { terraform, ...(searched.mirror ? { mirror: searched.mirror } : {}) };
}

/** Terraform's answer when it could neither find nor download a provider, with what to do. */
export function explainProviderFailure(output: string): string {
  return /Failed to query available provider packages|could not connect to registry|Failed to install provider/.test(
    output,
  )
    ? `terraform could not get the hashicorp/aws provider: ${NO_MIRROR_ADVICE}.\n${output}`
    : output;
}

// `node scripts/terraform-offline.ts --print-mirror` (as .ci/run uses it): the mirror found, or nothing.
if (require.main === module && process.argv.includes('--print-mirror')) {
  const tooling = findTerraformTooling();
  process.stdout.write('mirror' in tooling && tooling.mirror ? `${tooling.mirror}\n` : '');
}

const REPO = path.resolve(__dirname, '..');

/** The app command of cdktf.json, what `cdktf synth` runs: its arguments to Node. */
export const APP_COMMAND_ARGS: readonly string[] = (
  JSON.parse(readFileSync(path.join(REPO, 'cdktf.json'), 'utf8')) as { app: string }
).app
  .split(' ')
  .slice(1);

/**
 * Synthesizes every stack into a fresh directory with the app command, configured by `variables`
 * alone (as `resolveConfig(variables)` reads them, none of this process's configuration; only
 * the bundle cache's place, APPOINTMENTS_BUILD_DIR, is passed on), and returns the directory.
 * In a child process: the caller (a test worker, the rehearsal) never holds cdktf, the
 * provider's classes and the construct tree, about 150 MB, while terraform runs beside it.
 */
export function synthToTempDir(variables: Env = {}): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'appointments-synth-'));
  const { PATH, HOME, TMPDIR, APPOINTMENTS_BUILD_DIR } = process.env;
  const synth = spawnSync(process.execPath, APP_COMMAND_ARGS, {
    cwd: REPO,
    encoding: 'utf8',
    env: { PATH, HOME, TMPDIR, APPOINTMENTS_BUILD_DIR, ...variables, CDKTF_OUTDIR: outdir },
  });
  if (synth.status !== 0) throw new Error(`synth failed (exit ${synth.status}):\n${synth.stderr}${synth.error ?? ''}`);
  return outdir;
}

/**
 * Runs `npm run synth:hcl`'s command (the CLI renders HCL; the library alone writes JSON-shaped
 * text; scripts/cdktf.js then writes the references of depends_on and ignore_changes bare) into a
 * fresh directory and returns it.
 */
export function synthHclToTempDir(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'appointments-hcl-'));
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'cdktf.js'), 'synth', '--hcl', '--output', outdir], {
    cwd: REPO,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' },
    stdio: 'pipe',
  });
  return outdir;
}

/**
 * Prepares a synthesized stack for an offline plan, the way Terraform intends tests to bend a
 * configuration: an `*_override.tf.json` that swaps the S3 backend for a local one and gives the
 * provider fake credentials with every AWS call at plan time switched off.
 */
export function writeOfflineOverride(stackDir: string): void {
  const override = {
    terraform: { backend: { local: { path: 'offline-test.tfstate' } } },
    provider: {
      aws: [
        {
          access_key: 'AKIAOFFLINETESTKEY00',
          secret_key: 'offline-test-secret-key-not-used-for-anything',
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
          // With no account id requested, the allow-list could only refuse; the real guard is
          // kept for real plans and is checked by the synth tests.
          allowed_account_ids: [],
        },
      ],
    },
  };
  writeFileSync(path.join(stackDir, 'offline_test_override.tf.json'), JSON.stringify(override, null, 2));
}

export interface TerraformRun {
  readonly status: number;
  readonly output: string;
}

/** A CLI configuration that installs providers from the mirror (or the registry) and caches them. */
export function writeCliConfig(dir: string, tooling: TerraformTooling): string {
  const cache = path.join(dir, 'plugin-cache');
  mkdirSync(cache, { recursive: true });
  const installation = tooling.mirror
    ? `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(tooling.mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`
    : '';
  const file = path.join(dir, 'terraformrc');
  writeFileSync(file, `plugin_cache_dir = ${JSON.stringify(cache)}\n${installation}`);
  return file;
}

/** The environment of every terraform run: the CLI configuration, no prompts, no user AWS profile. */
function terraformEnv(cliConfig: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    // Nothing from the user's AWS profile may reach an offline plan.
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

export function runTerraform(tooling: TerraformTooling, cliConfig: string, cwd: string, args: string[]): TerraformRun {
  const result = spawnSync(tooling.terraform, args, {
    cwd,
    encoding: 'utf8',
    env: terraformEnv(cliConfig),
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  return { status: result.status ?? -1, output: result.status === 0 ? output : explainProviderFailure(output) };
}

/** Terraform processes started by `runTerraformAsync` and still running. */
const running = new Set<ChildProcess>();
let stopsOnExit = false;

/** Stops them when this process exits (a signal, a failure): none is left talking to nothing. */
function stopRunningTerraformOnExit(child: ChildProcess): void {
  if (!stopsOnExit) process.once('exit', () => running.forEach((c) => c.kill('SIGTERM')));
  stopsOnExit = true;
  running.add(child);
  child.on('close', () => running.delete(child));
}

/** `runTerraform` without blocking, so that several stacks can run at once; `onOutput` sees output as it comes. */
export function runTerraformAsync(
  tooling: TerraformTooling,
  cliConfig: string,
  cwd: string,
  args: string[],
  onOutput?: (text: string) => void,
): Promise<TerraformRun & { readonly stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(tooling.terraform, args, { cwd, env: terraformEnv(cliConfig) });
    stopRunningTerraformOnExit(child);
    const chunks: Buffer[] = [];
    const stdout: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      onOutput?.(chunk.toString('utf8'));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      collect(chunk);
    });
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ status: -1, output: String(error), stdout: '' }));
    child.on('close', (code) =>
      resolve({
        status: code ?? -1,
        output: Buffer.concat(chunks).toString('utf8'),
        stdout: Buffer.concat(stdout).toString('utf8'),
      }),
    );
  });
}

/** `terraform show -json` of a saved plan. */
export function showPlanJson(tooling: TerraformTooling, cliConfig: string, cwd: string, planFile: string): PlanJson {
  const out = execFileSync(tooling.terraform, ['show', '-json', planFile], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as PlanJson;
}

export interface PlanJson {
  resource_changes?: { address: string; mode: string; type: string; change: { actions: string[] } }[];
}
