import {
  AccountInspection,
  objectsNotUnderStateKey,
  resourceCount,
  reviewSecrets,
  secretsInState,
  StateObject,
  ToleratedSecret,
  uploadsAnsweredWrongly,
  versionsOf,
} from '../../scripts/rehearse/state-checks';

const KEY = 'arn:aws:kms:us-west-1:123456789012:key/state';
const object = (key: string, versionId: string, over: Partial<StateObject> = {}): StateObject => ({
  key,
  versionId,
  isLatest: false,
  serverSideEncryption: 'aws:kms',
  kmsKeyArn: KEY,
  text: '{"resources":[]}',
  ...over,
});
const inspection = (stateObjects: StateObject[]): AccountInspection => ({
  stateKeyArn: KEY,
  stateObjects,
  secrets: [],
  uploads: [],
});

describe('state checks', () => {
  test('an object version under SSE-S3, another key or no encryption is reported', () => {
    const objects = [
      object('dev/terraform.tfstate', 'v3'),
      object('dev/terraform.tfstate', 'v2', { serverSideEncryption: 'AES256', kmsKeyArn: null }),
      object('dev/terraform.tfstate', 'v1', { kmsKeyArn: 'arn:aws:kms:us-west-1:123456789012:key/other' }),
      object('dev/terraform.tfstate.tflock', 'v1', { serverSideEncryption: null, kmsKeyArn: null }),
    ];
    expect(objectsNotUnderStateKey(inspection(objects))).toEqual([
      'dev/terraform.tfstate@v2: AES256',
      'dev/terraform.tfstate@v1: aws:kms arn:aws:kms:us-west-1:123456789012:key/other',
      'dev/terraform.tfstate.tflock@v1: no SSE',
    ]);
  });

  test('versions come oldest first (S3 lists the newest first), per key', () => {
    const objects = [object('a', 'new'), object('b', 'only'), object('a', 'old')];
    expect(versionsOf(inspection(objects), 'a').map((o) => o.versionId)).toEqual(['old', 'new']);
  });

  test('resources are counted in a state file; anything else counts none', () => {
    expect(resourceCount('{"resources":[{},{}]}')).toBe(2);
    expect(resourceCount('{"ID":"lock"}')).toBe(0);
    expect(resourceCount('not json')).toBe(0);
  });

  test('a secret is found in every state text that holds its value', () => {
    const secret = {
      kind: 'ssm-secure-string' as const,
      name: '/appointments-dev/page-token-secret',
      value: 'c0ffee-1234',
    };
    const other = { kind: 'api-key' as const, name: 'appointments-dev-client', value: 'never-written' };
    const states = [
      { where: 'dev@v1', text: '{"value":"c0ffee-1234"}' },
      { where: 'dev@v2', text: '{}' },
      { where: 'bootstrap', text: 'c0ffee-1234' },
    ];
    expect(secretsInState([secret, other], states)).toEqual([{ secret, where: ['dev@v1', 'bootstrap'] }]);
  });

  describe('reviewing findings', () => {
    const defect: ToleratedSecret = {
      kind: 'ssm-secure-string',
      name: /page-token-secret$/,
      defect: true,
      why: 'DEFECT',
    };
    const choice: ToleratedSecret = { kind: 'api-key', name: /-client$/, defect: false, why: 'by design' };
    const finding = (kind: 'ssm-secure-string' | 'api-key', name: string) => ({
      secret: { kind, name, value: 'v' },
      where: ['s'],
    });

    test('a finding no entry tolerates is unexpected; a tolerated one carries its reason', () => {
      const review = reviewSecrets(
        [finding('ssm-secure-string', '/a/page-token-secret'), finding('ssm-secure-string', '/a/db-password')],
        [defect, choice],
      );
      expect(review.unexpected.map((f) => f.secret.name)).toEqual(['/a/db-password']);
      expect(review.tolerated.map((f) => [f.secret.name, f.why, f.defect])).toEqual([
        ['/a/page-token-secret', 'DEFECT', true],
      ]);
      expect(review.fixedDefects).toEqual([]);
    });

    test('a tolerated defect no longer found is reported as fixed, so its entry goes', () => {
      expect(reviewSecrets([], [defect, choice]).fixedDefects).toEqual([defect]);
    });

    test('an entry tolerates only its own kind of secret', () => {
      expect(reviewSecrets([finding('api-key', '/a/page-token-secret')], [defect]).unexpected).toHaveLength(1);
    });
  });
});

describe('the test uploads', () => {
  const answers = (over: Record<string, object> = {}) =>
    Object.entries({
      'SSE-S3': { accepted: false, error: 'AccessDenied' },
      'another KMS key': { accepted: false, error: 'AccessDenied' },
      'aws:kms without a key': { accepted: false, error: 'AccessDenied' },
      'the state key': { accepted: true, serverSideEncryption: 'aws:kms', kmsKeyArn: KEY },
      'no SSE headers': { accepted: true, serverSideEncryption: 'aws:kms', kmsKeyArn: KEY },
      ...over,
    }).map(([upload, answer]) => ({ upload, ...answer }));

  test('refused under any other encryption, stored under the state key otherwise: nothing to report', () => {
    expect(uploadsAnsweredWrongly({ ...inspection([]), uploads: answers() })).toEqual([]);
  });

  test('an accepted SSE-S3 upload, a header-less upload left unencrypted and a missing attempt are reported', () => {
    const uploads = answers({
      'SSE-S3': { accepted: true, serverSideEncryption: 'AES256' },
      'no SSE headers': { accepted: true, serverSideEncryption: null, kmsKeyArn: null },
    }).filter((u) => u.upload !== 'the state key');
    expect(uploadsAnsweredWrongly({ ...inspection([]), uploads })).toEqual([
      'an upload with SSE-S3 was accepted',
      'no test upload with the state key',
      'an upload with no SSE headers should be stored under the state key, got: stored as null',
    ]);
  });
});
