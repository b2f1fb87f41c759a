import { PolicyRule } from '../rule';

/**
 * A function with environment variables encrypts them with a customer-managed key, whose policy
 * and grants say who can read them, not with Lambda's AWS-managed key (checkov CKV_AWS_173).
 */
export const lambdaEnvironmentEncryption: PolicyRule = {
  id: 'LAMBDA-ENVIRONMENT-CMK',
  terraformType: 'aws_lambda_function',
  fix: 'set kms_key_arn to the functions key (ServiceFunction does, from its environmentKey prop)',
  check(config) {
    const environment = config.environment as { variables?: Record<string, string> } | undefined;
    const hasVariables = Object.keys(environment?.variables ?? {}).length > 0;
    return !hasVariables || config.kms_key_arn
      ? []
      : ['function environment variables are not encrypted with a customer-managed key'];
  },
};
