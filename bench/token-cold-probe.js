// Run by bench/token-verification.ts in a fresh node process, in a directory holding the
// authorizer's deployed bundle (index.js), a token (token.txt) and its public JWK (jwk.json).
// `authorizer`: loads the bundle and answers one request with the token (the verifier fetches
// the JWKS from TOKEN_ISSUER). `floor`: imports the JWK and checks the token's signature once.
'use strict';
const { createPublicKey, verify } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const [mode, dir] = process.argv.slice(2);
const token = readFileSync(path.join(dir, 'token.txt'), 'utf8');

async function main() {
  if (mode === 'floor') {
    const key = createPublicKey({ key: JSON.parse(readFileSync(path.join(dir, 'jwk.json'), 'utf8')), format: 'jwk' });
    const [header, payload, signature] = token.split('.');
    if (!verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url')))
      throw new Error('signature does not verify');
    return;
  }
  const { handler } = require(path.join(dir, 'index.js'));
  const result = await handler(
    {
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-west-1:123456789012:bench/bench/GET/appointments',
      headers: { Authorization: `Bearer ${token}` },
      multiValueHeaders: { Authorization: [`Bearer ${token}`] },
      requestContext: { requestId: 'token-cold-probe' },
    },
    { awsRequestId: 'token-cold-probe', functionName: 'authorize-request', getRemainingTimeInMillis: () => 10000 },
  );
  if (result.policyDocument.Statement[0].Effect !== 'Allow') throw new Error('the token was not allowed');
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  },
);
