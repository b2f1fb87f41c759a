/**
 * The expiry rule of a private bucket as one block: it covers the whole bucket (an empty prefix),
 * and the artifact bucket's rule is created only once versioning exists (a lifecycle rule on
 * noncurrent versions set before versioning is refused by S3 on the first apply).
 */
import { Testing } from 'cdktf';
import { BOOTSTRAP_STACK_NAME } from '../../config/naming';
import { resolveConfig } from '../../config/resolve';
import { BootstrapStack } from '../../stacks/bootstrap-stack';
import { resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

const only = (json: SynthJson, type: string) => {
  const all = resourcesOfType(json, type);
  expect(all).toHaveLength(1);
  return all[0];
};

test('the artifact bucket expires replaced versions of every object, once versioning exists', () => {
  const prod = synthServiceStack('prod');
  const [bucketId] = only(prod, 'aws_s3_bucket');
  const [versioningId] = only(prod, 'aws_s3_bucket_versioning');
  expect(only(prod, 'aws_s3_bucket_lifecycle_configuration')[1]).toEqual({
    bucket: `\${aws_s3_bucket.${bucketId}.id}`,
    rule: [
      {
        id: 'expire-replaced-artifacts',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
      },
    ],
    depends_on: [`aws_s3_bucket_versioning.${versioningId}`],
  });
});

test('the state bucket expires old versions of every object, without waiting on versioning', () => {
  const config = resolveConfig({});
  const stack = new BootstrapStack(Testing.app(), BOOTSTRAP_STACK_NAME, {
    state: config.state,
    costCenter: config.costCenter,
  });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  const [, lifecycle] = only(json, 'aws_s3_bucket_lifecycle_configuration');
  expect(lifecycle).not.toHaveProperty('depends_on');
  expect(lifecycle.rule).toEqual([expect.objectContaining({ status: 'Enabled', filter: [{ prefix: '' }] })]);
});
