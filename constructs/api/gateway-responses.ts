import { Construct } from 'constructs';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { GATEWAY_ANSWERS, GatewayAnswer } from '../../src/contract/gateway-answers';

export interface GatewayResponsesProps {
  /** Id of the REST API whose own answers are rewritten. */
  readonly restApiId: string;
}

/** One `aws_api_gateway_gateway_response` per entry of `GATEWAY_ANSWERS` (the contract's, src/contract). */
export class GatewayResponses extends Construct {
  readonly responses: ApiGatewayGatewayResponse[] = [];

  constructor(scope: Construct, id: string, props: GatewayResponsesProps) {
    super(scope, id);
    for (const [type, r] of Object.entries<GatewayAnswer>(GATEWAY_ANSWERS)) {
      const requestId = r.requestId ? ',"requestId":"$context.requestId"' : '';
      this.responses.push(
        new ApiGatewayGatewayResponse(this, type, {
          restApiId: props.restApiId,
          responseType: type,
          statusCode: r.status,
          responseTemplates: {
            'application/json': `{"error":{"code":"${r.code}","message":"${r.message}"${requestId}}}`,
          },
          responseParameters: {
            'gatewayresponse.header.Content-Type': "'application/json'",
            ...(r.retryAfterSeconds === undefined
              ? {}
              : { 'gatewayresponse.header.Retry-After': `'${r.retryAfterSeconds}'` }),
          },
        }),
      );
    }
  }
}
