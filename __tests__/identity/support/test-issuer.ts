/**
 * An identity provider for the tests: RSA keys with key ids, the JWKS of the trusted ones, and
 * tokens with Cognito's ID-token claims, plus the hostile variants (another key, `alg: none`,
 * HS256 keyed with the public key, tampered payloads) built byte by byte.
 */
import { createHmac, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { signJwt } from '../../../dev/local/local-issuer';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function newSigningKey(kid: string): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

export const jwksOf = (...keys: SigningKey[]): Jwks =>
  ({
    keys: keys.map((key) => ({ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' })),
  }) as Jwks;

export const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface TestIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly key: SigningKey;
  /** ID-token claims of a valid staff caller of tenant `clinic-a`, with `overrides` merged (undefined deletes). */
  claims(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** An RS256 token of `claims` under the trusted key, or `key`. */
  sign(claims: Record<string, unknown>, key?: SigningKey, header?: Record<string, unknown>): string;
}

export function testIssuer(issuer: string, audience: string, key: SigningKey): TestIssuer {
  return {
    issuer,
    audience,
    key,
    claims(overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        sub: 'u-staff-1',
        iss: issuer,
        aud: audience,
        token_use: 'id',
        auth_time: now,
        iat: now,
        exp: now + 3600,
        'cognito:groups': ['staff'],
        'custom:tenant_id': 'clinic-a',
        ...overrides,
      };
      for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete claims[name];
      return claims;
    },
    sign(claims, signer = key, header = {}) {
      return signJwt({ alg: 'RS256', typ: 'JWT', kid: signer.kid, ...header }, claims, signer.privateKey);
    },
  };
}

/** `alg: none`: a header and payload with an empty signature. */
export const unsignedToken = (kid: string, claims: Record<string, unknown>) =>
  `${base64urlJson({ alg: 'none', typ: 'JWT', kid })}.${base64urlJson(claims)}.`;

/** The classic confusion: HS256 keyed with the verifier's own public key (PEM), which anyone can fetch. */
export function hs256WithPublicKey(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${base64urlJson({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${base64urlJson(claims)}`;
  const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A validly signed token whose payload was replaced afterwards (the signature no longer matches). */
export function tampered(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64urlJson(claims)}.${signature}`;
}
