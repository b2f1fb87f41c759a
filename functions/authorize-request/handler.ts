/**
 * The REST API's Lambda REQUEST authorizer (see src/identity/request-authorizer.ts): verifies
 * the `Authorization: Bearer` ID token against TOKEN_ISSUER (the user pool) and TOKEN_AUDIENCE
 * (its app client) and hands the caller's identity to the handlers as the authorizer context.
 */
import { ENV, requiredEnvironment } from '../../src/environment';
import { createIdTokenVerifier, IdTokenVerifier } from '../../src/identity/id-token-verifier';
import { createRequestAuthorizer } from '../../src/identity/request-authorizer';
import { createTelemetry } from '../../src/observability';

let verifier: IdTokenVerifier | undefined;
const verifierOnce = () =>
  (verifier ??= createIdTokenVerifier({
    issuer: requiredEnvironment(ENV.tokenIssuer),
    audience: requiredEnvironment(ENV.tokenAudience),
  }));

export const handler = createRequestAuthorizer(
  verifierOnce,
  createTelemetry('appointments', { operation: 'authorize-request' }),
);
