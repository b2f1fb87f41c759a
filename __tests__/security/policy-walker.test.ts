/**
 * The walker behind the policy table: it reads policies whichever way they are written, keeps
 * every part of a statement, and refuses what it cannot see rather than leave it out.
 */
import { lineDiff } from '../../scripts/policy-table/expected';
import { policyTableOf, StackJson } from '../../scripts/policy-table/walk';

const meta = (path: string) => ({ '//': { metadata: { path: `stack/${path}` } } });
const statement = {
  sid: 'ReadOwnQueue',
  effect: 'Allow',
  actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
  resources: ['${aws_sqs_queue.Q_1.arn}'],
  principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
  condition: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: ['${aws_sns_topic.T_2.arn}'] }],
};
const stackWith = (policy: string, extra: Partial<StackJson> = {}): StackJson => ({
  resource: {
    aws_sqs_queue: { Q_1: { ...meta('Queue/Queue'), name: 'q' } },
    aws_sns_topic: { T_2: { ...meta('Topic/Topic'), name: 't' } },
    aws_sqs_queue_policy: { P_3: { ...meta('Queue/Policy'), queue_url: '${aws_sqs_queue.Q_1.url}', policy } },
    ...extra.resource,
  },
  data: { aws_iam_policy_document: { D_4: { ...meta('Queue/Document'), statement: [statement] } }, ...extra.data },
});
const documentReference = '${data.aws_iam_policy_document.D_4.json}';

const expectedStatement = {
  sid: 'ReadOwnQueue',
  effect: 'Allow',
  actions: ['sqs:GetQueueUrl', 'sqs:SendMessage'],
  resources: ['${aws_sqs_queue.Queue/Queue.arn}'],
  principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
  conditions: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: ['${aws_sns_topic.Topic/Topic.arn}'] }],
};

describe('policy table walker', () => {
  test('reads a policy document data source whole, conditions and principals included', () => {
    expect(policyTableOf(stackWith(documentReference))).toEqual({
      'aws_sqs_queue_policy Queue/Policy': {
        policy: [expectedStatement],
        queue_url: '${aws_sqs_queue.Queue/Queue.url}',
      },
    });
  });

  test('reads an IAM JSON string to the same statements as the equivalent document', () => {
    const json = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOwnQueue',
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
          Resource: '${aws_sqs_queue.Q_1.arn}',
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnLike: { 'aws:SourceArn': '${aws_sns_topic.T_2.arn}' } },
        },
      ],
    });
    const stack = stackWith(json);
    delete stack.data!.aws_iam_policy_document;
    expect(policyTableOf(stack)['aws_sqs_queue_policy Queue/Policy'].policy).toEqual([expectedStatement]);
  });

  test('fails on a resource type it does not know, naming where to declare it', () => {
    const stack = stackWith(documentReference, { resource: { aws_iam_user_policy: { U: { policy: '{}' } } } });
    expect(() => policyTableOf(stack)).toThrow(
      'aws_iam_user_policy is a resource type the policy table does not know: add it to GRANTING_RESOURCE_TYPES ' +
        '(with the attributes that grant) or GRANTS_NOTHING (with why) in scripts/policy-table/resource-types.ts',
    );
  });

  test('fails on a data source it does not know', () => {
    const stack = stackWith(documentReference, { data: { aws_iam_role: { R: {} } } });
    expect(() => policyTableOf(stack)).toThrow(
      'data source aws_iam_role is not known to the policy table (scripts/policy-table/resource-types.ts)',
    );
  });

  test('fails on a policy held in an attribute it does not read', () => {
    const stack = stackWith(documentReference, {
      resource: { aws_sns_topic: { T_2: { ...meta('Topic/Topic'), delivery_policy: documentReference } } },
    });
    expect(() => policyTableOf(stack)).toThrow(
      'aws_sns_topic Topic/Topic delivery_policy holds a policy the table does not read: list it in resource-types.ts',
    );
  });

  test('fails on a policy document nothing it reads refers to', () => {
    const stack = stackWith(JSON.stringify({ Statement: [] }));
    expect(() => policyTableOf(stack)).toThrow('policy documents no granting attribute reads: D_4');
  });

  test('fails on a statement attribute it does not read, rather than drop it', () => {
    const stack = stackWith(documentReference);
    (stack.data!.aws_iam_policy_document.D_4.statement as object[])[0] = { ...statement, not_condition: [] };
    expect(() => policyTableOf(stack)).toThrow(
      'aws_sqs_queue_policy Queue/Policy policy statement ReadOwnQueue: the policy table does not read not_condition',
    );
  });

  test('fails on a policy it cannot parse', () => {
    expect(() => policyTableOf(stackWith('${jsonencode(local.policy)}'))).toThrow(
      'aws_sqs_queue_policy Queue/Policy policy: cannot read the policy ${jsonencode(local.policy)}',
    );
  });
});

describe('table diff', () => {
  test('shows a removed condition line with its context', () => {
    const before = ['{', '  "a": 1,', '  "condition": "x",', '  "b": 2', '}'].join('\n');
    const after = ['{', '  "a": 1,', '  "b": 2', '}'].join('\n');
    expect(lineDiff(before, after)).toBe(
      ['@@ line 1 @@', '  {', '    "a": 1,', '-   "condition": "x",', '    "b": 2', '  }'].join('\n'),
    );
  });

  test('heads each change with the table entry it falls in', () => {
    const entry = (conditions: string) => [
      '{',
      '  "aws_iam_role Api/Role": {',
      '    "a": 1,',
      '    "b": 2,',
      '    "c": 3,',
      '    "d": 4,',
      conditions,
      '  }',
      '}',
    ];
    const diff = lineDiff(entry('    "conditions": [1]').join('\n'), entry('    "conditions": []').join('\n'));
    expect(diff.split('\n')[0]).toBe('@@ line 4 in "aws_iam_role Api/Role" @@');
  });
});
