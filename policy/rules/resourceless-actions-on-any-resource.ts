import { PolicyRule, Statement } from '../rule';

/**
 * Actions IAM authorises on no resource type: granted on a specific ARN they allow nothing, and
 * the call fails with AccessDenied although the policy seems to grant it.
 */
export const RESOURCELESS_ACTIONS: readonly string[] = [
  'dynamodb:ListStreams',
  'dynamodb:ListTables',
  'sns:ListTopics',
  'sqs:ListQueues',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];

/** An action without a resource type is granted on `Resource: "*"` only, in its own statement. */
export const resourcelessActionsOnAnyResource: PolicyRule = {
  id: 'IAM-RESOURCELESS-ACTIONS',
  terraformType: 'aws_iam_policy_document',
  fix: 'grant the action in a statement of its own with resources ["*"], saying in a comment why',
  check(config) {
    const statements = (config.statement ?? []) as Statement[];
    return statements.flatMap((s) => {
      if ((s.effect ?? 'Allow') !== 'Allow' || s.resources === undefined) return [];
      if (s.resources.length === 1 && s.resources[0] === '*') return [];
      return (s.actions ?? [])
        .filter((action) => RESOURCELESS_ACTIONS.includes(action))
        .map(
          (action) =>
            `statement "${s.sid ?? '?'}" grants ${action} on specific resources; IAM authorises it only on "*"`,
        );
    });
  },
};
