/** Each DynamoDB conditional write of the sources, deleted or weakened (see removals.ts). */
import type { Removal } from './removals';

const CONDITIONAL_WRITES = '__tests__/security/conditional-writes.test.ts';
const REPOSITORY_TESTS = ['__tests__/data', '__tests__/functions', CONDITIONAL_WRITES];
const REMINDER_TESTS = ['__tests__/notifications', CONDITIONAL_WRITES];
/** The availability conditions: profile version, day limit, profile writes. */
const AVAILABILITY_TESTS = [
  '__tests__/functions/availability-rules.test.ts',
  '__tests__/functions/availability-concurrency.test.ts',
  '__tests__/functions/providers-api.test.ts',
  CONDITIONAL_WRITES,
];

function conditionalWrites(): Removal[] {
  const repository = 'src/data/dynamo-repository.ts';
  const reminders = 'src/notifications/reminder-store.ts';
  const write = (name: string, file: string, find: string, replace: string): Removal => ({
    name,
    file,
    find,
    replace,
    tests: file === reminders ? REMINDER_TESTS : file === repository ? REPOSITORY_TESTS : AVAILABILITY_TESTS,
  });
  const calendar = 'src/data/provider-calendar.ts';
  const profiles = 'src/data/provider-profiles.ts';
  const appointmentPut =
    "Item: toAppointmentItem(tenantId, appointment, calendar.hold),\n        ConditionExpression: 'attribute_not_exists(pk)',";
  const lockPut =
    "Item: slotLockItem(this.options.tenantId, appointment.providerId, slot, appointment.appointmentId),\n        ConditionExpression: 'attribute_not_exists(pk)',";
  const profileCheck = "ConditionExpression: '#version = :decidedOn',";
  const dayLimit = "ConditionExpression: 'attribute_not_exists(#bookings) OR #bookings < :limit',";
  const profileReplace = "ConditionExpression: 'version = :read',";
  const profileCreate = ": { ConditionExpression: 'attribute_not_exists(pk)' }),";
  const idempotency = "ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',";
  const guard = "ConditionExpression: '#version = :expectedVersion AND #status = :confirmed',";
  const release = "ConditionExpression: 'attribute_not_exists(pk) OR appointmentId = :appointmentId',";
  const claim = "},\n          ConditionExpression: 'attribute_not_exists(pk)',";
  const claimRelease = "ConditionExpression: 'claimId = :claimId',";
  return [
    write('booking put: delete attribute_not_exists(pk)', repository, appointmentPut, appointmentPut.split('\n')[0]),
    write('booking put: rename pk', repository, appointmentPut, appointmentPut.replace('(pk)', '(pkRenamed)')),
    write('slot lock put: delete', repository, lockPut, lockPut.split('\n')[0]),
    write('slot lock put: rename pk', repository, lockPut, lockPut.replace('(pk)', '(pkRenamed)')),
    write(
      'profile version check: any version passes',
      calendar,
      profileCheck,
      profileCheck.replace("'#version = :decidedOn'", "'attribute_exists(pk) OR #version = :decidedOn'"),
    ),
    write(
      'profile version check: rename version',
      calendar,
      "'#version': 'version' }",
      "'#version': 'versionRenamed' }",
    ),
    write('day limit: one more allowed', calendar, dayLimit, dayLimit.replace('<', '<=')),
    write(
      'day limit: a full day passes',
      calendar,
      dayLimit,
      dayLimit.replace("< :limit'", "< :limit OR attribute_exists(pk)'"),
    ),
    write(
      'day limit: rename bookings',
      calendar,
      "'#bookings': 'bookings' },\n      ...(limit",
      "'#bookings': 'bookingsRenamed' },\n      ...(limit",
    ),
    write('profile replace: any version', profiles, profileReplace, "ConditionExpression: 'attribute_exists(pk)',"),
    write('profile create: over an existing one', profiles, profileCreate, ': {}),'),
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
