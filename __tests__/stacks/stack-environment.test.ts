import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { accountRootArn, regionalArn, StackEnvironment } from '../../constructs/stack-environment';

function stackIn(name: string): TerraformStack {
  return new TerraformStack(Testing.app(), name);
}

describe('StackEnvironment', () => {
  test('a construct deep in a stack gets the account and region its stack states, in the aws partition', () => {
    const stack = stackIn('configured');
    StackEnvironment.configure(stack, { account: '210987654321', region: 'eu-west-1' });
    const nested = new Construct(new Construct(stack, 'Outer'), 'Inner');

    expect(StackEnvironment.of(nested)).toEqual({ account: '210987654321', region: 'eu-west-1', partition: 'aws' });
    expect(accountRootArn(nested)).toBe('arn:aws:iam::210987654321:root');
    expect(regionalArn(nested, 'cloudwatch', 'alarm:*')).toBe('arn:aws:cloudwatch:eu-west-1:210987654321:alarm:*');
  });

  test('a stated partition is used in every ARN', () => {
    const stack = stackIn('china');
    StackEnvironment.configure(stack, { account: '210987654321', region: 'cn-north-1', partition: 'aws-cn' });
    expect(accountRootArn(stack)).toBe('arn:aws-cn:iam::210987654321:root');
  });

  test('two stacks of one app keep their own environments', () => {
    const app = Testing.app();
    const dev = new TerraformStack(app, 'dev');
    const prod = new TerraformStack(app, 'prod');
    StackEnvironment.configure(dev, { account: '111111111111', region: 'us-west-1' });
    StackEnvironment.configure(prod, { account: '222222222222', region: 'us-east-1' });
    expect(StackEnvironment.of(new Construct(dev, 'A')).account).toBe('111111111111');
    expect(StackEnvironment.of(new Construct(prod, 'A')).region).toBe('us-east-1');
  });

  test('a construct in a stack that stated no environment fails with a message naming both', () => {
    const orphan = new Construct(stackIn('unconfigured'), 'Orphan');
    expect(() => StackEnvironment.of(orphan)).toThrow(
      "unconfigured/Orphan is in stack unconfigured, which has no AWS environment: call StackEnvironment.configure in the stack's constructor",
    );
  });

  test('stating a second environment for one stack fails', () => {
    const stack = stackIn('twice');
    StackEnvironment.configure(stack, { account: '111111111111', region: 'us-west-1' });
    expect(() => StackEnvironment.configure(stack, { account: '222222222222', region: 'us-west-1' })).toThrow(
      'Stack twice already has an AWS environment',
    );
  });
});
