/**
 * AppStack resolves a stack's document once (stacks/app-stack.ts): what it returns must be what
 * cdktf's own `TerraformStack.toTerraform` returns, resolving the merged document a second time,
 * for each kind of raw override: a token, a list to append to, a deletion, a nested block, a new
 * path, and a token as a key. While it resolves, an element's resolved Terraform is resolved once
 * and shared with what reads it meanwhile (the API deployment's trigger).
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Fn, Lazy, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { keepingResolvedTerraform, resolvedTerraform } from '../../constructs/resolved-terraform';
import { AppStack } from '../../stacks/app-stack';

type Override = (stack: AppStack, logs: CloudwatchLogGroup, topic: SnsTopic) => void;

function bothWays(override: Override): { once: unknown; asCdktfDoes: unknown } {
  const stack = new AppStack(Testing.app(), 'overrides');
  new AwsProvider(stack, 'aws', { region: 'us-west-1' });
  const key = 'arn:aws:kms:us-west-1:123456789012:key/x';
  const logs = new CloudwatchLogGroup(stack, 'Logs', { name: 'logs', retentionInDays: 14, kmsKeyId: key });
  const topic = new SnsTopic(stack, 'Topic', { name: 'topic', kmsMasterKeyId: key });
  new TerraformOutput(stack, 'topic_arn', { value: topic.arn });
  override(stack, logs, topic);
  return { once: stack.toTerraform(), asCdktfDoes: TerraformStack.prototype.toTerraform.call(stack) };
}

const logsPath = (logs: CloudwatchLogGroup) => `resource.aws_cloudwatch_log_group.${logs.friendlyUniqueId}`;

const overrides: [string, Override][] = [
  ['none', () => undefined],
  ['a literal on the stack', (s) => s.addOverride('terraform.backend.s3.use_lockfile', true)],
  ['a reference token', (s, logs, topic) => s.addOverride(`${logsPath(logs)}.name`, topic.name)],
  [
    'a lazy value inside a new nested block',
    (s, logs) => s.addOverride(`${logsPath(logs)}.tags`, { Owner: Lazy.stringValue({ produce: () => 'team' }) }),
  ],
  [
    'a list appended to a synthesized one, holding a token',
    (s) => s.addOverride('terraform.required_providers.aws.extra', [Fn.upper('a')]),
  ],
  [
    'a deletion',
    (s, _logs, topic) => s.addOverride(`resource.aws_sns_topic.${topic.friendlyUniqueId}.name`, undefined),
  ],
  ['a path that did not exist', (s, _logs, topic) => s.addOverride('locals.topic', topic.arn)],
  ['a token as a key', (s, _logs, topic) => s.addOverride('locals', { [topic.name]: 'x' })],
];

test.each(overrides)('with %s, the document is what cdktf resolves', (_what, override) => {
  const { once, asCdktfDoes } = bothWays(override);
  expect(JSON.stringify(once)).toEqual(JSON.stringify(asCdktfDoes));
});

test('a resolved override is in the document, and the metadata lists the overridden blocks', () => {
  const { once } = bothWays((s, logs, topic) => s.addOverride(`${logsPath(logs)}.name`, topic.name));
  const document = once as {
    '//': { metadata: { overrides?: { stack: string[] } } };
    resource: { aws_cloudwatch_log_group: Record<string, { name: string }> };
  };
  expect(Object.values(document.resource.aws_cloudwatch_log_group)[0].name).toBe('${aws_sns_topic.Topic.name}');
  expect(document['//'].metadata.overrides).toEqual({ stack: ['resource'] });
});

describe("an element's resolved Terraform", () => {
  function stackWithTopic() {
    const stack = new AppStack(Testing.app(), 'kept');
    new AwsProvider(stack, 'aws', { region: 'us-west-1' });
    const key = 'arn:aws:kms:us-west-1:123456789012:key/x';
    return { stack, topic: new SnsTopic(stack, 'Topic', { name: 'before', kmsMasterKeyId: key }) };
  }
  const nameOf = (terraform: unknown) =>
    (terraform as { resource: { aws_sns_topic: Record<string, { name: string }> } }).resource.aws_sns_topic.Topic.name;

  test('is resolved afresh outside a resolution of its stack: a change made in between shows', () => {
    const { stack, topic } = stackWithTopic();
    const resolveInStack = jest.fn((terraform: unknown) => resolve(stack, terraform));
    expect(nameOf(resolvedTerraform(topic, resolveInStack))).toBe('before');
    topic.name = 'after';
    expect(nameOf(resolvedTerraform(topic, resolveInStack))).toBe('after');
    expect(resolveInStack).toHaveBeenCalledTimes(2);
  });

  test("is resolved once while its stack resolves, and is the stack's document's; nothing is kept after", () => {
    const { stack, topic } = stackWithTopic();
    const resolveInStack = jest.fn((terraform: unknown) => resolve(stack, terraform));
    const [first, second] = keepingResolvedTerraform(stack, () => [
      resolvedTerraform(topic, resolveInStack),
      resolvedTerraform(topic, resolveInStack),
    ]);
    expect(second).toBe(first);
    expect(resolveInStack).toHaveBeenCalledTimes(1);
    topic.name = 'after';
    expect(nameOf(resolvedTerraform(topic, resolveInStack))).toBe('after');
    expect(nameOf(stack.toTerraform())).toBe('after');
  });
});
