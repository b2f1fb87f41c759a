import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

export interface PrivateBucketSettings {
  /** ARN of the customer-managed key that encrypts every object (SSE-KMS, bucket key on). */
  readonly keyArn: string;
  /** Id of the lifecycle rule that expires replaced versions (names what they are). */
  readonly expiryRuleId: string;
  /** Days a replaced object version is kept before it expires. */
  readonly noncurrentVersionDays: number;
  /** Days after which an unfinished multipart upload is aborted. */
  readonly abortIncompleteUploadDays: number;
  /**
   * Whether the lifecycle configuration waits for versioning (the provider's documentation asks
   * for it where noncurrent-version rules are created in the same apply as versioning).
   * @default false
   */
  readonly lifecycleAfterVersioning?: boolean;
}

/** The parts of a private bucket that uploads must wait for. */
export interface PrivateBucketParts {
  readonly versioning: S3BucketVersioningA;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
}

/**
 * What every bucket of this project has: objects owned by the bucket owner (no ACLs), versioning,
 * default SSE-KMS under a customer-managed key, every kind of public access blocked, replaced
 * versions and abandoned uploads expired. The resources are created in `scope` (the bucket's
 * construct) with fixed ids, so their Terraform addresses are those of the bucket's construct.
 * Each bucket adds its own policy: that is where buckets differ.
 */
export function makeBucketPrivate(
  scope: Construct,
  bucket: S3Bucket,
  settings: PrivateBucketSettings,
): PrivateBucketParts {
  new S3BucketOwnershipControls(scope, 'Ownership', {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  const versioning = new S3BucketVersioningA(scope, 'Versioning', {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, 'Encryption', {
    bucket: bucket.id,
    rule: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: settings.keyArn },
        bucketKeyEnabled: true,
      },
    ],
  });
  new S3BucketPublicAccessBlock(scope, 'PublicAccessBlock', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketLifecycleConfiguration(scope, 'Lifecycle', {
    bucket: bucket.id,
    rule: [
      {
        id: settings.expiryRuleId,
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: settings.noncurrentVersionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: settings.abortIncompleteUploadDays }],
      },
    ],
    dependsOn: settings.lifecycleAfterVersioning ? [versioning] : undefined,
  });
  return { versioning, encryption };
}
