/**
 * The IAM building blocks on their own, in a small stack: the label a role is named by in other
 * resources' policies (letters and digits of its id only), the role's inline policy block, and a
 * policy document that grows after construction (statement ids unique, both JSON and HCL output).
 */
import { TerraformStack, Testing } from 'cdktf';
import { EncryptedQueue } from '../../constructs/messaging/encrypted-queue';
import { PolicyDocument, PolicyStatement } from '../../constructs/iam/policy-document';
import { ServiceRole } from '../../constructs/iam/role-policy';
import { EncryptionKey } from '../../constructs/security/encryption-key';
import { StackEnvironment } from '../../constructs/stack-environment';
import { resourcesOfType, SynthJson, wholeStatements } from '../support/synth';

const ACCOUNT = '123456789012';
const REGION = 'us-west-1';

function stackWithEnvironment(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'iam-edges');
  StackEnvironment.configure(stack, { account: ACCOUNT, region: REGION });
  return stack;
}

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack)) as SynthJson;

const role = (scope: TerraformStack, id: string) =>
  new ServiceRole(scope, id, {
    roleName: `role-${id}`,
    description: 'a role of the IAM edge tests',
    assumedBy: 'lambda.amazonaws.com',
  });

test('a role is named in a key policy by the letters and digits of its id only', () => {
  const stack = stackWithEnvironment();
  const key = new EncryptionKey(stack, 'Key', { purpose: 'queue', aliasName: 'iam-edges', protect: false });
  const queue = new EncryptedQueue(stack, 'Queue', { queueName: 'iam-edges', key });
  const sender = role(stack, 'dead-letter_redrive.2');
  queue.grantSend(sender, 'SendDeadLetters');
  const json = synth(stack);
  const [[, kmsKey]] = resourcesOfType(json, 'aws_kms_key');
  const roleArn = `\${aws_iam_role.${resourcesOfType(json, 'aws_iam_role')[0][0]}.arn}`;
  expect(wholeStatements(json, kmsKey.policy).find((s) => s.sid?.endsWith('SendDeadLetters'))).toEqual({
    sid: 'deadletterredrive2SendDeadLetters',
    effect: 'Allow',
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: ['*'],
    principals: [{ type: 'AWS', identifiers: [roleArn] }],
    conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`sqs.${REGION}.amazonaws.com`] }],
  });
});

test("each role has one inline policy, named least-privilege, holding the role's own statements", () => {
  const stack = stackWithEnvironment();
  const first = role(stack, 'First');
  const second = role(stack, 'Second');
  first.addStatements({ sid: 'ReadFirst', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::first/*'] });
  second.addStatements({ sid: 'ReadSecond', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::second/*'] });
  const json = synth(stack);
  const roleIds = Object.fromEntries(resourcesOfType(json, 'aws_iam_role').map(([id, r]) => [r.name, id]));
  const policies = resourcesOfType(json, 'aws_iam_role_policy').map(([, p]) => p);
  expect(policies.map(({ name, role: roleRef }) => ({ name, role: roleRef }))).toEqual([
    { name: 'least-privilege', role: `\${aws_iam_role.${roleIds['role-First']}.id}` },
    { name: 'least-privilege', role: `\${aws_iam_role.${roleIds['role-Second']}.id}` },
  ]);
  expect(policies.map((p) => wholeStatements(json, p.policy))).toEqual([
    [{ sid: 'ReadFirst', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::first/*'] }],
    [{ sid: 'ReadSecond', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::second/*'] }],
  ]);
});

const READ: PolicyStatement = { sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] };
const SEND: PolicyStatement = {
  sid: 'Send',
  actions: ['sqs:SendMessage'],
  resources: [`arn:aws:sqs:${REGION}:${ACCOUNT}:q`],
  condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }],
};

describe('a policy document refuses a second statement with the same sid', () => {
  const duplicate = (sid: string) => `Policy iam-edges/Doc already has a statement with sid "${sid}"`;

  test('given at construction', () => {
    const doc = new PolicyDocument(stackWithEnvironment(), 'Doc', { statements: [READ] });
    expect(() => doc.addStatements({ ...SEND, sid: 'Read' })).toThrow(duplicate('Read'));
  });

  test('added earlier, or earlier in the same call', () => {
    const doc = new PolicyDocument(stackWithEnvironment(), 'Doc');
    doc.addStatements(READ);
    expect(() => doc.addStatements({ ...READ, resources: ['arn:aws:s3:::other/*'] })).toThrow(duplicate('Read'));
    expect(() => doc.addStatements(SEND, { ...SEND, actions: ['sqs:ReceiveMessage'] })).toThrow(duplicate('Send'));
  });

  test('while statements without a sid, and other sids, are all kept', () => {
    const stack = stackWithEnvironment();
    const doc = new PolicyDocument(stack, 'Doc', { statements: [READ] });
    const unnamed = { actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::b'] };
    doc.addStatements(unnamed, unnamed, SEND);
    const json = synth(stack);
    const [[id]] = Object.entries(json.data?.aws_iam_policy_document ?? {});
    const listBucket = { effect: 'Allow', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::b'] };
    expect(wholeStatements(json, `\${data.aws_iam_policy_document.${id}.json}`)).toEqual([
      { sid: 'Read', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
      listBucket,
      listBucket,
      {
        sid: 'Send',
        effect: 'Allow',
        actions: ['sqs:SendMessage'],
        resources: [`arn:aws:sqs:${REGION}:${ACCOUNT}:q`],
        conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }],
      },
    ]);
  });
});

test('an HCL synthesis renders the statements given at construction and those added after', () => {
  const stack = stackWithEnvironment();
  const doc = new PolicyDocument(stack, 'Doc', { statements: [READ] });
  doc.addStatements(SEND);
  expect(Testing.synthHcl(stack).trim()).toBe(
    [
      'data "aws_iam_policy_document" "Doc_Document_455B26DD" {',
      'statement {',
      'actions = [',
      '"s3:GetObject"',
      ']',
      'resources = [',
      '"arn:aws:s3:::b/*"',
      ']',
      'sid = "Read"',
      '}',
      'statement {',
      'actions = [',
      '"sqs:SendMessage"',
      ']',
      'resources = [',
      `"arn:aws:sqs:${REGION}:${ACCOUNT}:q"`,
      ']',
      'sid = "Send"',
      'condition {',
      'test = "Bool"',
      'values = [',
      '"true"',
      ']',
      'variable = "aws:SecureTransport"',
      '}',
      '}',
      '}',
    ].join('\n'),
  );
});
