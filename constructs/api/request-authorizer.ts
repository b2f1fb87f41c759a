import { Construct } from 'constructs';
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { ServiceFunction } from '../functions/service-function';

/** Where the caller's ID token is: `Authorization: Bearer <token>`. */
export const TOKEN_SOURCE = 'method.request.header.Authorization';

export interface RequestAuthorizerProps {
  /** The API whose methods the authorizer guards. */
  readonly api: ApiGatewayRestApi;
  /** The function that verifies the token (functions/authorize-request). */
  readonly handler: Pick<ServiceFunction, 'invokeArn' | 'function'>;
  /**
   * Seconds API Gateway keeps the authorizer's answer for one Authorization header (0 to 3600).
   * With a cache, a request without the header is refused (401) without calling the function.
   */
  readonly resultCacheSeconds: number;
}

/**
 * A Lambda REQUEST authorizer on the Authorization header, rather than API Gateway's Cognito
 * authorizer: the contract accepts ID tokens only (`token_use = id`), with exactly one role group
 * and a valid tenant, and the local server must refuse exactly what the deployed API refuses, so
 * both run the one verification module (src/identity). Only this API's authorizer may invoke it.
 */
export class RequestAuthorizer extends Construct {
  readonly authorizer: ApiGatewayAuthorizer;
  readonly permission: LambdaPermission;

  constructor(scope: Construct, id: string, props: RequestAuthorizerProps) {
    super(scope, id);
    const cache = props.resultCacheSeconds;
    if (!Number.isInteger(cache) || cache < 0 || cache > 3600) {
      throw new Error(`The authorizer's result cache of ${cache} seconds is not a whole number from 0 to 3600`);
    }
    this.authorizer = new ApiGatewayAuthorizer(this, 'Authorizer', {
      name: 'id-token',
      restApiId: props.api.id,
      type: 'REQUEST',
      authorizerUri: props.handler.invokeArn,
      identitySource: TOKEN_SOURCE,
      authorizerResultTtlInSeconds: cache,
    });
    this.permission = new LambdaPermission(this, 'Invoke', {
      statementId: 'AllowApiGatewayAuthorizer',
      action: 'lambda:InvokeFunction',
      functionName: props.handler.function.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${props.api.executionArn}/authorizers/${this.authorizer.id}`,
    });
  }

  get id(): string {
    return this.authorizer.id;
  }
}
