/**
 * The most a single request of each operation can write, in WCU, from the contract's limits and
 * the table's layout: one slot lock per 15 minutes of the booking (src/domain), every item of a
 * change written in one TransactWriteItems (src/data/dynamo-repository.ts), which costs 2 WCU per
 * started KB of each item. Item sizes are bounded by their JSON length (never below DynamoDB's
 * item size for these string-and-small-number items), with every free-text field at its maximum
 * length in 3-byte characters (a JavaScript string's length counts UTF-16 units; no unit takes
 * more than 3 bytes of UTF-8).
 */
import { SLOT_MINUTES } from '../src/domain/appointment';
import { OperationName } from '../src/operations';
import { MAX_APPENDED_BOOKINGS } from '../src/data/customer-bookings';
import { IANA_TIME_ZONE_NAMES } from '../src/domain/time-zone-names';

/** The longest appointment the contract accepts (`durationMinutes` 15 to 480). */
export const MAX_DURATION_MINUTES = 480;
/** The longest buffers a provider can keep, before and after each appointment (0 to 120 minutes each). */
export const MAX_BUFFER_MINUTES = 120;
/** Slot locks of the longest appointment held with the longest buffers: its padded interval's. */
export const MAX_LOCKS = (MAX_DURATION_MINUTES + 2 * MAX_BUFFER_MINUTES) / SLOT_MINUTES;

/** Bytes of the key attributes an appointment item carries (pk, sk, providerKey, customerKey, startKey), tenant included. */
const KEY_ATTRIBUTE_BYTES = 1024;

const text = (units: number) => '€'.repeat(units); // 3 bytes of UTF-8 per UTF-16 unit, the most there is
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const kb = (byteCount: number) => Math.ceil(byteCount / 1024);

/** The largest appointment the contract allows, as the API returns it. */
export function largestAppointment(): Record<string, unknown> {
  return {
    appointmentId: 'a'.repeat(64),
    providerId: 'p'.repeat(64),
    customer: { customerId: 'c'.repeat(64), name: text(200), email: 'e'.repeat(254), phone: '+123456789012345' },
    start: '2026-12-01T17:00:00Z',
    end: '2026-12-02T01:00:00Z',
    durationMinutes: MAX_DURATION_MINUTES,
    timeZone: 'z'.repeat(64),
    notes: text(1000),
    cancellationReason: text(500),
    reminderMinutesBefore: [10080, 10079, 10078],
    status: 'CONFIRMED',
    version: 999_999,
    createdAt: '2026-12-01T17:00:00Z',
    updatedAt: '2026-12-01T17:00:00Z',
  };
}

/** The largest provider profile the contract allows: 8 intervals on every day and on 200 date overrides. */
export function largestProviderProfile(): Record<string, unknown> {
  const day = Array.from({ length: 8 }, (_, i) => ({ start: `${10 + i}:00`, end: `${10 + i}:45` }));
  return {
    providerId: 'p'.repeat(64),
    name: text(200),
    timeZone: [...IANA_TIME_ZONE_NAMES].sort((a, b) => b.length - a.length)[0],
    weeklyHours: Object.fromEntries(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((d) => [d, day])),
    dateOverrides: Array.from({ length: 200 }, (_, i) => ({
      date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
      intervals: day,
    })),
    bufferBeforeMinutes: 120,
    bufferAfterMinutes: 120,
    minimumNoticeMinutes: 43_200,
    bookingWindowDays: 365,
    maxBookingsPerDay: 200,
    version: 999_999,
    createdAt: '2026-12-01T17:00:00Z',
    updatedAt: '2026-12-01T17:00:00Z',
  };
}

/**
 * KB (started) of the largest appointment item, of the idempotency record that repeats it, and
 * of a customer's bookings item with its list full (src/data/customer-bookings.ts).
 */
export function largestItemKb(): {
  appointment: number;
  idempotencyRecord: number;
  customerBookings: number;
  providerProfile: number;
} {
  const appointment = largestAppointment();
  const record = { pk: 'k'.repeat(400), sk: 'IDEMPOTENCY', requestHash: 'h'.repeat(64), statusCode: 201 };
  const entry = { appointmentId: 'a'.repeat(64), start: '2026-12-01T17:00:00Z', bookedAt: 1e10 };
  const customerBookings = { pk: 'k'.repeat(120), sk: 'CUSTOMER', version: 1e9, expiresAt: 1e10 };
  return {
    appointment: kb(bytes(appointment) + KEY_ATTRIBUTE_BYTES),
    idempotencyRecord: kb(bytes({ ...record, responseBody: JSON.stringify(appointment), expiresAt: 1e10 })),
    customerBookings: kb(
      bytes({ ...customerBookings, recent: Array<typeof entry>(MAX_APPENDED_BOOKINGS).fill(entry) }),
    ),
    providerProfile: kb(
      bytes({ pk: 'k'.repeat(120), sk: 'PROVIDER', tenantId: 't'.repeat(40), ...largestProviderProfile() }),
    ),
  };
}

export interface WriteCost {
  /** Items the request's one transaction writes. */
  readonly items: number;
  /** WCU on the table, at 1 KB per appointment item (a typical booking). */
  readonly typicalWcu: number;
  /** WCU on the table with every text field at its longest. */
  readonly worstWcu: number;
  /** WCU on each global secondary index, text at its longest (1 per KB; 2 when the item moves in the index). */
  readonly worstIndexWcu: number;
  /** How the items add up, for the report. */
  readonly note: string;
}

const NO_WRITES: WriteCost = { items: 0, typicalWcu: 0, worstWcu: 0, worstIndexWcu: 0, note: 'reads only' };

/**
 * The most one request of each operation writes. Typed by the registry: a new operation fails
 * type-checking here until its cost is stated.
 */
export function writeCosts(): Record<OperationName, WriteCost> {
  const { appointment, idempotencyRecord, customerBookings, providerProfile } = largestItemKb();
  const transactional = (itemKbs: number[]) => 2 * itemKbs.reduce((sum, size) => sum + size, 0);
  const locks = Array<number>(MAX_LOCKS).fill(1);
  // The profile's version item and a day counter are each well under 1 KB.
  const [profileCheck, dayCounter] = [1, 1];
  return {
    'create-appointment': {
      items: 1 + MAX_LOCKS + 1 + 1 + 1 + 1,
      typicalWcu: transactional([1, ...locks, 1, profileCheck, dayCounter, 1]),
      worstWcu: transactional([appointment, ...locks, customerBookings, profileCheck, dayCounter, idempotencyRecord]),
      worstIndexWcu: appointment,
      note:
        `appointment + ${MAX_LOCKS} slot locks (480 minutes padded by 120 each side) + customer's bookings item + ` +
        `profile version check + day counter + idempotency record`,
    },
    'update-appointment': {
      items: 1 + 2 * MAX_LOCKS + 1 + 2,
      typicalWcu: transactional([1, ...locks, ...locks, profileCheck, dayCounter, dayCounter]),
      worstWcu: transactional([appointment, ...locks, ...locks, profileCheck, dayCounter, dayCounter]),
      worstIndexWcu: 2 * appointment, // a new start moves the item within the index
      note:
        `appointment + ${MAX_LOCKS} locks released + ${MAX_LOCKS} taken (the new interval shares no slot) + ` +
        'profile version check + the old and the new day counter',
    },
    'cancel-appointment': {
      items: 1 + MAX_LOCKS + 1,
      typicalWcu: transactional([1, ...locks, dayCounter]),
      worstWcu: transactional([appointment, ...locks, dayCounter]),
      worstIndexWcu: 2 * appointment, // the status moves the item to the CANCELLED partition
      note: `appointment + ${MAX_LOCKS} locks released + day counter`,
    },
    'put-provider': {
      items: 2,
      typicalWcu: transactional([2, profileCheck]),
      worstWcu: transactional([providerProfile, profileCheck]),
      worstIndexWcu: 0, // a profile item is in no index
      note: 'profile (200 date overrides of 8 intervals at the most) + its version item',
    },
    'get-appointment': NO_WRITES,
    'list-appointments': NO_WRITES,
    'get-provider': NO_WRITES,
    'list-free-slots': NO_WRITES,
  };
}
