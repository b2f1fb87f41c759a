/**
 * A plain-HTTP moto server (the AWS emulator installed on these machines) on a free loopback
 * port, for tests of AWS APIs that have no local engine (Cognito). The SDK reaches it through
 * the standard `AWS_ENDPOINT_URL_<SERVICE>` variables, so the code under test has no test branch.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts moto and resolves once it answers HTTP; fails with its output if it exits first. */
export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`moto exited with ${code} before serving:\n${output}`))),
  );
  const served = (async () => {
    // Bounded by attempts, not by a clock: moto's start-up time varies with the machine's load.
    for (let attempt = 0; attempt < 600; attempt += 1) {
      try {
        await fetch(`${endpoint}/moto-api/`);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`moto did not answer on ${endpoint}:\n${output}`);
  })();
  try {
    await Promise.race([served, exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => undefined);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
