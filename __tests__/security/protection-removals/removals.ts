/**
 * Each protection in the sources, removed or renamed one at a time: every IAM condition key, every
 * trust-policy condition, every DynamoDB conditional write. `run.ts` applies each to a separate
 * git worktree and checks that the named tests fail. An edit whose `find` no longer matches
 * exactly once fails the run, so this list cannot silently go stale.
 */
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
  '__tests__/stacks/function-permissions.test.ts',
  '__tests__/stacks/service-stack.test.ts',
  '__tests__/policy',
];
const CONDITIONAL_WRITES = '__tests__/security/conditional-writes.test.ts';
const REPOSITORY_TESTS = ['__tests__/data', '__tests__/functions', CONDITIONAL_WRITES];
const REMINDER_TESTS = ['__tests__/notifications', CONDITIONAL_WRITES];

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
  ...conditionalWrites(),
];

function conditionalWrites(): Removal[] {
  const repository = 'src/data/dynamo-repository.ts';
  const reminders = 'src/notifications/reminder-store.ts';
  const write = (name: string, file: string, find: string, replace: string): Removal => ({
    name,
    file,
    find,
    replace,
    tests: file === reminders ? REMINDER_TESTS : REPOSITORY_TESTS,
  });
  const appointmentPut = "Item: toAppointmentItem(appointment), ConditionExpression: 'attribute_not_exists(pk)' }";
  const lockPut = "Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }";
  const takenLock =
    "Item: slotLockItem(current.providerId, slot, current.appointmentId),\n          ConditionExpression: 'attribute_not_exists(pk)',";
  const idempotency = "ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',";
  const guard = "ConditionExpression: '#version = :expectedVersion AND #status = :confirmed',";
  const release = "ConditionExpression: 'attribute_not_exists(pk) OR appointmentId = :appointmentId',";
  const claim = "},\n          ConditionExpression: 'attribute_not_exists(pk)',";
  const claimRelease = "ConditionExpression: 'claimId = :claimId',";
  return [
    write(
      'booking put: delete attribute_not_exists(pk)',
      repository,
      appointmentPut,
      'Item: toAppointmentItem(appointment) }',
    ),
    write('booking put: rename pk', repository, appointmentPut, appointmentPut.replace('(pk)', '(pkRenamed)')),
    write('slot lock put (create): delete', repository, lockPut, 'Put: { TableName, Item }'),
    write('slot lock put (create): rename pk', repository, lockPut, lockPut.replace('(pk)', '(pkRenamed)')),
    write('slot lock put (reschedule): delete', repository, takenLock, takenLock.split('\n')[0]),
    write('slot lock put (reschedule): rename pk', repository, takenLock, takenLock.replace('(pk)', '(pkRenamed)')),
    write('idempotency put: rename pk', repository, idempotency, idempotency.replace('(pk)', '(pkRenamed)')),
    write(
      'idempotency put: rename expiresAt',
      repository,
      idempotency,
      idempotency.replace('expiresAt', 'expiresAtRenamed'),
    ),
    write('idempotency put: expiry test reversed', repository, idempotency, idempotency.replace('<', '>')),
    write(
      'appointment guard: drop the version check',
      repository,
      guard,
      guard.replace('#version = :expectedVersion', ':expectedVersion = :expectedVersion'),
    ),
    write(
      'appointment guard: drop the status check',
      repository,
      guard,
      guard.replace('#status = :confirmed', '(#status = :confirmed OR attribute_exists(#status))'),
    ),
    write('appointment guard: AND becomes OR', repository, guard, guard.replace(' AND ', ' OR ')),
    write(
      'lock release: any holder may delete',
      repository,
      release,
      release.replace('appointmentId = :appointmentId', '(appointmentId = :appointmentId OR attribute_exists(pk))'),
    ),
    write(
      'lock release: rename appointmentId',
      repository,
      release,
      release.replace('appointmentId =', 'appointmentIdRenamed ='),
    ),
    write('reminder claim put: delete', reminders, claim, '},'),
    write('reminder claim put: rename pk', reminders, claim, claim.replace('(pk)', '(pkRenamed)')),
    write(
      'reminder release: any claim may delete',
      reminders,
      claimRelease,
      claimRelease.replace("'claimId = :claimId'", "'claimId = :claimId OR attribute_exists(pk)'"),
    ),
    write(
      'reminder release: rename claimId',
      reminders,
      claimRelease,
      claimRelease.replace("'claimId =", "'claimIdRenamed ="),
    ),
  ];
}
