import { Construct } from 'constructs';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';

/**
 * The answers API Gateway gives itself, before any function runs, rewritten into the contract's
 * error shape. A missing or wrong API key keeps API Gateway's own `403 {"message":"Forbidden"}`,
 * which is what the contract promises.
 */
export const GATEWAY_RESPONSES: Record<string, { status: string; code: string; message: string; requestId?: boolean }> =
  {
    BAD_REQUEST_BODY: {
      status: '400',
      code: 'VALIDATION_ERROR',
      message: 'The request body does not match the schema of this operation (see /openapi.json)',
    },
    BAD_REQUEST_PARAMETERS: {
      status: '400',
      code: 'VALIDATION_ERROR',
      message: 'A required request parameter is missing',
    },
    // An unknown path or method: API Gateway would say 403 "Missing Authentication Token".
    MISSING_AUTHENTICATION_TOKEN: { status: '404', code: 'NOT_FOUND', message: 'No such resource or method' },
    THROTTLED: { status: '429', code: 'THROTTLED', message: 'Too many requests; retry later' },
    QUOTA_EXCEEDED: {
      status: '429',
      code: 'QUOTA_EXCEEDED',
      message: 'The daily request quota of this API key is used up',
    },
    REQUEST_TOO_LARGE: { status: '413', code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
    DEFAULT_5XX: { status: '500', code: 'INTERNAL', message: 'Internal error', requestId: true },
  };

export interface GatewayResponsesProps {
  /** Id of the REST API whose own answers are rewritten. */
  readonly restApiId: string;
}

/** One `aws_api_gateway_gateway_response` per entry of `GATEWAY_RESPONSES`. */
export class GatewayResponses extends Construct {
  readonly responses: ApiGatewayGatewayResponse[] = [];

  constructor(scope: Construct, id: string, props: GatewayResponsesProps) {
    super(scope, id);
    for (const [type, r] of Object.entries(GATEWAY_RESPONSES)) {
      const requestId = r.requestId ? ',"requestId":"$context.requestId"' : '';
      this.responses.push(
        new ApiGatewayGatewayResponse(this, type, {
          restApiId: props.restApiId,
          responseType: type,
          statusCode: r.status,
          responseTemplates: {
            'application/json': `{"error":{"code":"${r.code}","message":"${r.message}"${requestId}}}`,
          },
          responseParameters: { 'gatewayresponse.header.Content-Type': "'application/json'" },
        }),
      );
    }
  }
}
