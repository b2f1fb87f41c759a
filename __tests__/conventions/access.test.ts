import {
  assertMayBook,
  assertMayList,
  assertMayOverrideAvailability,
  assertMayWriteProvider,
  maySee,
} from '../../src/domain/access';
import { AppointmentError } from '../../src/domain/errors';
import type { CallerIdentity } from '../../src/identity/caller-identity';
import type { ListSelector } from '../../src/domain/listing';

const staff: CallerIdentity = { tenantId: 'clinic-a', role: 'staff', subject: 's-1' };
const providerP: CallerIdentity = { tenantId: 'clinic-a', role: 'provider', subject: 'p-1', providerId: 'dr-p' };
const customerC: CallerIdentity = { tenantId: 'clinic-a', role: 'customer', subject: 'c-sub', customerId: 'cust-c' };

/** An appointment of provider `providerId` for customer `customerId` in `tenantId`. */
const appointment = (tenantId: string, providerId: string, customerId: string) => ({
  tenantId,
  providerId,
  customer: { customerId },
});

/** What the call does: 'allowed' or the error code it throws. */
function outcome(run: () => void): string {
  try {
    run();
    return 'allowed';
  } catch (error) {
    if (error instanceof AppointmentError) return error.code;
    throw error;
  }
}

describe('one appointment: staff see all of their tenant, a provider its own, a customer its own', () => {
  test.each([
    // caller, appointment's tenant, provider, customer, may see
    ['staff', staff, 'clinic-a', 'dr-x', 'cust-y', true],
    ['staff', staff, 'clinic-b', 'dr-x', 'cust-y', false],
    ['provider P', providerP, 'clinic-a', 'dr-p', 'cust-y', true],
    ['provider P', providerP, 'clinic-a', 'dr-x', 'cust-y', false],
    ['provider P', providerP, 'clinic-b', 'dr-p', 'cust-y', false],
    ['customer C', customerC, 'clinic-a', 'dr-x', 'cust-c', true],
    ['customer C', customerC, 'clinic-a', 'dr-x', 'cust-y', false],
    ['customer C', customerC, 'clinic-b', 'dr-x', 'cust-c', false],
    // A provider whose id equals the customer's id, or the reverse, gains nothing.
    ['provider P, as a customer id', providerP, 'clinic-a', 'dr-x', 'dr-p', false],
    ['customer C, as a provider id', customerC, 'clinic-a', 'cust-c', 'cust-y', false],
  ])('%s, appointment in %s of %s for %s: %s', (_, caller, tenantId, providerId, customerId, expected) => {
    expect(maySee(caller, appointment(tenantId, providerId, customerId))).toBe(expected);
  });
});

describe('booking: staff for anyone, a customer for itself, a provider never', () => {
  test.each([
    ['staff', staff, 'cust-y', undefined, 'allowed'],
    ['staff overriding availability', staff, 'cust-y', true, 'allowed'],
    ['provider P', providerP, 'cust-y', undefined, 'FORBIDDEN'],
    ['customer C for itself', customerC, 'cust-c', undefined, 'allowed'],
    ['customer C for itself, override false', customerC, 'cust-c', false, 'allowed'],
    ['customer C for another', customerC, 'cust-y', undefined, 'FORBIDDEN'],
    ['customer C overriding availability', customerC, 'cust-c', true, 'FORBIDDEN'],
  ])('%s: %s', (_, caller, customerId, overrideAvailability, expected) => {
    expect(outcome(() => assertMayBook(caller, { customerId, overrideAvailability }))).toBe(expected);
  });

  test('the refusals say why', () => {
    expect(() => assertMayBook(providerP, { customerId: 'cust-y' })).toThrow('Providers cannot book appointments.');
    expect(() => assertMayBook(customerC, { customerId: 'cust-y' })).toThrow('Customers can only book for themselves.');
    expect(() => assertMayOverrideAvailability(providerP, true)).toThrow('Only staff can override availability.');
  });

  test('only staff may override availability on a change', () => {
    expect(
      [staff, providerP, customerC].map((caller) => outcome(() => assertMayOverrideAvailability(caller, true))),
    ).toEqual(['allowed', 'FORBIDDEN', 'FORBIDDEN']);
    expect(
      [staff, providerP, customerC].map((caller) => outcome(() => assertMayOverrideAvailability(caller, undefined))),
    ).toEqual(['allowed', 'allowed', 'allowed']);
  });
});

describe('listing: by provider for staff and that provider, by customer for staff and that customer', () => {
  test.each<[string, CallerIdentity, ListSelector, string]>([
    ['staff by any provider', staff, { kind: 'provider', id: 'dr-x' }, 'allowed'],
    ['staff by any customer', staff, { kind: 'customer', id: 'cust-y' }, 'allowed'],
    ['provider P by P', providerP, { kind: 'provider', id: 'dr-p' }, 'allowed'],
    ['provider P by another provider', providerP, { kind: 'provider', id: 'dr-x' }, 'FORBIDDEN'],
    ['provider P by a customer', providerP, { kind: 'customer', id: 'cust-c' }, 'FORBIDDEN'],
    ['provider P by a customer id equal to P', providerP, { kind: 'customer', id: 'dr-p' }, 'FORBIDDEN'],
    ['customer C by C', customerC, { kind: 'customer', id: 'cust-c' }, 'allowed'],
    ['customer C by another customer', customerC, { kind: 'customer', id: 'cust-y' }, 'FORBIDDEN'],
    ['customer C by a provider', customerC, { kind: 'provider', id: 'dr-p' }, 'FORBIDDEN'],
    ['customer C by a provider id equal to C', customerC, { kind: 'provider', id: 'cust-c' }, 'FORBIDDEN'],
  ])('%s: %s', (_, caller, selector, expected) => {
    expect(outcome(() => assertMayList(caller, selector))).toBe(expected);
  });

  test('the refusals name the collection', () => {
    expect(() => assertMayList(customerC, { kind: 'provider', id: 'dr-p' })).toThrow(
      "Only staff and the provider itself can list a provider's appointments.",
    );
    expect(() => assertMayList(providerP, { kind: 'customer', id: 'cust-c' })).toThrow(
      "Only staff and the customer itself can list a customer's appointments.",
    );
  });
});

describe("a provider's profile: staff write any, a provider its own, a customer none", () => {
  test.each([
    ['staff', staff, 'dr-x', 'allowed'],
    ['provider P its own', providerP, 'dr-p', 'allowed'],
    ['provider P another', providerP, 'dr-x', 'FORBIDDEN'],
    ['customer C', customerC, 'dr-p', 'FORBIDDEN'],
    ['customer C with its own id as provider id', customerC, 'cust-c', 'FORBIDDEN'],
  ])('%s: %s', (_, caller, providerId, expected) => {
    expect(outcome(() => assertMayWriteProvider(caller, providerId))).toBe(expected);
  });

  test('the refusal says why', () => {
    expect(() => assertMayWriteProvider(customerC, 'dr-p')).toThrow(
      "Only staff and the provider itself can change a provider's profile.",
    );
  });
});
