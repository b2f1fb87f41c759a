import { protectedAddresses, retentionChange } from '../../scripts/rehearse/lifecycle-steps';

describe('choosing what the rehearsal changes and expects refused', () => {
  test('the retention changed is that of a log group no data source reads, to the next accepted value', () => {
    const stack = {
      resource: {
        aws_cloudwatch_log_group: {
          A_FunctionLogs: { retention_in_days: 14 },
          B_AccessLogs: { retention_in_days: 14 },
        },
      },
      data: {
        aws_iam_policy_document: {
          Role: { statement: [{ resources: ['${aws_cloudwatch_log_group.A_FunctionLogs.arn}'] }] },
        },
      },
    };
    expect(retentionChange(stack)).toEqual({ address: 'aws_cloudwatch_log_group.B_AccessLogs', from: 14, to: 30 });
  });

  test('a stack whose every log group is read by a data source has nothing to change', () => {
    const stack = {
      resource: { aws_cloudwatch_log_group: { A: { retention_in_days: 14 } } },
      data: { aws_iam_policy_document: { P: { x: '${aws_cloudwatch_log_group.A.arn}' } } },
    };
    expect(() => retentionChange(stack)).toThrow('no log group that no data source reads');
  });

  test('the protected resources are exactly those with prevent_destroy true', () => {
    const stack = {
      resource: {
        aws_kms_key: {
          Data: { lifecycle: { prevent_destroy: true } },
          Scratch: { lifecycle: { prevent_destroy: false } },
        },
        aws_dynamodb_table: { Table: { lifecycle: { prevent_destroy: true } } },
        aws_sqs_queue: { Queue: {} },
      },
    };
    expect(protectedAddresses(stack)).toEqual(['aws_dynamodb_table.Table', 'aws_kms_key.Data']);
  });
});
