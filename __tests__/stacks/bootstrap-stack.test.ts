import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { AppConfig } from '../../config/environments';
import { BOOTSTRAP_STACK_NAME } from '../../config/naming';
import { resolveConfig } from '../../config/resolve';
import { BootstrapStack } from '../../stacks/bootstrap-stack';
import { policyDocumentStatements, resourcesOfType, SynthJson } from '../support/synth';

const bootstrapStack = (config: AppConfig) =>
  new BootstrapStack(Testing.app(), BOOTSTRAP_STACK_NAME, { state: config.state, costCenter: config.costCenter });
let synthesized: string;
let json: SynthJson;
beforeAll(() => {
  synthesized = Testing.synth(bootstrapStack(resolveConfig({})));
  json = JSON.parse(synthesized) as SynthJson;
});

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

  test('the bucket policy denies requests without TLS, uploads not under the state key, reads from outside the account', () => {
    const bucketArn = `\${aws_s3_bucket.${resourcesOfType(json, 'aws_s3_bucket')[0][0]}.arn}`;
    const keyArn = `\${aws_kms_key.${resourcesOfType(json, 'aws_kms_key')[0][0]}.arn}`;
    const aliasArn = `\${aws_kms_alias.${resourcesOfType(json, 'aws_kms_alias')[0][0]}.arn}`;
    const everyone = [{ type: '*', identifiers: ['*'] }];
    const [, policy] = resourcesOfType(json, 'aws_s3_bucket_policy')[0];
    expect(policyDocumentStatements(json, policy.policy)).toEqual([
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: everyone,
        actions: ['s3:*'],
        resources: [bucketArn, `${bucketArn}/*`],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
      {
        sid: 'DenyUploadsNotSseKms',
        effect: 'Deny',
        principals: everyone,
        actions: ['s3:PutObject'],
        resources: [`${bucketArn}/*`],
        condition: [
          { test: 'Null', variable: 's3:x-amz-server-side-encryption', values: ['false'] },
          { test: 'StringNotEquals', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] },
        ],
      },
      {
        sid: 'DenyUploadsUnderOtherKeys',
        effect: 'Deny',
        principals: everyone,
        actions: ['s3:PutObject'],
        resources: [`${bucketArn}/*`],
        condition: [
          { test: 'Null', variable: 's3:x-amz-server-side-encryption', values: ['false'] },
          {
            test: 'StringNotEquals',
            variable: 's3:x-amz-server-side-encryption-aws-kms-key-id',
            values: [keyArn, aliasArn],
          },
        ],
      },
      {
        sid: 'DenyReadsByOtherPrincipals',
        effect: 'Deny',
        principals: everyone,
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions'],
        resources: [bucketArn, `${bucketArn}/*`],
        condition: [{ test: 'StringNotEquals', variable: 'aws:PrincipalAccount', values: ['123456789012'] }],
      },
    ]);
  });

  test('named readers replace the account-wide default: everyone else is denied reads', () => {
    const readers = ['arn:aws:iam::123456789012:role/deployer', 'arn:aws:iam::123456789012:role/state-*'];
    const named = JSON.parse(
      Testing.synth(bootstrapStack(resolveConfig({ TF_STATE_READER_ARNS: readers.join(', ') }))),
    ) as SynthJson;
    const [, policy] = resourcesOfType(named, 'aws_s3_bucket_policy')[0];
    const reads = policyDocumentStatements(named, policy.policy).find((s) => s.sid === 'DenyReadsByOtherPrincipals');
    expect(reads?.condition).toEqual([{ test: 'ArnNotLike', variable: 'aws:PrincipalArn', values: readers }]);
  });

  test("the key's alias is the one every S3 backend names as kms_key_id", () => {
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/appointments-tfstate-123456789012-us-west-1',
    });
  });

  test('old state versions expire', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 90 }] })],
    });
  });
});
