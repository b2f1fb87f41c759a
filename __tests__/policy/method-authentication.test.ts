/**
 * APIGW-METHOD-AUTHENTICATION: a method without both a token authorizer and api_key_required
 * fails synthesis, each missing part named; a method with both synthesizes.
 */
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { ApiGatewayMethod, ApiGatewayMethodConfig } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { methodAuthentication } from '../../policy/rules/method-authentication';
import { AppStack } from '../../stacks/app-stack';

type MethodSettings = Pick<ApiGatewayMethodConfig, 'authorization' | 'apiKeyRequired'> & { withAuthorizer: boolean };

/** Synthesizes one method as `cdktf synth` does: in a stack of this app, written to a directory. */
function synthesizeMethod(settings: MethodSettings): void {
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'method-auth-test-')) });
  const stack = new AppStack(app, 'method-test');
  new AwsProvider(stack, 'aws', { region: 'us-west-1' });
  const api = new ApiGatewayRestApi(stack, 'Api', { name: 'api', lifecycle: { createBeforeDestroy: true } });
  const authorizer = new ApiGatewayAuthorizer(stack, 'Tokens', {
    name: 'id-token',
    restApiId: api.id,
    type: 'REQUEST',
    authorizerUri: 'arn:aws:apigateway:us-west-1:lambda:path/functions/f/invocations',
  });
  new ApiGatewayMethod(stack, 'Get', {
    restApiId: api.id,
    resourceId: api.rootResourceId,
    httpMethod: 'GET',
    authorization: settings.authorization,
    authorizerId: settings.withAuthorizer ? authorizer.id : undefined,
    apiKeyRequired: settings.apiKeyRequired,
  });
  app.synth();
}

const error = (problem: string) =>
  `[APIGW-METHOD-AUTHENTICATION] method-test/Get: ${problem}. Fix: ${methodAuthentication.fix}.`;

describe('a method of the API', () => {
  test('with a CUSTOM authorizer and an API key synthesizes', () => {
    expect(() =>
      synthesizeMethod({ authorization: 'CUSTOM', withAuthorizer: true, apiKeyRequired: true }),
    ).not.toThrow();
  });

  test('with a Cognito user pools authorizer and an API key synthesizes', () => {
    expect(() =>
      synthesizeMethod({ authorization: 'COGNITO_USER_POOLS', withAuthorizer: true, apiKeyRequired: true }),
    ).not.toThrow();
  });

  test('without an authorizer (NONE) fails synthesis though it requires an API key', () => {
    expect(() => synthesizeMethod({ authorization: 'NONE', withAuthorizer: false, apiKeyRequired: true })).toThrow(
      error('method GET has authorization NONE, not a token authorizer'),
    );
  });

  test('with CUSTOM but no authorizer id fails synthesis', () => {
    expect(() => synthesizeMethod({ authorization: 'CUSTOM', withAuthorizer: false, apiKeyRequired: true })).toThrow(
      error('method GET has authorization CUSTOM but names no authorizer'),
    );
  });

  test('with an authorizer but no API key fails synthesis', () => {
    expect(() => synthesizeMethod({ authorization: 'CUSTOM', withAuthorizer: true, apiKeyRequired: false })).toThrow(
      error('method GET does not require an API key'),
    );
  });

  test('with neither reports both problems', () => {
    expect(methodAuthentication.check({ http_method: 'DELETE', authorization: 'NONE' })).toEqual([
      'method DELETE has authorization NONE, not a token authorizer',
      'method DELETE does not require an API key',
    ]);
  });
});
