import { PolicyRule } from '../rule';

/** Every log group keeps logs for a bounded time and encrypts them with a customer-managed key. */
export const logGroupRetentionAndEncryption: PolicyRule = {
  id: 'LOGS-RETENTION-AND-KMS',
  terraformType: 'aws_cloudwatch_log_group',
  fix: 'set retention_in_days from the environment configuration and kms_key_id to the logs key',
  check(config) {
    const problems: string[] = [];
    if (!config.retention_in_days) problems.push('log group has no retention (logs would be kept forever)');
    if (!config.kms_key_id) problems.push('log group is not encrypted with a customer-managed key');
    return problems;
  },
};
