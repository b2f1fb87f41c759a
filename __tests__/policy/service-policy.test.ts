import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { PolicyDocument } from '../../constructs/iam/policy-document';
import { logGroupRetentionAndEncryption } from '../../policy/rules/log-group-retention-and-encryption';
import { PolicyViolationError, ServicePolicy } from '../../policy/service-policy';
import { AppStack } from '../../stacks/app-stack';

/** Synthesizes like `cdktf synth` does: a stack of this app, written to a directory. */
function synthesize(build: (stack: AppStack) => void, options: { hclOutput?: boolean } = {}): void {
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'policy-test-')), ...options });
  const stack = new AppStack(app, 'policy-test');
  new AwsProvider(stack, 'aws', { region: 'us-west-1' });
  build(stack);
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

  const forever = (s: AppStack, id: string) =>
    new CloudwatchLogGroup(s, id, { name: id, kmsKeyId: 'arn:aws:kms:us-west-1:123456789012:key/x' });

  test('every violation of the stack is listed, one line each, in one error', () => {
    let thrown: unknown;
    try {
      synthesize((s) => {
        forever(s, 'First');
        forever(s, 'Second');
      });
    } catch (error) {
      thrown = error;
    }
    const lines = ['First', 'Second'].map(
      (id) =>
        `[LOGS-RETENTION-AND-KMS] policy-test/${id}: log group has no retention (logs would be kept forever). Fix: ${logGroupRetentionAndEncryption.fix}.`,
    );
    expect(thrown).toBeInstanceOf(PolicyViolationError);
    expect((thrown as PolicyViolationError).violations).toEqual(lines);
    // What main.ts prints, and what an uncaught error's stack starts with.
    expect((thrown as Error).message).toBe(`The service policy forbids this synthesis:\n${lines[0]}\n${lines[1]}`);
    expect((thrown as Error).name).toBe('PolicyViolationError');
  });

  test('an HCL synthesis is checked as the JSON one is', () => {
    expect(() => synthesize((s) => forever(s, 'Logs'), { hclOutput: true })).toThrow(
      '[LOGS-RETENTION-AND-KMS] policy-test/Logs: log group has no retention',
    );
  });

  test('a stack with raw overrides is resolved as cdktf does, and checked with the overrides applied', () => {
    expect(() =>
      synthesize((s) => {
        const logs = new CloudwatchLogGroup(s, 'Logs', {
          name: 'ok',
          retentionInDays: 14,
          kmsKeyId: 'arn:aws:kms:us-west-1:123456789012:key/x',
        });
        s.addOverride(`resource.aws_cloudwatch_log_group.${logs.friendlyUniqueId}.retention_in_days`, null);
      }),
    ).toThrow('[LOGS-RETENTION-AND-KMS] policy-test/Logs: log group has no retention');
  });
});

describe('ServicePolicy on a synthesized document', () => {
  test('checks data sources as resources, and names a block without metadata by type and name', () => {
    const policy = new ServicePolicy();
    expect(
      policy.violations({
        data: {
          aws_iam_policy_document: {
            Everything: { statement: [{ sid: 'All', effect: 'Allow', actions: ['sns:*'], resources: ['arn:x'] }] },
          },
        },
      }),
    ).toEqual([
      expect.stringMatching(
        /^\[IAM-NO-WILDCARD-ACTIONS\] aws_iam_policy_document\.Everything: statement "All" allows the wildcard action "sns:\*"/,
      ),
    ]);
    expect(policy.violations({ resource: {}, data: {} })).toEqual([]);
  });
});
