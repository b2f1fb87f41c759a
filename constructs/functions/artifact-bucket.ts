import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { TerraformResource } from 'cdktf';
import { PolicyDocument } from '../iam/policy-document';
import { EncryptionKey } from '../security/encryption-key';

export interface ArtifactBucketProps {
  /** Globally unique bucket name, from the naming helper. */
  readonly bucketName: string;
  /** Customer-managed key of every object (SSE-KMS, bucket key on). */
  readonly key: EncryptionKey;
  /**
   * Days a replaced artifact version is kept (for a rollback) before it expires.
   * @default 30
   */
  readonly noncurrentVersionDays?: number;
}

/**
 * Where the functions' bundles are uploaded and signed: versioned (Signer signs one object
 * version), SSE-KMS with a customer-managed key, every kind of public access blocked, TLS
 * required, replaced versions expired. Its objects are build outputs, rebuilt from the
 * repository at any deploy, so destroying the stack empties it (`force_destroy`).
 */
export class ArtifactBucket extends Construct {
  readonly bucket: S3Bucket;
  /**
   * What must exist before an object is uploaded: versioning (Signer signs one object version)
   * and default encryption (the object is encrypted with the key, not S3's).
   */
  readonly readyForUploads: TerraformResource[];

  constructor(scope: Construct, id: string, props: ArtifactBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'Bucket', { bucket: props.bucketName, forceDestroy: true });
    new S3BucketOwnershipControls(this, 'Ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-replaced-artifacts',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
      dependsOn: [versioning],
    });
    this.readyForUploads = [versioning, encryption];
    const policy = new PolicyDocument(this, 'PolicyDocument', {
      statements: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new S3BucketPolicy(this, 'Policy', { bucket: this.bucket.id, policy: policy.json });
  }
}
