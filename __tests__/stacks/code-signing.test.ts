import { policyDocumentStatements, resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

let dev: SynthJson, prod: SynthJson;
beforeAll(() => {
  dev = synthServiceStack('dev');
  prod = synthServiceStack('prod');
});
const only = (json: typeof dev, type: string) => {
  const all = resourcesOfType(json, type);
  expect(all).toHaveLength(1);
  return all[0];
};

describe('code signing', () => {
  test('prod refuses to deploy untrusted code; elsewhere Lambda only warns', () => {
    expect(only(prod, 'aws_lambda_code_signing_config')[1].policies).toEqual({
      untrusted_artifact_on_deployment: 'Enforce',
    });
    expect(only(dev, 'aws_lambda_code_signing_config')[1].policies).toEqual({
      untrusted_artifact_on_deployment: 'Warn',
    });
  });

  test("the configuration trusts exactly the stack's own signing profile", () => {
    const [profileId] = only(prod, 'aws_signer_signing_profile');
    expect(only(prod, 'aws_lambda_code_signing_config')[1].allowed_publishers).toEqual({
      signing_profile_version_arns: [`\${aws_signer_signing_profile.${profileId}.version_arn}`],
    });
  });

  test('every function runs the signed object of its own signing job, under that configuration', () => {
    const [configId] = only(prod, 'aws_lambda_code_signing_config');
    for (const [, fn] of resourcesOfType(prod, 'aws_lambda_function')) {
      expect(fn).not.toHaveProperty('filename');
      expect(fn.code_signing_config_arn).toBe(`\${aws_lambda_code_signing_config.${configId}.arn}`);
      const job = /^\$\{aws_signer_signing_job\.([^.]+)\.signed_object\[0\]\.s3\[0\]\.key\}$/.exec(String(fn.s3_key));
      expect(job).not.toBeNull();
      expect(fn.s3_bucket).toBe(`\${aws_signer_signing_job.${job![1]}.signed_object[0].s3[0].bucket}`);
    }
  });
});

describe('artifact bucket', () => {
  let bucketId: string, bucket: Record<string, unknown>;
  beforeAll(() => {
    [bucketId, bucket] = only(prod, 'aws_s3_bucket');
  });
  const ofBucket = (type: string) => {
    const [, r] = only(prod, type);
    expect(r.bucket).toBe(`\${aws_s3_bucket.${bucketId}.id}`);
    return r;
  };

  test('is named per environment and account, and emptied on destroy (its objects are build outputs)', () => {
    expect(bucket).toMatchObject({ bucket: 'appointments-prod-artifacts-123456789012', force_destroy: true });
  });

  test('is versioned, SSE-KMS under the functions key, private, and expires replaced versions', () => {
    expect(ofBucket('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(ofBucket('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Keys_Functions_Key_[0-9A-F]+\.arn\}$/),
        },
        bucket_key_enabled: true,
      },
    ]);
    expect(ofBucket('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(ofBucket('aws_s3_bucket_lifecycle_configuration').rule).toEqual([
      expect.objectContaining({
        status: 'Enabled',
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
      }),
    ]);
  });

  test('refuses every request not made over TLS', () => {
    const policy = ofBucket('aws_s3_bucket_policy');
    expect(policyDocumentStatements(prod, policy.policy)).toEqual([
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: [`\${aws_s3_bucket.${bucketId}.arn}`, `\${aws_s3_bucket.${bucketId}.arn}/*`],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ]);
  });

  test('objects are uploaded only once versioning and default encryption are in place', () => {
    const [versioningId] = only(prod, 'aws_s3_bucket_versioning');
    const [encryptionId] = only(prod, 'aws_s3_bucket_server_side_encryption_configuration');
    const uploads = resourcesOfType(prod, 'aws_s3_object');
    expect(uploads).toHaveLength(11);
    for (const [, upload] of uploads) {
      expect(upload.depends_on).toEqual([
        `aws_s3_bucket_versioning.${versioningId}`,
        `aws_s3_bucket_server_side_encryption_configuration.${encryptionId}`,
      ]);
    }
  });
});
