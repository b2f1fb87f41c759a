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
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket' },
      {
        bucket: 'appointments-tfstate-123456789012-us-west-1',
        lifecycle: { prevent_destroy: true },
      },
    );
  });

  test('versioning is on', () => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_versioning' },
      {
        versioning_configuration: { status: 'Enabled' },
      },
    );
  });

  test('objects are encrypted with a rotating customer-managed key', () => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
      {
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: 'aws:kms',
              kms_master_key_id: expect.stringContaining('aws_kms_key.'),
            },
            bucket_key_enabled: true,
          },
        ],
      },
    );
    expect(synthesized).toHaveResourceWithProperties({ tfResourceType: 'aws_kms_key' }, { enable_key_rotation: true });
  });

  test('every kind of public access is blocked', () => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_public_access_block' },
      {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    );
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
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_lifecycle_configuration' },
      {
        rule: [
          expect.objectContaining({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 90 }] }),
        ],
      },
    );
  });
});
