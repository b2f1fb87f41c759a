/**
 * Runs moto (through moto_launcher.py) on a free loopback port for the length of the rehearsal,
 * and stops it however the rehearsal ends: normally, on a failure, or on SIGINT/SIGTERM.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Emulator } from './overrides';

export const MOTO_VERSION = '5.2.1';
const LAUNCHER = path.join(__dirname, 'moto_launcher.py');
const READY = /^listening on (\d+)$/m;

/**
 * Why the emulator cannot run here, or undefined. On CI a missing emulator fails the build; on a
 * user's machine the message says what to install.
 */
export function emulatorMissing(env: NodeJS.ProcessEnv = process.env, python = 'python3'): string | undefined {
  const probe = spawnSync(python, ['-c', 'import moto, cryptography, werkzeug; print(moto.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.error) return whatToInstall(`${python} is not on PATH`, env);
  if (probe.status !== 0) return whatToInstall(`${python} cannot import moto with its server extras`, env);
  const version = probe.stdout.trim();
  if (version !== MOTO_VERSION) {
    // Its gaps (emulator-gaps.json) were found on 5.2.1; another version may have more or fewer.
    process.stderr.write(`warning: moto ${version} found; the rehearsal is tested on ${MOTO_VERSION}\n`);
  }
  return undefined;
}

function whatToInstall(problem: string, env: NodeJS.ProcessEnv): string {
  if (env.CI) return `The deploy rehearsal needs moto on this CI machine: ${problem}.`;
  return `${problem}. Install Python 3 and moto: python3 -m pip install 'moto[server]==${MOTO_VERSION}'`;
}

export interface RunningEmulator extends Emulator {
  readonly port: number;
  stop(): void;
}

/** Starts the emulator, account `accountId`, serving TLS with a certificate written to `certDir`. */
export async function startEmulator(
  certDir: string,
  accountId: string,
  logFile: NodeJS.WritableStream,
): Promise<RunningEmulator> {
  const child = spawn('python3', [LAUNCHER, '--cert-dir', certDir], {
    env: { ...process.env, MOTO_ACCOUNT_ID: accountId, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopOnAnyExit(child);
  child.stderr?.pipe(logFile);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`moto did not start in 30 s:\n${seen}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const ready = READY.exec(seen);
        if (ready) {
          clearTimeout(timer);
          resolve(Number(ready[1]));
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`moto exited with ${code} before it served: see its log`));
      });
    });
    return { port, endpoint: `https://127.0.0.1:${port}`, caBundle: path.join(certDir, 'cert.pem'), stop };
  } catch (error) {
    stop();
    throw error;
  }
}

function stopOnAnyExit(child: ChildProcess): () => void {
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', stop);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return stop;
}
