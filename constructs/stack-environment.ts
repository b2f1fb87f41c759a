import { IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';

/** The AWS account, region and partition one stack deploys into. */
export interface AwsEnvironment {
  /** Twelve-digit id of the account the stack's provider is pinned to. */
  readonly account: string;
  /** Region of the stack's provider, e.g. `us-west-1`. */
  readonly region: string;
  /** ARN partition: `aws` for commercial regions (the only ones in config/regions.ts). */
  readonly partition: string;
}

const environments = new WeakMap<TerraformStack, AwsEnvironment>();

/**
 * The one place constructs learn where they are deployed, in the way `Stack.of(this).region`
 * works in the AWS CDK: the stack states its environment once, and a construct asks for its
 * stack's, so no account or region is threaded through props by hand.
 */
export const StackEnvironment = {
  /** States where `stack` deploys; call it in the stack's constructor before adding constructs. */
  configure(stack: TerraformStack, environment: Omit<AwsEnvironment, 'partition'> & { partition?: string }): void {
    if (environments.has(stack)) {
      throw new Error(`Stack ${stack.node.path} already has an AWS environment`);
    }
    environments.set(stack, { partition: 'aws', ...environment });
  },

  /** The environment of the stack that holds `scope`. */
  of(scope: IConstruct): AwsEnvironment {
    const stack = TerraformStack.of(scope);
    const environment = environments.get(stack);
    if (!environment) {
      throw new Error(
        `${scope.node.path} is in stack ${stack.node.path}, which has no AWS environment: call StackEnvironment.configure in the stack's constructor`,
      );
    }
    return environment;
  },
};

/** The root principal of the stack's account, `arn:<partition>:iam::<account>:root`. */
export function accountRootArn(scope: IConstruct): string {
  const { partition, account } = StackEnvironment.of(scope);
  return `arn:${partition}:iam::${account}:root`;
}

/** An ARN of this stack's account and region: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function regionalArn(scope: IConstruct, service: string, resource: string): string {
  const { partition, region, account } = StackEnvironment.of(scope);
  return `arn:${partition}:${service}:${region}:${account}:${resource}`;
}
