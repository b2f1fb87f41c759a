import { Construct } from 'constructs';
import { LambdaCodeSigningConfig } from '@cdktf/provider-aws/lib/lambda-code-signing-config';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { SignerSigningJob } from '@cdktf/provider-aws/lib/signer-signing-job';
import { SignerSigningProfile } from '@cdktf/provider-aws/lib/signer-signing-profile';
import { ServiceNaming } from '../../config/naming';
import { EncryptionKey } from '../security/encryption-key';
import { StackEnvironment } from '../stack-environment';
import { ArtifactBucket } from './artifact-bucket';

/** The Signer platform for Lambda zip packages. */
export const LAMBDA_SIGNING_PLATFORM = 'AWSLambda-SHA384-ECDSA';

export interface FunctionCodeSigningProps {
  /** Names the artifact bucket and the signing profile. */
  readonly naming: ServiceNaming;
  /** Key of the artifact bucket's objects. */
  readonly key: EncryptionKey;
  /**
   * What Lambda does with code that is unsigned, signed by another profile, or expired:
   * `Enforce` refuses to deploy it, `Warn` deploys it and logs a warning.
   */
  readonly untrustedArtifactOnDeployment: 'Enforce' | 'Warn';
}

/** Where one function's code is, once signed. */
export interface SignedCode {
  readonly s3Bucket: string;
  readonly s3Key: string;
}

/**
 * Code signing of the stack's functions: one Signer profile, one Lambda code signing
 * configuration that trusts only that profile, and an artifact bucket in which each bundle is
 * uploaded and signed. Functions deploy the signed object (`sign`).
 */
export class FunctionCodeSigning extends Construct {
  readonly artifacts: ArtifactBucket;
  readonly profile: SignerSigningProfile;
  readonly config: LambdaCodeSigningConfig;

  constructor(scope: Construct, id: string, props: FunctionCodeSigningProps) {
    super(scope, id);
    const { account } = StackEnvironment.of(this);
    this.artifacts = new ArtifactBucket(this, 'Artifacts', {
      bucketName: props.naming.name(`artifacts-${account}`),
      key: props.key,
    });
    // Signer names allow letters, digits and underscores only. A prefix, not a fixed name: a
    // cancelled profile's name cannot be used again, so a recreated stack needs a new one.
    this.profile = new SignerSigningProfile(this, 'Profile', {
      namePrefix: `${props.naming.name('functions').replace(/-/g, '_')}_`,
      platformId: LAMBDA_SIGNING_PLATFORM,
      signatureValidityPeriod: { type: 'MONTHS', value: 135 },
    });
    this.config = new LambdaCodeSigningConfig(this, 'Config', {
      description: `Only code signed by ${props.naming.serviceName}'s signing profile`,
      allowedPublishers: { signingProfileVersionArns: [this.profile.versionArn] },
      policies: { untrustedArtifactOnDeployment: props.untrustedArtifactOnDeployment },
    });
  }

  /**
   * Uploads a function's bundle (keyed by its hash, so a new bundle is a new object) and signs
   * that object version; returns where the signed copy is. Resources are created in `scope`.
   */
  sign(scope: Construct, source: string, zipPath: string, sha256Hex: string): SignedCode {
    const bucket = this.artifacts.bucket.bucket;
    const unsigned = new S3Object(scope, 'UnsignedCode', {
      bucket,
      key: `unsigned/${source}/${sha256Hex}.zip`,
      source: zipPath,
      sourceHash: sha256Hex,
      dependsOn: this.artifacts.readyForUploads,
    });
    const job = new SignerSigningJob(scope, 'Signing', {
      profileName: this.profile.name,
      source: { s3: { bucket, key: unsigned.key, version: unsigned.versionId } },
      destination: { s3: { bucket, prefix: `signed/${source}/` } },
      ignoreSigningJobFailure: false,
    });
    const signed = job.signedObject.get(0).s3.get(0);
    return { s3Bucket: signed.bucket, s3Key: signed.key };
  }
}
