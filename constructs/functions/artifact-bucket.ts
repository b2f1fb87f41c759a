import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { TerraformResource } from 'cdktf';
import { PolicyDocument } from '../iam/policy-document';
import { EncryptionKey } from '../security/encryption-key';
import { makeBucketPrivate } from '../storage/private-bucket';

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
    const { versioning, encryption } = makeBucketPrivate(this, this.bucket, {
      keyArn: props.key.arn,
      expiryRuleId: 'expire-replaced-artifacts',
      noncurrentVersionDays: props.noncurrentVersionDays ?? 30,
      abortIncompleteUploadDays: 1,
      lifecycleAfterVersioning: true,
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
