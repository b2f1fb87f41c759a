import { PolicyRule, Statement } from '../rule';

/** KMS actions whose requests carry no encryption context. */
export const ACTIONS_WITHOUT_ENCRYPTION_CONTEXT: readonly string[] = ['kms:DescribeKey'];

/**
 * A `kms:EncryptionContext:*` condition on an action whose requests never carry a context makes
 * the statement allow nothing for that action: give it a statement without that condition.
 */
export const kmsDescribeKeyWithoutEncryptionContext: PolicyRule = {
  id: 'KMS-ENCRYPTION-CONTEXT-ON-DESCRIBE',
  terraformType: 'aws_iam_policy_document',
  fix: 'move the action to a statement of its own, keeping the principal but not the kms:EncryptionContext condition',
  check(config) {
    const statements = (config.statement ?? []) as Statement[];
    return statements.flatMap((s) => {
      if ((s.effect ?? 'Allow') !== 'Allow') return [];
      const context = (s.condition ?? []).find((c) => c.variable.startsWith('kms:EncryptionContext'));
      if (!context) return [];
      return (s.actions ?? [])
        .filter((action) => ACTIONS_WITHOUT_ENCRYPTION_CONTEXT.includes(action))
        .map(
          (action) =>
            `statement "${s.sid ?? '?'}" allows ${action} only under ${context.variable}, which ${action} requests never carry`,
        );
    });
  },
};
