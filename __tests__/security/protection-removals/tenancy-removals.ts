/**
 * Each protection of whose data a request may touch, removed one at a time (see removals.ts):
 * the tenant in the keys, the caller's tenant picking the repository, every role check of the
 * operations, the tenant in page tokens and idempotency records, the tenant check of listed
 * items, and the limit on a customer's open bookings with the condition that keeps it under
 * concurrency.
 */
import type { Removal } from './removals';

const DATA_TESTS = ['__tests__/data', '__tests__/identity/role-matrix.handlers.test.ts'];
const ROLE_TESTS = ['__tests__/identity/role-matrix.handlers.test.ts', '__tests__/conventions/access.test.ts'];

const edit = (name: string, file: string, find: string, replace: string, tests: readonly string[]): Removal => ({
  name: `tenancy: ${name}`,
  file,
  find,
  replace,
  tests,
});

export const TENANCY_REMOVALS: readonly Removal[] = [
  edit(
    'appointment keys without the tenant',
    'src/data/keys.ts',
    'pk: `APPT#${tenantId}#${appointmentId}`,',
    'pk: `APPT#${appointmentId}`,',
    DATA_TESTS,
  ),
  edit(
    'idempotency records without the tenant and caller',
    'src/data/idempotency.ts',
    'pk: `IDEMPOTENCY#${tenantId}#${subject}#${sha256Hex(key)}`,',
    'pk: `IDEMPOTENCY#${sha256Hex(key)}`,',
    [...DATA_TESTS, '__tests__/functions/booking-api.test.ts'],
  ),
  edit(
    'page tokens not bound to the tenant',
    'src/data/page-token.ts',
    '.update(JSON.stringify([tenantId, selector.kind,',
    '.update(JSON.stringify([selector.kind,',
    DATA_TESTS,
  ),
  edit(
    'listed items not checked for their tenant',
    'src/data/dynamo-listing.ts',
    'if (tenantOfItem(item) !== tenantId) throw',
    'if (tenantOfItem(item) === "never") throw',
    DATA_TESTS,
  ),
  edit(
    "the repository of a fixed tenant, not the caller's",
    'src/http/handler.ts',
    'repository: repositoryFor(caller.tenantId)',
    "repository: repositoryFor('clinic-a')",
    ROLE_TESTS,
  ),
  edit(
    'maySee without the tenant check',
    'src/domain/access.ts',
    'if (appointment.tenantId !== caller.tenantId) return false;',
    '',
    ROLE_TESTS,
  ),
  edit(
    'reading one without maySee',
    'src/http/operations/query.ts',
    'if (!stored || !maySee(caller, ownership(stored))) throw',
    'if (!stored) throw',
    ROLE_TESTS,
  ),
  edit(
    'changing one without maySee',
    'src/http/operations/change.ts',
    'if (!stored || !maySee(caller, ownership(stored))) throw',
    'if (!stored) throw',
    ROLE_TESTS,
  ),
  edit(
    'listing without assertMayList',
    'src/http/operations/query.ts',
    'assertMayList(caller, query.selector);',
    '',
    ROLE_TESTS,
  ),
  edit(
    'booking without assertMayBook',
    'src/http/operations/create.ts',
    'assertMayBook(caller, {',
    'void (caller, {',
    ROLE_TESTS,
  ),
  edit(
    'overrideAvailability on a change by anyone',
    'src/http/operations/change.ts',
    'assertMayOverrideAvailability(scope.caller, request.overrideAvailability);',
    '',
    ROLE_TESTS,
  ),
  edit(
    'no limit on a customer’s bookings',
    'src/http/operations/create.ts',
    "openBookingLimit: caller.role === 'customer' ? openBookingLimit(scope) : undefined,",
    'openBookingLimit: undefined,',
    ROLE_TESTS,
  ),
  edit(
    'the customer bookings item written without its version condition',
    'src/data/customer-bookings.ts',
    "'version = :readVersion'",
    "'version = :readVersion OR attribute_exists(pk)'",
    ['__tests__/data/customer-bookings.test.ts'],
  ),
  edit(
    'staff appends that leave the version as it is',
    'src/data/customer-bookings.ts',
    'expiresAt = :expiresAt ADD version :one',
    'expiresAt = :expiresAt, version = if_not_exists(version, :one)',
    ['__tests__/data/customer-bookings.test.ts'],
  ),
];
