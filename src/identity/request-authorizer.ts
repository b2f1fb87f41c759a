/**
 * The Lambda REQUEST authorizer of the REST API: the bearer token verified by the one verifier,
 * then an Allow for the whole stage with the identity as context, or API Gateway's 401.
 *
 * - A refused token throws `Error('Unauthorized')`, the one error API Gateway turns into 401
 *   (its UNAUTHORIZED gateway response); the reason is logged, never the token.
 * - Keys that cannot be fetched (after aws-jwt-verify's one immediate retry) and any other
 *   failure are thrown as they are: API Gateway answers 500 (AUTHORIZER_FAILURE), so a Cognito
 *   outage never looks like a bad token and is never cached as one.
 * - The Allow covers every method of the stage, not only `methodArn`: API Gateway caches the
 *   result per token, and a policy for one method would refuse the same caller's next method.
 */
import { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { errorFields, Telemetry } from '../observability';
import { toAuthorizerContext } from './authorizer-context';
import { bearerToken, IdTokenVerifier } from './id-token-verifier';
import { InvalidTokenError } from './invalid-token';

export type RequestAuthorizerHandler = (
  event: APIGatewayRequestAuthorizerEvent,
  context?: Context,
) => Promise<APIGatewayAuthorizerResult>;

/** `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<method>/<path...>` */
const METHOD_ARN = /^arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\d{12}):([a-z0-9]+)\/([A-Za-z0-9_-]+)\/[A-Z]+\//;

/** Every method of the stage `methodArn` belongs to; throws (500) on an ARN API Gateway would not send. */
export function stageMethodsArn(methodArn: string): string {
  const match = METHOD_ARN.exec(methodArn);
  if (!match) throw new Error(`methodArn is not an execute-api method ARN: ${methodArn.slice(0, 200)}`);
  const [, partition, region, account, apiId, stage] = match;
  return `arn:${partition}:execute-api:${region}:${account}:${apiId}/${stage}/*/*`;
}

/**
 * The authorizer over a verifier built once per container (`verifier` is a function so that a
 * missing TOKEN_ISSUER is a logged failure of the first request, not a crashed init).
 */
export function createRequestAuthorizer(
  verifier: () => IdTokenVerifier,
  telemetry: Telemetry,
): RequestAuthorizerHandler {
  const { logger } = telemetry;
  return async (event, context) => {
    if (context) logger.addContext(context);
    const requestId = event.requestContext?.requestId;
    try {
      const resource = stageMethodsArn(event.methodArn);
      const identity = await verifier().verify(bearerToken(event.headers, event.multiValueHeaders));
      telemetry.count('TokenAccepted');
      return {
        principalId: identity.subject,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource }],
        },
        context: { ...toAuthorizerContext(identity) },
      };
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        telemetry.count('TokenRefused');
        logger.warn('token refused', { requestId, reason: error.reason });
        throw new Error('Unauthorized');
      }
      telemetry.count('AuthorizerFailed');
      logger.error('authorizer failed', { requestId, ...errorFields(error) });
      throw error;
    } finally {
      telemetry.publish();
    }
  };
}
