/** Each DynamoDB conditional write of the sources, deleted or weakened (see removals.ts). */
import type { Removal } from './removals';

const CONDITIONAL_WRITES = '__tests__/security/conditional-writes.test.ts';
const REPOSITORY_TESTS = ['__tests__/data', '__tests__/functions', CONDITIONAL_WRITES];
const REMINDER_TESTS = ['__tests__/notifications', CONDITIONAL_WRITES];

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
  const appointmentPut =
    "Item: toAppointmentItem(tenantId, appointment),\n          ConditionExpression: 'attribute_not_exists(pk)',";
  const lockPut = "Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }";
  const takenLock =
    "Item: slotLockItem(this.options.tenantId, current.providerId, slot, current.appointmentId),\n          ConditionExpression: 'attribute_not_exists(pk)',";
  const idempotency = "ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',";
  const guard = "ConditionExpression: '#version = :expectedVersion AND #status = :confirmed',";
  const release = "ConditionExpression: 'attribute_not_exists(pk) OR appointmentId = :appointmentId',";
  const claim = "},\n          ConditionExpression: 'attribute_not_exists(pk)',";
  const claimRelease = "ConditionExpression: 'claimId = :claimId',";
  return [
    write('booking put: delete attribute_not_exists(pk)', repository, appointmentPut, appointmentPut.split('\n')[0]),
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

export const CONDITIONAL_WRITE_REMOVALS: readonly Removal[] = conditionalWrites();
