/**
 * Each protection in the sources, removed or renamed one at a time: every IAM condition key, every
 * trust-policy condition, every DynamoDB conditional write, every protection of who may call. `run.ts` applies each to a separate
 * git worktree and checks that the named tests fail. An edit whose `find` no longer matches
 * exactly once fails the run, so this list cannot silently go stale.
 */
import { CONDITIONAL_WRITE_REMOVALS } from './conditional-write-removals';
import { IDENTITY_REMOVALS } from './identity-removals';
import { TENANCY_REMOVALS } from './tenancy-removals';

export interface Removal {
  /** What is removed, as the report names it. */
  readonly name: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  /** Jest paths that must fail with the edit. */
  readonly tests: readonly string[];
}

// The synth-heavy bundle-cache and deterministic-synth suites see no policy; they are left out.
const IAM_TESTS = [
  '__tests__/security',
  '__tests__/stacks/bootstrap-stack.test.ts',
  '__tests__/stacks/function-permissions.test.ts',
  '__tests__/stacks/service-stack.test.ts',
  '__tests__/policy',
];

/** A condition key renamed, then its whole condition entry deleted. */
function conditionKey(file: string, variable: string, entry: string, deleted = ''): Removal[] {
  return [
    { name: `rename ${variable}`, file, find: `'${variable}'`, replace: `'${variable}Renamed'`, tests: IAM_TESTS },
    { name: `delete ${variable} condition`, file, find: entry, replace: deleted, tests: IAM_TESTS },
  ];
}

const secureTransport = "condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],";

export const REMOVALS: readonly Removal[] = [
  ...conditionKey(
    'constructs/reminders/reminder-scheduling.ts',
    'iam:PassedToService',
    "condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['scheduler.amazonaws.com'] }],",
  ),
  ...conditionKey(
    'constructs/api/api-stage.ts',
    'aws:SourceAccount',
    "condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }],",
  ),
  ...conditionKey('constructs/notifications/encrypted-topic.ts', 'aws:SecureTransport', secureTransport),
  ...conditionKey(
    'constructs/notifications/encrypted-topic.ts',
    'aws:SourceAccount',
    "{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [StackEnvironment.of(this).account] },",
  ),
  ...conditionKey(
    'constructs/notifications/encrypted-topic.ts',
    'aws:SourceArn',
    "{ test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArnLike] },",
  ),
  ...conditionKey('constructs/messaging/encrypted-queue.ts', 'aws:SecureTransport', secureTransport),
  ...conditionKey(
    'constructs/storage/table-grants.ts',
    'dynamodb:LeadingKeys',
    "return [{ test: 'ForAllValues:StringLike', variable: 'dynamodb:LeadingKeys', values: [...prefixes] }];",
    'return undefined;',
  ),
  // Trust policies of every function role and the Scheduler role.
  ...conditionKey(
    'constructs/iam/role-policy.ts',
    'aws:SourceAccount',
    "const condition = [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }];",
    'const condition: { test: string; variable: string; values: string[] }[] = [];',
  ),
  ...conditionKey(
    'constructs/iam/role-policy.ts',
    'aws:SourceArn',
    "condition.push({ test: 'ArnLike', variable: 'aws:SourceArn', values: [props.sourceArnLike] });",
    '{}',
  ),
  ...conditionKey('constructs/state/state-bucket.ts', 'aws:SecureTransport', secureTransport),
  ...conditionKey(
    'constructs/security/encryption-key.ts',
    'kms:ViaService',
    "{ test: 'StringEquals', variable: 'kms:ViaService', values: services.map((s) => `${s}.${region}.amazonaws.com`) },",
  ),
  ...conditionKey(
    'constructs/security/encryption-key.ts',
    'kms:GrantIsForAWSResource',
    "condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],",
  ),
  {
    name: 'rename kms:EncryptionContext:aws:logs:arn',
    file: 'constructs/security/service-keys.ts',
    find: "'kms:EncryptionContext:aws:logs:arn'",
    replace: "'kms:EncryptionContext:aws:logs:arnRenamed'",
    tests: IAM_TESTS,
  },
  {
    name: 'delete kms:EncryptionContext:aws:logs:arn condition',
    file: 'constructs/security/service-keys.ts',
    find: "test: 'ArnLike',\n          variable: 'kms:EncryptionContext:aws:logs:arn',",
    replace: "test: 'ArnLike',\n          variable: 'aws:SourceAccountPlaceholder',",
    tests: IAM_TESTS,
  },
  ...stateBucketConditions(),
  {
    name: 'rename kms:EncryptionContext:aws:lambda:FunctionArn',
    file: 'constructs/functions/service-function.ts',
    find: "'kms:EncryptionContext:aws:lambda:FunctionArn'",
    replace: "'kms:EncryptionContext:aws:lambda:FunctionArnRenamed'",
    tests: IAM_TESTS,
  },
  {
    name: 'delete kms:EncryptionContext:aws:lambda:FunctionArn condition',
    file: 'constructs/functions/service-function.ts',
    find: 'resources: [props.environmentKey.arn],\n        condition: [',
    replace: 'resources: [props.environmentKey.arn],\n        _unconditioned: [',
    tests: IAM_TESTS,
  },
  ...CONDITIONAL_WRITE_REMOVALS,
  ...IDENTITY_REMOVALS,
  ...TENANCY_REMOVALS,
];

/** The state bucket's policy: uploads only under SSE-KMS with the state keys, reads only by the readers. */
function stateBucketConditions(): Removal[] {
  const file = 'constructs/state/state-bucket.ts';
  const edit = (name: string, find: string, replace: string): Removal => ({
    name,
    file,
    find,
    replace,
    tests: IAM_TESTS,
  });
  const sseNull = "{ test: 'Null', variable: 's3:x-amz-server-side-encryption', values: ['false'] },\n";
  const sseKms = "{ test: 'StringNotEquals', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] },";
  const keyId = "variable: 's3:x-amz-server-side-encryption-aws-kms-key-id',";
  const account = "[{ test: 'StringNotEquals', variable: 'aws:PrincipalAccount', values: [props.accountId] }]";
  const readers = "[{ test: 'ArnNotLike', variable: 'aws:PrincipalArn', values: [...readers] }]";
  return [
    edit(
      'DenyUploadsNotSseKms: delete the Null s3:x-amz-server-side-encryption condition',
      `${sseNull}        ${sseKms}`,
      sseKms,
    ),
    edit(
      'DenyUploadsNotSseKms: rename s3:x-amz-server-side-encryption',
      sseKms,
      sseKms.replace("encryption'", "encryptionRenamed'"),
    ),
    edit('DenyUploadsNotSseKms: delete the aws:kms condition', `${sseNull}        ${sseKms}`, sseNull),
    edit(
      'DenyUploadsUnderOtherKeys: rename s3:x-amz-server-side-encryption-aws-kms-key-id',
      keyId,
      keyId.replace("key-id'", "key-idRenamed'"),
    ),
    edit(
      'DenyUploadsUnderOtherKeys: delete the Null condition',
      `${sseNull}        {\n          test: 'StringNotEquals',\n          ${keyId}`,
      `{\n          test: 'StringNotEquals',\n          ${keyId}`,
    ),
    edit('rename aws:PrincipalAccount', account, account.replace("Account'", "AccountRenamed'")),
    edit('delete aws:PrincipalAccount condition', account, '[]'),
    edit('rename aws:PrincipalArn', readers, readers.replace("Arn'", "ArnRenamed'")),
    edit('delete aws:PrincipalArn condition', readers, '[]'),
  ];
}
