import { PolicyRule } from '../rule';

/** No method of the API answers without an API key. */
export const apiKeyRequired: PolicyRule = {
  id: 'APIGW-API-KEY-REQUIRED',
  terraformType: 'aws_api_gateway_method',
  fix: 'set api_key_required = true on the method',
  check: (config) =>
    config.api_key_required === true ? [] : [`method ${String(config.http_method)} does not require an API key`],
};
