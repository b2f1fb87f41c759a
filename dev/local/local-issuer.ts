/**
 * `npm run dev`'s identity provider: an RSA key pair made at start, its public half as the JWKS
 * the server publishes, and ID tokens with the claims a Cognito user pool puts in its own
 * (`token_use`, `cognito:groups`, `custom:*`), signed RS256. Tokens are verified by the same
 * module the deployed authorizer runs (src/identity), with this issuer and audience.
 */
import { createPublicKey, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { Role } from '../../src/identity/caller-identity';
import { createIdTokenVerifier, IdTokenVerifier, SIGNATURE_ALGORITHM } from '../../src/identity/id-token-verifier';
import { httpJwksFetcher } from './http-jwks-fetcher';

/** The audience of every local token: the local stand-in for the user pool's app client id. */
export const LOCAL_APP_CLIENT_ID = 'appointments-local-client';
/** `expiresInSeconds` when a token request names none. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** A token request, already validated (./token-requests). */
export interface LocalTokenRequest {
  readonly tenantId: string;
  readonly role: Role;
  readonly subject: string;
  /** For role provider only. */
  readonly providerId?: string;
  /** For role customer only. @default the subject (as the verifier reads it) */
  readonly customerId?: string;
  /** @default DEFAULT_TOKEN_LIFETIME_SECONDS */
  readonly expiresInSeconds?: number;
}

export interface IssuedToken {
  readonly token: string;
  /** RFC 3339, UTC, whole seconds. */
  readonly expiresAt: string;
}

export interface LocalIssuer {
  /** The `iss` of its tokens: the server's base URL. */
  readonly issuer: string;
  readonly audience: string;
  /** What `GET /.well-known/jwks.json` answers. */
  readonly jwks: Jwks;
  /** The one verifier (src/identity) for this issuer. */
  readonly verifier: IdTokenVerifier;
  issue(request: LocalTokenRequest, now?: Date): IssuedToken;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 JWT of `claims` under `header` (exported for tests that forge variants). */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** An RSA private key and the key id its tokens name. */
export interface LocalSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

export interface LocalIssuerOptions {
  /** The `iss` of its tokens. */
  readonly issuer: string;
  /** @default LOCAL_APP_CLIENT_ID */
  readonly audience?: string;
  /** @default a new 2048-bit RSA key with a random kid */
  readonly signingKey?: LocalSigningKey;
}

export function createLocalIssuer(options: LocalIssuerOptions): LocalIssuer {
  const { kid, privateKey } = options.signingKey ?? {
    kid: randomBytes(12).toString('base64url'),
    privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
  };
  const publicKey = createPublicKey(privateKey);
  const jwks = {
    keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: SIGNATURE_ALGORITHM, use: 'sig' }],
  } as Jwks;
  const audience = options.audience ?? LOCAL_APP_CLIENT_ID;
  const verifier = createIdTokenVerifier({ issuer: options.issuer, audience, jwks, fetcher: httpJwksFetcher });

  return {
    issuer: options.issuer,
    audience,
    jwks,
    verifier,
    issue(request, now = new Date()) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = issuedAt + (request.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS);
      const claims = {
        iss: options.issuer,
        aud: audience,
        sub: request.subject,
        token_use: 'id',
        auth_time: issuedAt,
        iat: issuedAt,
        exp: expiresAt,
        'cognito:groups': [request.role],
        'custom:tenant_id': request.tenantId,
        ...(request.providerId === undefined ? {} : { 'custom:provider_id': request.providerId }),
        ...(request.customerId === undefined ? {} : { 'custom:customer_id': request.customerId }),
      };
      return {
        token: signJwt({ alg: SIGNATURE_ALGORITHM, typ: 'JWT', kid }, claims, privateKey),
        expiresAt: new Date(expiresAt * 1000).toISOString().replace('.000Z', 'Z'),
      };
    },
  };
}
