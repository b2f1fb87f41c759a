/**
 * The token authorizer as synthesized: on every method with the API key, invoked only by this
 * API's authorizer, configured with the user pool as issuer and its app client as audience, and
 * answering 401 for refused tokens but never for its own failures.
 */
import { DEFAULT_ENVIRONMENTS } from '../../config/environments';
import { referencedId, resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

let prod: SynthJson;
let dev: SynthJson;
beforeAll(() => {
  prod = synthServiceStack('prod');
  dev = synthServiceStack('dev');
});

const authorizerOf = (json: SynthJson) => {
  const found = resourcesOfType(json, 'aws_api_gateway_authorizer');
  expect(found).toHaveLength(1);
  return found[0];
};

test('a REQUEST authorizer on the Authorization header, its cache from configuration, calling authorize-request', () => {
  const [, authorizer] = authorizerOf(prod);
  expect(authorizer).toMatchObject({
    type: 'REQUEST',
    identity_source: 'method.request.header.Authorization',
    authorizer_result_ttl_in_seconds: DEFAULT_ENVIRONMENTS.prod.identity.authorizerCacheSeconds,
  });
  const functionId = referencedId(authorizer.authorizer_uri, 'aws_lambda_function');
  expect(prod.resource.aws_lambda_function[functionId].function_name).toBe('appointments-prod-authorize-request');
});

test('every method requires the API key and the token authorizer (CUSTOM)', () => {
  const [authorizerId] = authorizerOf(prod);
  const methods = resourcesOfType(prod, 'aws_api_gateway_method').map(([, m]) => m);
  expect(methods).toHaveLength(8);
  for (const method of methods) {
    expect(method).toMatchObject({ authorization: 'CUSTOM', api_key_required: true });
    expect(referencedId(method.authorizer_id, 'aws_api_gateway_authorizer')).toBe(authorizerId);
  }
});

test("only this API's authorizer may invoke the authorizer function", () => {
  const [authorizerId] = authorizerOf(prod);
  const permissions = resourcesOfType(prod, 'aws_lambda_permission')
    .map(([, p]) => p)
    .filter((p) => String(p.function_name).includes('authorize-request'));
  expect(permissions).toEqual([
    expect.objectContaining({
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      statement_id: 'AllowApiGatewayAuthorizer',
      source_arn: expect.stringMatching(
        new RegExp(
          `^\\$\\{aws_api_gateway_rest_api\\.[^.]+\\.execution_arn\\}/authorizers/\\$\\{aws_api_gateway_authorizer\\.${authorizerId}\\.id\\}$`,
        ),
      ),
    }),
  ]);
});

test('the authorizer function reads the issuer and audience of the user pool, and nothing else of the service', () => {
  const fn = resourcesOfType(dev, 'aws_lambda_function')
    .map(([, f]) => f)
    .find((f) => f.function_name === 'appointments-dev-authorize-request') as {
    environment: { variables: Record<string, string> };
  };
  const { TOKEN_ISSUER, TOKEN_AUDIENCE, ...rest } = fn.environment.variables;
  expect(TOKEN_ISSUER).toMatch(/^https:\/\/\$\{aws_cognito_user_pool\.[^.]+\.endpoint\}$/);
  expect(TOKEN_AUDIENCE).toMatch(/^\$\{aws_cognito_user_pool_client\.[^.]+\.id\}$/);
  expect(Object.keys(rest).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME']);
});

test('gateway responses: 401 UNAUTHENTICATED for a refused token; a failing authorizer is 503 or 500, never 401', () => {
  const byType = Object.fromEntries(
    resourcesOfType(prod, 'aws_api_gateway_gateway_response').map(([, r]) => [r.response_type, r]),
  );
  expect(byType.UNAUTHORIZED).toMatchObject({
    status_code: '401',
    response_templates: {
      'application/json':
        '{"error":{"code":"UNAUTHENTICATED","message":"A valid ID token is required (Authorization: Bearer <token>)"}}',
    },
  });
  expect(byType.ACCESS_DENIED).toMatchObject({ status_code: '403' });
  expect(byType.AUTHORIZER_FAILURE).toMatchObject({
    status_code: '503',
    response_parameters: {
      'gatewayresponse.header.Content-Type': "'application/json'",
      'gatewayresponse.header.Retry-After': "'1'",
    },
  });
  expect(
    JSON.parse(byType.AUTHORIZER_FAILURE.response_templates['application/json'].replace('$context.requestId', 'r')),
  ).toEqual({
    error: {
      code: 'SERVICE_UNAVAILABLE',
      message: 'The caller could not be verified just now; retry later',
      requestId: 'r',
    },
  });
  expect(byType.AUTHORIZER_CONFIGURATION_ERROR).toMatchObject({ status_code: '500' });
});

test('the deployment waits for the authorizer', () => {
  const [authorizerId] = authorizerOf(prod);
  const [[, deployment]] = resourcesOfType(prod, 'aws_api_gateway_deployment');
  expect(deployment.depends_on).toContain(`aws_api_gateway_authorizer.${authorizerId}`);
});

test('the authorizer gets a throttle alarm but no error alarm (its errors are refused tokens)', () => {
  const alarms = resourcesOfType(prod, 'aws_cloudwatch_metric_alarm').map(([, a]) => a.alarm_name);
  expect(alarms).toContain('appointments-prod-authorize-request-throttles');
  expect(alarms).not.toContain('appointments-prod-authorize-request-errors');
  expect(alarms).toContain('appointments-prod-create-appointment-errors');
});
