import { resolveConfig } from '../../config/resolve';
import { DEFAULT_STATE_ACCESS, stateAccessFromEnv, stateKeyAliasArn, stateKeyAliasName } from '../../config/state';

describe('state settings', () => {
  test('the state key alias is named after the bucket; its ARN is known before the key exists', () => {
    const { state } = resolveConfig({});
    expect(stateKeyAliasName(state.bucket)).toBe('alias/appointments-tfstate-123456789012-us-west-1');
    expect(stateKeyAliasArn(state)).toBe(
      'arn:aws:kms:us-west-1:123456789012:alias/appointments-tfstate-123456789012-us-west-1',
    );
  });

  test('without TF_STATE_READER_ARNS, state is readable inside its own account only', () => {
    expect(stateAccessFromEnv({})).toEqual({ access: DEFAULT_STATE_ACCESS, problems: [] });
    expect(DEFAULT_STATE_ACCESS.readerPrincipalArns).toBeUndefined();
  });

  test('TF_STATE_READER_ARNS names the readers, comma-separated', () => {
    const env = {
      TF_STATE_READER_ARNS: 'arn:aws:iam::123456789012:role/deployer, arn:aws:iam::123456789012:user/ops-*',
    };
    expect(stateAccessFromEnv(env)).toEqual({
      access: {
        readerPrincipalArns: ['arn:aws:iam::123456789012:role/deployer', 'arn:aws:iam::123456789012:user/ops-*'],
      },
      problems: [],
    });
  });

  test('an ARN that is not an IAM principal is refused with its own message', () => {
    const env = { TF_STATE_READER_ARNS: 'arn:aws:s3:::some-bucket' };
    expect(stateAccessFromEnv(env).problems).toEqual([
      'TF_STATE_READER_ARNS "arn:aws:s3:::some-bucket" is not an IAM role, user or account principal ARN',
    ]);
  });

  test('synthesis refuses a bad reader ARN by name, and the bootstrap stack receives the good ones', () => {
    expect(() => resolveConfig({ TF_STATE_READER_ARNS: 'arn:aws:s3:::some-bucket' })).toThrow(
      'TF_STATE_READER_ARNS "arn:aws:s3:::some-bucket" is not an IAM role, user or account principal ARN',
    );
    const { state } = resolveConfig({ TF_STATE_READER_ARNS: 'arn:aws:iam::123456789012:role/deployer' });
    expect(state.readerPrincipalArns).toEqual(['arn:aws:iam::123456789012:role/deployer']);
  });
});
