import { PROD_BILLED_RESOURCES } from '../../scripts/capacity-and-cost';
import { resourcesOfType, synthServiceStack } from '../support/synth';

describe('the cost figures of npm run capacity', () => {
  it('count the billed resources that the prod stack really synthesizes', () => {
    // Prepare
    const prod = synthServiceStack('prod');
    const rules = resourcesOfType(prod, 'aws_wafv2_web_acl').map(([, acl]) => (acl.rule as unknown[]).length);

    // Act
    const synthesized = {
      kmsKeys: resourcesOfType(prod, 'aws_kms_key').length,
      alarms: resourcesOfType(prod, 'aws_cloudwatch_metric_alarm').length,
      dashboards: resourcesOfType(prod, 'aws_cloudwatch_dashboard').length,
      webAcls: rules.length,
      webAclRules: rules.reduce((a, b) => a + b, 0),
    };

    // Assess
    expect(PROD_BILLED_RESOURCES).toEqual(synthesized);
  });
});
