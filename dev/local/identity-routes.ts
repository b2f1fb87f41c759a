/**
 * The local server's identity: its own routes (`GET /.well-known/jwks.json`, `POST /dev/tokens`)
 * and, for every contract route, what the deployed Lambda authorizer does: the bearer token
 * verified by src/identity, a 401 in the contract's shape when it fails, and otherwise the
 * `requestContext.authorizer` object API Gateway hands the handlers.
 */
import { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { toAuthorizerContext } from '../../src/identity/authorizer-context';
import { bearerToken } from '../../src/identity/id-token-verifier';
import { InvalidTokenError, unauthenticatedResponse } from '../../src/identity/invalid-token';
import { jsonResponse } from '../../src/http/responses';
import { LocalIssuer } from './local-issuer';
import { readTokenRequest } from './token-requests';

export const JWKS_PATH = '/.well-known/jwks.json';
export const TOKENS_PATH = '/dev/tokens';

type Authorizer = NonNullable<APIGatewayProxyEvent['requestContext']['authorizer']>;

/** Either the authorizer object of the proxy event, or the 401 to answer instead. */
export type Authentication =
  | { readonly authorizer: Authorizer; readonly refused?: undefined }
  | { readonly refused: APIGatewayProxyResult; readonly reason: string };

/**
 * The deployed authorizer's outcome for these request headers. Keys that cannot be fetched
 * reject (the local server's 500), as the deployed authorizer's failure answers 500.
 */
export async function authenticate(
  issuer: LocalIssuer,
  multiValueHeaders: Record<string, string[]>,
): Promise<Authentication> {
  const startedAt = Date.now();
  try {
    const identity = await issuer.verifier.verify(bearerToken(null, multiValueHeaders));
    return {
      authorizer: {
        ...toAuthorizerContext(identity),
        principalId: identity.subject,
        integrationLatency: Date.now() - startedAt,
      },
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { refused: unauthenticatedResponse(), reason: error.reason };
    throw error;
  }
}

export const jwksResponse = (issuer: LocalIssuer) => jsonResponse(200, issuer.jwks);

/** `POST /dev/tokens` with this body (already within the size limit). */
export function tokenResponse(issuer: LocalIssuer, body: string | null): APIGatewayProxyResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return invalid([{ path: 'body', message: 'must be a JSON object' }]);
  }
  const result = readTokenRequest(parsed);
  if (!result.ok) return invalid(result.details);
  return jsonResponse(201, issuer.issue(result.request));
}

const invalid = (details: readonly { path: string; message: string }[]) =>
  jsonResponse(400, { error: { code: 'VALIDATION_ERROR', message: 'The token request is not valid.', details } });
