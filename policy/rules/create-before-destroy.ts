import { PolicyRule } from '../rule';

/**
 * A REST API replaced by Terraform is created anew before the old one is destroyed, so clients
 * are never left without one (checkov CKV_AWS_237).
 */
export const restApiCreateBeforeDestroy: PolicyRule = {
  id: 'APIGW-CREATE-BEFORE-DESTROY',
  terraformType: 'aws_api_gateway_rest_api',
  fix: 'set lifecycle { create_before_destroy = true } on the REST API',
  check(config) {
    const lifecycle = config.lifecycle as { create_before_destroy?: boolean } | undefined;
    return lifecycle?.create_before_destroy === true
      ? []
      : [`REST API ${String(config.name)} would be destroyed before its replacement exists`];
  },
};
