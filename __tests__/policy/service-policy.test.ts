import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Aspects, TerraformStack } from 'cdktf';
import { PolicyDocument } from '../../constructs/iam/policy-document';
import { ServicePolicy } from '../../policy/service-policy';

/** Synthesizes like `cdktf synth` does (Testing.synth does not stop on error annotations). */
function synthesize(build: (stack: TerraformStack) => void): void {
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'policy-test-')) });
  const stack = new TerraformStack(app, 'policy-test');
  new AwsProvider(stack, 'aws', { region: 'us-west-1' });
  build(stack);
  Aspects.of(stack).add(new ServicePolicy());
  app.synth();
}

describe('ServicePolicy applied to a stack', () => {
  test('a compliant stack synthesizes', () => {
    expect(() =>
      synthesize((s) => {
        new CloudwatchLogGroup(s, 'Logs', {
          name: 'ok',
          retentionInDays: 14,
          kmsKeyId: 'arn:aws:kms:us-west-1:123456789012:key/x',
        });
      }),
    ).not.toThrow();
  });

  test('a log group without retention fails synthesis with the rule, the path and the fix', () => {
    expect(() =>
      synthesize((s) => {
        new CloudwatchLogGroup(s, 'Logs', { name: 'forever', kmsKeyId: 'arn:aws:kms:us-west-1:123456789012:key/x' });
      }),
    ).toThrow(
      '[LOGS-RETENTION-AND-KMS] policy-test/Logs: log group has no retention (logs would be kept forever). Fix: set retention_in_days',
    );
  });

  test('a wildcard action added through a growing policy document fails synthesis', () => {
    expect(() =>
      synthesize((s) => {
        const doc = new PolicyDocument(s, 'Permissions');
        doc.addStatements({
          sid: 'Everything',
          actions: ['sns:*'],
          resources: ['arn:aws:sns:us-west-1:123456789012:t'],
        });
      }),
    ).toThrow('statement "Everything" allows the wildcard action "sns:*"');
  });

  test('the rule sees the lifecycle block as synthesized: a REST API without create_before_destroy fails', () => {
    expect(() => synthesize((s) => new ApiGatewayRestApi(s, 'Api', { name: 'api' }))).toThrow(
      '[APIGW-CREATE-BEFORE-DESTROY] policy-test/Api: REST API api would be destroyed before its replacement exists',
    );
    expect(() =>
      synthesize((s) => new ApiGatewayRestApi(s, 'Api', { name: 'api', lifecycle: { createBeforeDestroy: true } })),
    ).not.toThrow();
  });
});
