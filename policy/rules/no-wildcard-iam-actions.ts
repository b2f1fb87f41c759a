import { PolicyRule, Statement } from '../rule';

/** An Allow statement may not grant an action pattern: each action is named. */
export const noWildcardIamActions: PolicyRule = {
  id: 'IAM-NO-WILDCARD-ACTIONS',
  terraformType: 'aws_iam_policy_document',
  fix: 'name each action the principal calls (for example dynamodb:GetItem, not dynamodb:*)',
  check(config) {
    const statements = (config.statement ?? []) as Statement[];
    return statements.flatMap((s) => {
      if ((s.effect ?? 'Allow') !== 'Allow') return [];
      const problems: string[] = [];
      if (s.not_actions && s.not_actions.length > 0) problems.push(`statement "${s.sid ?? '?'}" allows NotAction`);
      for (const action of s.actions ?? []) {
        if (action.includes('*')) problems.push(`statement "${s.sid ?? '?'}" allows the wildcard action "${action}"`);
      }
      return problems;
    });
  },
};
