import { EmulatorGap } from '../../scripts/rehearse/gaps';
import { changedAttributes, describeChanges, PlanJson, reviewPlan } from '../../scripts/rehearse/plan-diff';

const loggingGap: EmulatorGap = {
  id: 'logging',
  kind: 'plan-drift',
  moto: 'moto drops LoggingConfig',
  resourceType: 'aws_lambda_function',
  attributes: ['logging_config'],
};

const update = (address: string, type: string, before: object, after: object, afterUnknown: object = {}) => ({
  address,
  mode: 'managed',
  type,
  change: { actions: ['update'], before, after, after_unknown: afterUnknown },
});

describe('reading a plan', () => {
  test('changed attributes are those whose value differs or becomes unknown', () => {
    expect(
      changedAttributes({
        actions: ['update'],
        before: { a: 1, b: [{ x: 1 }], c: 'same', d: 'old' },
        after: { a: 2, b: [{ x: 1 }], c: 'same', d: null },
        after_unknown: { d: true },
      }),
    ).toEqual(['a', 'd']);
  });

  test('an update touching only a gap attribute is explained by that gap', () => {
    const plan: PlanJson = {
      resource_changes: [
        update('aws_lambda_function.f', 'aws_lambda_function', { logging_config: [] }, { logging_config: [{}] }),
      ],
    };
    expect(reviewPlan(plan, [loggingGap])).toEqual({
      unexpected: [],
      explained: [
        { address: 'aws_lambda_function.f', actions: ['update'], attributes: ['logging_config'], gap: 'logging' },
      ],
    });
  });

  test('one more attribute, another type, a replacement or an output change is unexpected', () => {
    const plan: PlanJson = {
      resource_changes: [
        update(
          'aws_lambda_function.f',
          'aws_lambda_function',
          { logging_config: [], timeout: 3 },
          { logging_config: [{}], timeout: 6 },
        ),
        update('aws_sqs_queue.q', 'aws_sqs_queue', { logging_config: 1 }, { logging_config: 2 }),
        {
          address: 'aws_lambda_function.g',
          mode: 'managed',
          type: 'aws_lambda_function',
          change: { actions: ['delete', 'create'], before: { logging_config: [] }, after: { logging_config: [{}] } },
        },
        {
          address: 'data.aws_iam_policy_document.p',
          mode: 'data',
          type: 'aws_iam_policy_document',
          change: { actions: ['read'] },
        },
        { address: 'aws_sns_topic.t', mode: 'managed', type: 'aws_sns_topic', change: { actions: ['no-op'] } },
      ],
      output_changes: { api_url: { actions: ['update'] }, table_name: { actions: ['no-op'] } },
    };
    const review = reviewPlan(plan, [loggingGap]);
    expect(review.explained).toEqual([]);
    expect(describeChanges(review.unexpected)).toBe(
      [
        'update aws_lambda_function.f (logging_config, timeout)',
        'update aws_sqs_queue.q (logging_config)',
        'delete+create aws_lambda_function.g (logging_config)',
        'update output.api_url (-)',
      ].join('\n'),
    );
  });

  test('an empty plan (-detailed-exitcode 0) has nothing to review', () => {
    expect(reviewPlan({}, [loggingGap])).toEqual({ unexpected: [], explained: [] });
  });
});
