/**
 * The one verification of an ID token, for the deployed authorizer (the user pool's issuer) and
 * for `npm run dev` (the local issuer): signature (RS256 only), issuer, audience, expiry and
 * not-before with at most 5 s of leeway, `token_use = id`, then the claims as a CallerIdentity.
 *
 * aws-jwt-verify's generic JwtVerifier does the JOSE work (it is what 5.x calls JwtRsaVerifier,
 * now a deprecated alias). It fetches the JWKS from `<issuer>/.well-known/jwks.json` over HTTPS
 * on the first token and again when a token names an unknown key id (one immediate retry, then
 * no new fetch for that URI for 10 s), so a stream of forged key ids costs one fetch per 10 s.
 */
import {
  FetchError,
  JwksValidationError,
  JwtBaseError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import { CallerIdentity, identityFromClaims } from './caller-identity';
import { InvalidTokenError, SigningKeysUnavailableError } from './invalid-token';

/** The contract's clock leeway on `exp` and `nbf`. */
export const CLOCK_LEEWAY_SECONDS = 5;
/** The only signature algorithm accepted (what Cognito signs ID tokens with). */
export const SIGNATURE_ALGORITHM = 'RS256';
/** Longer tokens are refused unread; Cognito's ID tokens are 1-2 KB. */
export const MAX_TOKEN_LENGTH = 8 * 1024;

export interface IdTokenVerifierProps {
  /** The `iss` a token must carry: `https://cognito-idp.<region>.amazonaws.com/<poolId>`, or the local server's URL. */
  readonly issuer: string;
  /** The `aud` a token must carry: the user pool's app client id. */
  readonly audience: string;
  /** Keys known up front, so the first token needs no fetch. @default fetched on the first token */
  readonly jwks?: Jwks;
  /** How the JWKS is fetched. @default aws-jwt-verify's HTTPS fetcher (1.5 s idle, 3 s response, one retry) */
  readonly fetcher?: Fetcher;
}

export interface IdTokenVerifier {
  /** The JWKS URI the keys come from: `<issuer>/.well-known/jwks.json`. */
  readonly jwksUri: string;
  /**
   * The caller a token proves. Rejects with InvalidTokenError for any token that does not, and
   * with SigningKeysUnavailableError when the keys cannot be fetched (never a 401).
   */
  verify(token: string): Promise<CallerIdentity>;
}

export function createIdTokenVerifier(props: IdTokenVerifierProps): IdTokenVerifier {
  const jwksUri = `${props.issuer}/.well-known/jwks.json`;
  const verifier = JwtVerifier.create(
    {
      issuer: props.issuer,
      audience: props.audience,
      jwksUri,
      graceSeconds: CLOCK_LEEWAY_SECONDS,
      customJwtCheck: ({ payload }) => {
        // aws-jwt-verify checks `exp` only when present; an ID token without one is not valid.
        if (typeof payload.exp !== 'number') throw new InvalidTokenError('token: no exp claim');
        if (payload.token_use !== 'id') throw new InvalidTokenError('token: token_use is not id');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: props.fetcher }) },
  );
  if (props.jwks) verifier.cacheJwks(props.jwks);

  return {
    jwksUri,
    async verify(token) {
      if (typeof token !== 'string' || token.length === 0) throw new InvalidTokenError('no token');
      if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError(`token longer than ${MAX_TOKEN_LENGTH} chars`);
      let payload: Record<string, unknown>;
      try {
        // Refused before any key lookup: an algorithm other than RS256 can never verify here,
        // so it must not cost a JWKS fetch either.
        const alg = headerAlgorithm(token);
        if (alg !== SIGNATURE_ALGORITHM) throw new InvalidTokenError(`token: alg ${String(alg).slice(0, 20)}`);
        payload = await verifier.verify(token);
      } catch (error) {
        throw classify(error);
      }
      return identityFromClaims(payload);
    },
  };
}

/**
 * The `alg` of a token's header, read without aws-jwt-verify's decomposition (it parses header
 * and payload with a reviver, and runs anyway on whatever passes this check).
 */
function headerAlgorithm(token: string): unknown {
  const dot = token.indexOf('.');
  if (dot < 1) throw new InvalidTokenError('token: malformed: no header');
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null ? (header as { alg?: unknown }).alg : undefined;
  } catch {
    throw new InvalidTokenError('token: malformed: the header is not JSON');
  }
}

/** aws-jwt-verify's errors by the check that failed (their class names do not survive minifying). */
const FAILED_CHECKS: readonly [abstract new (...args: never[]) => JwtBaseError, string][] = [
  [JwtParseError, 'malformed'],
  [JwtInvalidSignatureError, 'signature mismatch'],
  [JwtInvalidSignatureAlgorithmError, 'algorithm not the key'],
  [JwtExpiredError, 'expired'],
  [JwtNotBeforeError, 'not yet valid'],
  [JwtInvalidIssuerError, 'wrong issuer'],
  [JwtInvalidAudienceError, 'wrong audience'],
  [JwtWithoutValidKidError, 'no key id'],
  [KidNotFoundInJwksError, 'unknown key id'],
  [WaitPeriodNotYetEndedJwkError, 'unknown key id (fetches paused)'],
];

/** A failure as the caller's (InvalidTokenError) or the key source's; anything else is a bug and stays as is. */
function classify(error: unknown): unknown {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof FetchError || error instanceof JwksValidationError)
    return new SigningKeysUnavailableError(error);
  if (!(error instanceof JwtBaseError)) return error;
  const check = FAILED_CHECKS.find(([type]) => error instanceof type)?.[1] ?? 'refused';
  return new InvalidTokenError(`token: ${check}: ${error.message}`);
}

/**
 * The bearer token of a request's headers (either map of an API Gateway event), or
 * InvalidTokenError: the `Authorization` header must be sent exactly once, as `Bearer <token>`.
 */
export function bearerToken(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null,
): string {
  const values = [
    ...Object.entries(multiValueHeaders ?? {})
      .filter(([name]) => name.toLowerCase() === 'authorization')
      .flatMap(([, list]) => list ?? []),
  ];
  if (values.length === 0)
    values.push(
      ...Object.entries(headers ?? {})
        .filter(([name, value]) => name.toLowerCase() === 'authorization' && value !== undefined)
        .map(([, value]) => value as string),
    );
  if (values.length === 0) throw new InvalidTokenError('no Authorization header');
  if (values.length > 1) throw new InvalidTokenError('several Authorization headers');
  const match = /^Bearer +(\S+) *$/i.exec(values[0]);
  if (!match) throw new InvalidTokenError('Authorization is not "Bearer <token>"');
  return match[1];
}
