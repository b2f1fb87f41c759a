/**
 * What verifying an ID token costs, against what it cannot cost less than: one `crypto.verify`
 * of an RS256 signature, measured in the same run.
 *
 * - Warm: p50 of `verify` on the one verifier (src/identity) with its keys cached, as every
 *   request after a container's first, against p50 of `crypto.verify` alone.
 * - Cold: a fresh node process that loads the authorizer's deployed bundle and answers its first
 *   request (build the verifier, fetch the JWKS over HTTPS from loopback, verify), against a
 *   fresh node process that imports a JWK and checks one signature.
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { bundleFunction } from '../constructs/functions/bundle';
import { createLocalIssuer } from '../dev/local/local-issuer';
import { Figure } from './figures';
import { interleaved, median, nowMs, percentile, timeProcess } from './stats';

const PROBE = path.join(__dirname, 'token-cold-probe.js');

/** p50 in ms of `work` over `count` calls, after `count / 10` calls of warm-up. */
async function p50(count: number, work: () => unknown): Promise<number> {
  for (let i = 0; i < count / 10; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = nowMs();
    await work();
    samples.push(nowMs() - started);
  }
  return percentile(samples, 50);
}

export async function measureTokenVerification(calls: number, rounds: number): Promise<Figure[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'appointments-bench-token-'));
  const [keyFile, certFile] = [path.join(root, 'key.pem'), path.join(root, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-keyout', keyFile, '-out', certFile],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  let jwks = '';
  const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const issuerUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/bench_pool`;
    const issuer = createLocalIssuer({ issuer: issuerUrl, audience: 'bench-client' });
    jwks = JSON.stringify(issuer.jwks);
    const { token } = issuer.issue({ tenantId: 'bench-clinic', role: 'staff', subject: 'bench-staff' });
    const [header, payload, signature] = token.split('.');
    const publicKey = createPublicKey({ key: issuer.jwks.keys[0] as never, format: 'jwk' });
    const input = Buffer.from(`${header}.${payload}`);
    const signatureBytes = Buffer.from(signature, 'base64url');
    if (!verify('sha256', input, publicKey, signatureBytes)) throw new Error('the bench token does not verify');

    const floorWarm = await p50(calls, () => verify('sha256', input, publicKey, signatureBytes));
    const warm = await p50(calls, () => issuer.verifier.verify(token));

    const files = unzipSync(readFileSync(bundleFunction('authorize-request').zipPath));
    for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(root, file), bytes);
    writeFileSync(path.join(root, 'token.txt'), token);
    writeFileSync(path.join(root, 'jwk.json'), JSON.stringify(issuer.jwks.keys[0]));
    const env = {
      PATH: process.env.PATH,
      NODE_OPTIONS: '--enable-source-maps',
      NODE_EXTRA_CA_CERTS: certFile,
      AWS_REGION: 'us-west-1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      TOKEN_ISSUER: issuerUrl,
      TOKEN_AUDIENCE: 'bench-client',
      NODE_PATH: path.join(__dirname, '..', 'node_modules'),
    };
    const run = (mode: string) => async () => {
      const timing = await timeProcess(process.execPath, [PROBE, mode, root], { env });
      if (timing.code !== 0) throw new Error(`token cold probe (${mode}) failed:\n${timing.stderr}`);
      return timing.wallMs;
    };
    const samples = await interleaved({ floor: run('floor'), authorizer: run('authorizer') }, rounds);
    const [floorCold, cold] = [median(samples.floor), median(samples.authorizer)];
    return [
      {
        section: 'tokens',
        name: 'ID token verification, warm (p50)',
        value: warm * 1000,
        unit: 'µs',
        floor: floorWarm * 1000,
        ratio: warm / floorWarm,
        verdict: 'INFO',
        note: `${calls} calls each; keys cached (every request after a container's first); the rest is parsing (aws-jwt-verify's reviver-based JSON), claim checks and the identity`,
      },
      {
        section: 'tokens',
        name: 'authorizer cold start to its first verified token',
        value: cold,
        unit: 'ms',
        floor: floorCold,
        ratio: cold / floorCold,
        verdict: 'INFO',
        note: `+${(cold - floorCold).toFixed(0)} ms over a fresh process that checks one signature: loading the bundle, building the verifier, fetching the JWKS over loopback HTTPS (Cognito's is a real round trip), verifying`,
      },
    ];
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
