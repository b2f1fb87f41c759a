import { PolicyRule } from '../rule';

/** Authorizer types that verify who calls: a Lambda authorizer or Cognito user pools. */
export const VERIFYING_AUTHORIZATIONS: readonly string[] = ['CUSTOM', 'COGNITO_USER_POOLS'];

/**
 * No method of the API answers without both the calling application's API key and a verified
 * caller: an authorizer that checks the caller's token. An API key names an application, not a
 * person, and anyone holding the app can read it.
 */
export const methodAuthentication: PolicyRule = {
  id: 'APIGW-METHOD-AUTHENTICATION',
  terraformType: 'aws_api_gateway_method',
  fix: 'set api_key_required = true and authorization = "CUSTOM" with the API\'s token authorizer (authorizer_id)',
  check(config) {
    const method = String(config.http_method);
    const problems: string[] = [];
    const authorization = String(config.authorization);
    if (!VERIFYING_AUTHORIZATIONS.includes(authorization)) {
      problems.push(`method ${method} has authorization ${authorization}, not a token authorizer`);
    } else if (typeof config.authorizer_id !== 'string' || config.authorizer_id === '') {
      problems.push(`method ${method} has authorization ${authorization} but names no authorizer`);
    }
    if (config.api_key_required !== true) problems.push(`method ${method} does not require an API key`);
    return problems;
  },
};
