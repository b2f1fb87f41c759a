import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { resolveConfig } from '../../config/resolve';
import { BootstrapStack } from '../../stacks/bootstrap-stack';
import { policyDocumentStatements, resourcesOfType, SynthJson } from '../support/synth';

const stack = new BootstrapStack(Testing.app(), resolveConfig({}));
const synthesized = Testing.synth(stack);
const json = JSON.parse(synthesized) as SynthJson;

describe('bootstrap stack (the state bucket)', () => {
  test('keeps its own state locally, outside the synth output', () => {
    expect(json.terraform?.backend).toEqual({ local: { path: '../../../bootstrap.tfstate' } });
  });

  test('the bucket is never destroyed by Terraform', () => {
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'appointments-tfstate-123456789012-us-west-1',
      lifecycle: { prevent_destroy: true },
    });
  });

  test('versioning is on', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
  });

  test('objects are encrypted with a rotating customer-managed key', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: expect.stringContaining('aws_kms_key.'),
          },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
  });

  test('every kind of public access is blocked', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('the bucket policy denies any request without TLS', () => {
    const [, policy] = resourcesOfType(json, 'aws_s3_bucket_policy')[0];
    expect(policyDocumentStatements(json, policy.policy)).toEqual([
      expect.objectContaining({
        effect: 'Deny',
        actions: ['s3:*'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      }),
    ]);
  });

  test('old state versions expire', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 90 }] })],
    });
  });
});
