/**
 * A fault-injecting HTTP proxy between a DynamoDB client and DynamoDB Local, on loopback only.
 * It plays the part of a failing AWS endpoint so that the SDK's real retry strategy and the
 * repository's real timeouts decide what the caller sees. Modes:
 *
 * - `pass`: forwards every request untouched.
 * - `stopped`: the listener is closed and every open connection dropped, so new connections are
 *   refused (ECONNREFUSED), as when the engine is down.
 * - `slow`: forwards the request, then holds the engine's answer for `delayMs` (the write may
 *   commit while the client has already given up, as with a real slow dependency).
 * - `error`: answers every request (or only `operation`) with DynamoDB's JSON error body, e.g.
 *   HTTP 400 `ProvisionedThroughputExceededException`, without reaching the engine.
 * - `drop-after-commit`: forwards `operation`, waits for the engine's answer (the transaction has
 *   committed), then kills the client's socket instead of answering: the response is lost.
 */
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

export type FaultMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | {
      readonly kind: 'error';
      readonly status: number;
      /** DynamoDB's `__type`, e.g. `com.amazonaws.dynamodb.v20120810#ThrottlingException`. */
      readonly type: string;
      readonly message: string;
      /** Extra body fields, e.g. `CancellationReasons` of a TransactionCanceledException. */
      readonly extra?: Record<string, unknown>;
      /** Only requests whose X-Amz-Target ends with this; others pass. */
      readonly operation?: string;
    }
  | { readonly kind: 'drop-after-commit'; readonly operation: string; readonly times: number };

export interface FaultProxy {
  readonly url: string;
  /** Faults applied so far: refused attempts are counted by the client side (see countAttempts). */
  readonly faultsInjected: number;
  setMode(mode: FaultMode): Promise<void>;
  close(): Promise<void>;
}

const operationOf = (req: IncomingMessage) =>
  String(req.headers['x-amz-target'] ?? '')
    .split('.')
    .pop() ?? '';

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let mode: FaultMode = { kind: 'pass' };
  let dropsLeft = 0;
  let faults = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const current = mode;
    if (current.kind === 'error' && (!current.operation || operationOf(req) === current.operation)) {
      faults += 1;
      const body = JSON.stringify({ __type: current.type, message: current.message, ...current.extra });
      res.writeHead(current.status, { 'Content-Type': 'application/x-amz-json-1.0' });
      res.end(body);
      return;
    }
    const answer = await forward(req, Buffer.concat(chunks));
    if (current.kind === 'drop-after-commit' && operationOf(req) === current.operation && dropsLeft > 0) {
      dropsLeft -= 1;
      faults += 1;
      req.socket.destroy();
      return;
    }
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    };
    if (current.kind !== 'slow') return send();
    faults += 1;
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, current.delayMs);
    timers.add(timer);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  let port = 0;
  await listen();
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    get faultsInjected() {
      return faults;
    },
    async setMode(next) {
      mode = next;
      if (next.kind === 'drop-after-commit') dropsLeft = next.times;
      if (next.kind === 'stopped') await stopListening();
      else if (!server.listening) await listen();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await stopListening();
    },
  };
}
