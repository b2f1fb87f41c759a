import { emulatorOverride, EMULATOR_CREDENTIALS, servicesCalledBy } from '../../scripts/rehearse/overrides';

const emulator = { endpoint: 'https://127.0.0.1:4566', caBundle: '/tmp/cert.pem' };

describe('emulator override files', () => {
  test('every service a stack calls gets an endpoint, the longest matching prefix deciding', () => {
    const stack = {
      resource: { aws_cloudwatch_log_group: {}, aws_cloudwatch_metric_alarm: {}, aws_lambda_function: {} },
      data: { aws_iam_policy_document: {}, aws_caller_identity: {} },
    };
    expect(servicesCalledBy(stack)).toEqual(['cloudwatch', 'lambda', 'logs', 'sts']);
  });

  test('a resource type with no known service fails with a message that says where to add it', () => {
    expect(() => servicesCalledBy({ resource: { aws_rds_cluster: {} } })).toThrow(
      /^No emulator endpoint for aws_rds_cluster: add its service to ENDPOINT_OF_PREFIX in .*overrides\.ts$/,
    );
  });

  test('an S3 backend keeps every synthesized setting and only gains the way to the emulator', () => {
    const backend = {
      bucket: 'state',
      key: 'appointments-dev/terraform.tfstate',
      region: 'us-west-1',
      encrypt: true,
      kms_key_id: 'arn:aws:kms:us-west-1:123456789012:alias/state',
      use_lockfile: true,
    };
    const override = emulatorOverride({ terraform: { backend: { s3: backend } } }, emulator) as {
      terraform: { backend: { s3: Record<string, unknown> } };
    };
    expect(override.terraform.backend.s3).toEqual({
      ...backend,
      ...EMULATOR_CREDENTIALS,
      custom_ca_bundle: '/tmp/cert.pem',
      skip_metadata_api_check: true,
      endpoints: { s3: emulator.endpoint, sts: emulator.endpoint, iam: emulator.endpoint },
      use_path_style: true,
    });
  });

  test('a local backend is kept inside the stack directory of the rehearsal', () => {
    const override = emulatorOverride(
      { terraform: { backend: { local: { path: '../../../bootstrap.tfstate' } } } },
      emulator,
    );
    expect(override.terraform).toEqual({ backend: { local: { path: 'terraform.tfstate' } } });
  });

  test('any other backend is refused', () => {
    expect(() => emulatorOverride({ terraform: { backend: { remote: {} } } }, emulator)).toThrow(
      'The rehearsal cannot emulate a "remote" backend',
    );
  });

  test('the provider reaches only the emulator, and keeps its allowed_account_ids guard', () => {
    const override = emulatorOverride({ resource: { aws_sqs_queue: {} } }, emulator) as {
      provider: { aws: Record<string, unknown>[] };
    };
    expect(override.provider.aws).toEqual([
      {
        ...EMULATOR_CREDENTIALS,
        custom_ca_bundle: '/tmp/cert.pem',
        skip_metadata_api_check: true,
        endpoints: [{ sqs: emulator.endpoint, sts: emulator.endpoint }],
        s3_use_path_style: true,
      },
    ]);
  });
});
