import { PolicyRule } from '../rule';

/** Topics, queues and tables are encrypted with a customer-managed KMS key. */
export const encryptedTopics: PolicyRule = {
  id: 'SNS-CMK-ENCRYPTION',
  terraformType: 'aws_sns_topic',
  fix: 'set kms_master_key_id to the messaging key',
  check: (config) => (config.kms_master_key_id ? [] : ['topic is not encrypted with a customer-managed key']),
};

export const encryptedQueues: PolicyRule = {
  id: 'SQS-CMK-ENCRYPTION',
  terraformType: 'aws_sqs_queue',
  fix: 'set kms_master_key_id to the messaging key',
  check: (config) => (config.kms_master_key_id ? [] : ['queue is not encrypted with a customer-managed key']),
};

export const encryptedTables: PolicyRule = {
  id: 'DYNAMODB-CMK-ENCRYPTION',
  terraformType: 'aws_dynamodb_table',
  fix: 'set server_side_encryption { enabled = true, kms_key_arn = <data key> }',
  check(config) {
    const sse = config.server_side_encryption as { enabled?: boolean; kms_key_arn?: string } | undefined;
    return sse?.enabled && sse.kms_key_arn ? [] : ['table is not encrypted with a customer-managed key'];
  },
};
