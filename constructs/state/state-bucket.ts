import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { stateKeyAliasName } from '../../config/state';
import { StackEnvironment } from '../stack-environment';
import { makeBucketPrivate } from '../storage/private-bucket';

export interface StateBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /**
   * Principals that may read state (`ArnLike` patterns); everyone else is denied.
   * @default every principal of the stack's account
   */
  readonly readerPrincipalArns?: readonly string[];
  /**
   * Days a superseded state version is kept before it expires.
   * @default 90
   */
  readonly noncurrentVersionDays?: number;
}

/**
 * The Terraform state bucket: versioned, SSE-KMS with a rotating customer-managed key (uploads
 * under any other encryption refused), every kind of public access blocked, TLS required, reads
 * limited to the named principals, old versions expired, never destroyed by Terraform.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const noncurrentVersionDays = props.noncurrentVersionDays ?? 90;

    this.key = new KmsKey(this, 'Key', {
      description: `Encrypts Terraform state in ${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    const alias = new KmsAlias(this, 'KeyAlias', {
      name: stateKeyAliasName(props.bucketName),
      targetKeyId: this.key.keyId,
    });

    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: props.bucketName,
      lifecycle: { preventDestroy: true },
    });
    makeBucketPrivate(this, this.bucket, {
      keyArn: this.key.arn,
      expiryRuleId: 'expire-old-state-versions',
      noncurrentVersionDays,
      abortIncompleteUploadDays: 7,
    });
    const policy = new DataAwsIamPolicyDocument(this, 'PolicyDocument', {
      statement: stateBucketPolicyStatements({
        bucketArn: this.bucket.arn,
        stateKeyArns: [this.key.arn, alias.arn],
        accountId: StackEnvironment.of(this).account,
        readerPrincipalArns: props.readerPrincipalArns,
      }),
    });
    new S3BucketPolicy(this, 'Policy', { bucket: this.bucket.id, policy: policy.json });
  }
}

export interface StateBucketPolicyProps {
  readonly bucketArn: string;
  /** The state key's ARN and its alias ARN: backends name the alias, S3 may report either. */
  readonly stateKeyArns: readonly string[];
  /** Account of the state bucket; readers default to its principals. */
  readonly accountId: string;
  /** Principals allowed to read state; see `StateConfig.readerPrincipalArns`. */
  readonly readerPrincipalArns?: readonly string[];
}

/** Actions that read state: the objects, their versions, and the listings that find them. */
export const STATE_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions'];

const everyone = [{ type: '*', identifiers: ['*'] }];

/**
 * The state bucket's policy: only TLS; only uploads under the state key; reads only by the named
 * principals (by default, the bucket's own account). Deny statements, so no IAM policy can grant
 * around them. An upload may omit the SSE headers (the bucket default, the same key, applies);
 * one that names an encryption must name the state key. (In IAM, a negated operator on an absent
 * key holds, hence the `Null` conditions.)
 */
export function stateBucketPolicyStatements(props: StateBucketPolicyProps): DataAwsIamPolicyDocumentStatement[] {
  const objects = `${props.bucketArn}/*`;
  const readers = props.readerPrincipalArns;
  return [
    {
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: everyone,
      actions: ['s3:*'],
      resources: [props.bucketArn, objects],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    },
    {
      sid: 'DenyUploadsNotSseKms',
      effect: 'Deny',
      principals: everyone,
      actions: ['s3:PutObject'],
      resources: [objects],
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
      resources: [objects],
      // A request naming aws:kms without a key would get the AWS managed key aws/s3: refused too.
      condition: [
        { test: 'Null', variable: 's3:x-amz-server-side-encryption', values: ['false'] },
        {
          test: 'StringNotEquals',
          variable: 's3:x-amz-server-side-encryption-aws-kms-key-id',
          values: [...props.stateKeyArns],
        },
      ],
    },
    {
      sid: 'DenyReadsByOtherPrincipals',
      effect: 'Deny',
      principals: everyone,
      actions: STATE_READ_ACTIONS,
      resources: [props.bucketArn, objects],
      condition:
        readers === undefined
          ? [{ test: 'StringNotEquals', variable: 'aws:PrincipalAccount', values: [props.accountId] }]
          : [{ test: 'ArnNotLike', variable: 'aws:PrincipalArn', values: [...readers] }],
    },
  ];
}
