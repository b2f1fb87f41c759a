/**
 * Who may do what (contract, *What each role may do*), as the one module every operation asks
 * before it touches data. Pure functions over the caller and the target; the tenant is compared
 * too, although keys already confine every read to the caller's tenant, so that a key-layout
 * mistake cannot become a cross-tenant read.
 *
 * | operation                     | staff | provider P      | customer C                  |
 * | ----------------------------- | ----- | --------------- | --------------------------- |
 * | book                          | any   | 403             | only for customer C, else 403 |
 * | see, change, cancel one       | any   | providerId = P  | customer.customerId = C     |
 * | list by provider X            | any   | X = P, else 403 | 403                         |
 * | list by customer Y            | any   | 403             | Y = C, else 403             |
 * | write provider X's profile    | any   | X = P, else 403 | 403                         |
 * | read a profile, its slots     | yes   | yes             | yes                         |
 *
 * An appointment the caller may not see is answered as one that does not exist (NOT_FOUND), so
 * ids cannot be probed; the operation throws that itself, from `maySee`.
 */
import type { CallerIdentity } from '../identity/caller-identity';
import { forbidden } from './errors';
import type { ListSelector } from './listing';

/** What access to one appointment depends on. */
export interface AppointmentOwnership {
  readonly tenantId: string;
  readonly providerId: string;
  readonly customer: { readonly customerId: string };
}

/** Whether `caller` may see (and so change or cancel) `appointment`. */
export function maySee(caller: CallerIdentity, appointment: AppointmentOwnership): boolean {
  if (appointment.tenantId !== caller.tenantId) return false;
  switch (caller.role) {
    case 'staff':
      return true;
    case 'provider':
      return appointment.providerId === caller.providerId;
    case 'customer':
      return appointment.customer.customerId === caller.customerId;
  }
}

/** Throws FORBIDDEN unless `caller` may book for `customerId`; `overrideAvailability` is staff's alone. */
export function assertMayBook(
  caller: CallerIdentity,
  booking: { readonly customerId: string; readonly overrideAvailability?: boolean },
): void {
  if (caller.role === 'provider') throw forbidden('Providers cannot book appointments.');
  if (caller.role === 'customer' && booking.customerId !== caller.customerId) {
    throw forbidden('Customers can only book for themselves.');
  }
  assertMayOverrideAvailability(caller, booking.overrideAvailability);
}

/** Throws FORBIDDEN when a caller other than staff asks to override availability. */
export function assertMayOverrideAvailability(caller: CallerIdentity, overrideAvailability: boolean | undefined): void {
  if (overrideAvailability === true && caller.role !== 'staff') {
    throw forbidden('Only staff can override availability.');
  }
}

/** Throws FORBIDDEN unless `caller` may list by `selector`. */
export function assertMayList(caller: CallerIdentity, selector: ListSelector): void {
  if (caller.role === 'staff') return;
  if (selector.kind === 'provider') {
    if (caller.role === 'provider' && selector.id === caller.providerId) return;
    throw forbidden("Only staff and the provider itself can list a provider's appointments.");
  }
  if (caller.role === 'customer' && selector.id === caller.customerId) return;
  throw forbidden("Only staff and the customer itself can list a customer's appointments.");
}

/** Throws FORBIDDEN unless `caller` may create or replace provider `providerId`'s profile. */
export function assertMayWriteProvider(caller: CallerIdentity, providerId: string): void {
  if (caller.role === 'staff') return;
  if (caller.role === 'provider' && providerId === caller.providerId) return;
  throw forbidden("Only staff and the provider itself can change a provider's profile.");
}
