/**
 * The two ways identity can fail. A request whose token does not prove who is calling is the
 * caller's fault and answers 401; keys that cannot be fetched are the identity provider's (or
 * the network's) fault and must not look like a bad token, so they stay an error (500).
 */
import { APIGatewayProxyResult } from 'aws-lambda';
import { jsonResponse } from '../http/responses';

/** What a refused caller is told; the same words whichever check failed (no hint for a forger). */
export const UNAUTHENTICATED_MESSAGE = 'A valid ID token is required: send Authorization: Bearer <token>.';

/** The contract's 401 body; the deployed API's gateway response answers the same. */
export const UNAUTHENTICATED_BODY = {
  error: { code: 'UNAUTHENTICATED', message: UNAUTHENTICATED_MESSAGE },
} as const;

/** Longest reason kept for the logs: a reason may quote a claim, and claims are the caller's text. */
const MAX_REASON_LENGTH = 200;

/**
 * The one error of a token that does not identify a caller: missing, malformed, badly signed,
 * expired, for another issuer or audience, or with claims that make no valid identity. `reason`
 * is for the logs and never holds the token.
 */
export class InvalidTokenError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(UNAUTHENTICATED_MESSAGE);
    this.name = 'InvalidTokenError';
    this.reason = reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}...` : reason;
  }
}

/** The identity provider's signing keys could not be fetched or read; not the caller's fault. */
export class SigningKeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The identity provider signing keys could not be fetched', { cause });
    this.name = 'SigningKeysUnavailableError';
  }
}

/** The contract's 401 answer. */
export const unauthenticatedResponse = (): APIGatewayProxyResult => jsonResponse(401, UNAUTHENTICATED_BODY);
