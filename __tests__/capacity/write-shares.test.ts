/**
 * The write-cost bound of `npm run capacity`: the costliest request of each operation, checked
 * against the domain's own limits, and each client's share of the write ceilings.
 */
import { DEFAULT_ENVIRONMENTS, ENVIRONMENT_NAMES, EnvironmentConfig } from '../../config/environments';
import {
  largestAppointment,
  largestProviderProfile,
  MAX_BUFFER_MINUTES,
  MAX_DURATION_MINUTES,
  MAX_LOCKS,
  writeCosts,
} from '../../bench/capacity-write-costs';
import { parseProviderProfileRequest } from '../../src/domain/availability/provider-profile';
import { heldSlots } from '../../src/domain/availability/calendar';
import { writeShareChecks } from '../../bench/capacity-write-shares';
import { slotStarts } from '../../src/domain/slots';
import { customerSchema, durationSchema, notesSchema } from '../../src/domain/validation';

const environments = ENVIRONMENT_NAMES.map((name) => ({ name, ...DEFAULT_ENVIRONMENTS[name] }));

describe('the costliest request of each operation', () => {
  test('the longest booking the domain accepts is 480 minutes; with the longest buffers it holds 48 slot locks', () => {
    expect(durationSchema.safeParse(MAX_DURATION_MINUTES).success).toBe(true);
    expect(durationSchema.safeParse(MAX_DURATION_MINUTES + 15).success).toBe(false);
    const startMs = Date.parse('2026-12-01T17:00:00Z');
    const interval = { startMs, endMs: startMs + MAX_DURATION_MINUTES * 60_000 };
    expect(slotStarts(interval)).toHaveLength(32);
    const longest = { bufferBeforeMinutes: MAX_BUFFER_MINUTES, bufferAfterMinutes: MAX_BUFFER_MINUTES };
    expect(heldSlots(interval, longest)).toHaveLength(MAX_LOCKS);
    expect(MAX_LOCKS).toBe(48);
  });

  test('the largest provider profile is one the domain accepts, and no larger one is', () => {
    const { providerId, version, createdAt, updatedAt, ...profile } = largestProviderProfile();
    expect([providerId, version, createdAt, updatedAt].every((field) => field !== undefined)).toBe(true);
    expect(() => parseProviderProfileRequest(profile)).not.toThrow();
    const overrides = profile.dateOverrides as unknown[];
    expect(() => parseProviderProfileRequest({ ...profile, dateOverrides: [...overrides, overrides[0]] })).toThrow();
    expect(() => parseProviderProfileRequest({ ...profile, name: `${String(profile.name)}€` })).toThrow();
  });

  test("the largest appointment's text is as long as the domain accepts, in 3-byte characters", () => {
    const appointment = largestAppointment() as { customer: { name: string }; notes: string };
    expect(customerSchema.safeParse({ customerId: 'c-1', name: appointment.customer.name }).success).toBe(true);
    expect(customerSchema.safeParse({ customerId: 'c-1', name: `${appointment.customer.name}€` }).success).toBe(false);
    expect(notesSchema.safeParse(appointment.notes).success).toBe(true);
    expect(notesSchema.safeParse(`${appointment.notes}€`).success).toBe(false);
    // No UTF-16 unit takes more than 3 bytes of UTF-8: a 4-byte character is two units.
    expect(Buffer.byteLength('€')).toBe(3);
    expect(Buffer.byteLength('\u{1F600}') / '\u{1F600}'.length).toBe(2);
  });

  test('at 1 KB an item, a booking writes 53 items (106 WCU), moving it 100 (200 WCU), cancelling it 50 (100 WCU)', () => {
    const costs = writeCosts();
    expect(costs['create-appointment']).toMatchObject({ items: 53, typicalWcu: 106 });
    // 100 is also the most items one TransactWriteItems may hold: the longest move just fits.
    expect(costs['update-appointment']).toMatchObject({ items: 100, typicalWcu: 200 });
    expect(costs['cancel-appointment']).toMatchObject({ items: 50, typicalWcu: 100 });
    expect(costs['put-provider']).toMatchObject({ items: 2, typicalWcu: 6 });
    const reads = ['get-appointment', 'list-appointments', 'get-provider', 'list-free-slots'] as const;
    expect(reads.map((operation) => costs[operation].worstWcu)).toEqual([0, 0, 0, 0]);
  });

  test('with the longest text (a full customer bookings item, the largest profile) each costs more', () => {
    const costs = writeCosts();
    expect([
      costs['create-appointment'].worstWcu,
      costs['update-appointment'].worstWcu,
      costs['cancel-appointment'].worstWcu,
      costs['put-provider'].worstWcu,
    ]).toEqual([134, 212, 112, 122]);
  });
});

describe("each client's share of the write ceilings", () => {
  test('every environment as configured: every client stays within its share', () => {
    const checks = writeShareChecks(environments);
    expect(checks.filter((c) => !c.holds).map((c) => c.line)).toEqual([]);
    expect(checks.map((c) => `${c.environment}/${c.client}`)).toEqual([
      'dev/developer',
      'staging/web',
      'staging/clinic',
      'prod/web',
      'prod/clinic',
    ]);
  });

  test('a client whose write throttle can take more than its share fails, naming the environment and the client', () => {
    const prod = environments.find((e) => e.name === 'prod') as EnvironmentConfig;
    const greedy = {
      ...prod,
      apiClients: prod.apiClients.map((c) => (c.name === 'clinic' ? { ...c, writeRateLimit: 4 } : c)),
    };
    const [web, clinic] = writeShareChecks([greedy]);
    expect(web.holds).toBe(true);
    expect(clinic).toMatchObject({ holds: false, worstWcu: 2320, shareWcu: 1950 });
    expect(clinic.line).toBe(
      'FAILS prod: client clinic at 4/s on each of POST, PATCH, DELETE, PUT x 580 WCU = 2320 WCU/s on the table, ' +
        'MORE than its 25% share of the 7800 WCU ceiling (1950); x 35 = 140 WCU/s on each index, ' +
        'MORE than its share of 500 (125)',
    );
  });

  test("a lower table ceiling fails the client it no longer holds, even when each index's share holds", () => {
    const dev = environments.find((e) => e.name === 'dev') as EnvironmentConfig;
    const [check] = writeShareChecks([
      { ...dev, tableCapacity: { ...dev.tableCapacity, write: { min: 10, max: 30 } } },
    ]);
    expect(check).toMatchObject({ environment: 'dev', client: 'developer', holds: false, worstIndexWcu: 3.5 });
    expect(check.line).toMatch(/^FAILS dev: client developer .* MORE than its 100% share of the 30 WCU ceiling \(30\)/);
  });
});
