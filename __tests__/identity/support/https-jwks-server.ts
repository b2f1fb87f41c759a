/**
 * A JWKS endpoint over real HTTPS on a free loopback port, so that aws-jwt-verify's own fetcher
 * (HTTPS only, the one the deployed authorizer uses) fetches it for real. The certificate is
 * self-signed for 127.0.0.1, made by openssl at start, and trusted by adding it to the CAs of
 * Node's global HTTPS agent (the agent that fetcher uses) until `close`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, globalAgent } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { rootCertificates } from 'node:tls';
import type { Jwks } from 'aws-jwt-verify/jwk';

/** `keys`: answers the JWKS; `status`: answers that status; `reset`: drops the connection. */
export type JwksMode = { kind: 'keys'; jwks: Jwks } | { kind: 'status'; status: number } | { kind: 'reset' };

export interface HttpsJwksServer {
  /** An issuer URL whose `/.well-known/jwks.json` this server answers. */
  readonly issuer: string;
  /** Requests for the JWKS so far. */
  readonly fetches: number;
  setMode(mode: JwksMode): void;
  close(): Promise<void>;
}

export async function startHttpsJwksServer(initial: JwksMode, poolPath = '/us-test-1_pool'): Promise<HttpsJwksServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jwks-tls-'));
  const [keyFile, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-keyout', keyFile, '-out', certFile],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certFile, 'utf8');
  let mode = initial;
  let fetches = 0;
  const server = createServer({ key: readFileSync(keyFile), cert }, (request, response) => {
    if (request.url !== `${poolPath}/.well-known/jwks.json`) {
      response.writeHead(404).end();
      return;
    }
    fetches += 1;
    if (mode.kind === 'reset') request.socket.destroy();
    else if (mode.kind === 'status') response.writeHead(mode.status).end('{}');
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mode.jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agentOptions = (globalAgent as Agent & { options: Record<string, unknown> }).options;
  const previousCa = agentOptions.ca;
  agentOptions.ca = [...rootCertificates, cert];
  return {
    issuer: `https://127.0.0.1:${(server.address() as AddressInfo).port}${poolPath}`,
    get fetches() {
      return fetches;
    },
    setMode: (next) => (mode = next),
    close: async () => {
      agentOptions.ca = previousCa;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
