import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack } from 'cdktf';
import { StateConfig } from '../config/environments';
import { APP_NAME } from '../config/naming';
import { stateKeyAliasArn } from '../config/state';
import { StackEnvironment } from '../constructs/stack-environment';

/** What the `Environment` and `CostCenter` tags say. */
export interface ResourceTags {
  /** Value of the `Environment` tag. */
  readonly environment: string;
  readonly costCenter: string;
}

/** The tags every resource carries, through the provider's `default_tags`. */
export function defaultTags(tags: ResourceTags): Record<string, string> {
  return { Project: APP_NAME, Environment: tags.environment, ManagedBy: 'cdktf', CostCenter: tags.costCenter };
}

/**
 * Configures the AWS provider of a stack from the environment the stack stated with
 * `StackEnvironment.configure`: its region, the one account it may touch (Terraform refuses to
 * plan against any other), and the default tags.
 */
export function configureAwsProvider(stack: TerraformStack, tags: ResourceTags): AwsProvider {
  const { region, account } = StackEnvironment.of(stack);
  return new AwsProvider(stack, 'aws', {
    region,
    allowedAccountIds: [account],
    defaultTags: [{ tags: defaultTags(tags) }],
  });
}

/**
 * Keeps a stack's state in the S3 state bucket, one key per stack, with S3-native locking
 * (`use_lockfile`, Terraform >= 1.10; cdktf 0.21 has no prop for it, hence the override).
 * State is encrypted with the bucket's customer-managed key, named through its alias:
 * `encrypt: true` alone makes Terraform request SSE-S3, which overrides the bucket's default
 * SSE-KMS, and the bucket policy refuses such uploads.
 */
export function useS3State(stack: TerraformStack, state: StateConfig, stackName: string): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: state.bucket,
    key: `${stackName}/terraform.tfstate`,
    region: state.region,
    encrypt: true,
    kmsKeyId: stateKeyAliasArn(state),
  });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
  return backend;
}
