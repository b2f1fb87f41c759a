/**
 * How items are keyed in the single appointments table. Every item kind has its own `pk` prefix
 * and a fixed `sk`, so one item kind can never be mistaken for another; the tenant comes right
 * after the kind in every key and every index partition, so that no GetItem, Query or condition
 * of one tenant can name another tenant's item, whatever a handler asks for. Tenant ids are
 * `[a-z0-9-]` and entity ids `[A-Za-z0-9_-]` (no `#`), so a key has exactly one reading.
 *
 * | item                | pk                                                  | sk            |
 * | ------------------- | --------------------------------------------------- | ------------- |
 * | appointment         | `APPT#<tenant>#<appointmentId>`                     | `APPOINTMENT` |
 * | slot lock           | `SLOT#<tenant>#<providerId>#<slotStartUtc>`         | `LOCK`        |
 * | idempotency record  | `IDEMPOTENCY#<tenant>#<sub>#<sha256(key)>`          | `IDEMPOTENCY` |
 * | reminder sent       | `REMINDER#<tenant>#<appointmentId>#<start>#<m>`     | `SENT`        |
 * | customer's bookings | `BOOKINGS#<tenant>#<customerId>`                    | `CUSTOMER`    |
 * | provider profile    | `PROFILE#<tenant>#<providerId>`                     | `PROVIDER`    |
 * | profile's version   | `PROFILE_VERSION#<tenant>#<providerId>`             | `VERSION`     |
 * | provider's day      | `DAY#<tenant>#<providerId>#<localDate>`             | `COUNT`       |
 *
 * Appointment items also carry the index keys: `providerKey` = `PROVIDER#<tenant>#<providerId>#<status>`,
 * `customerKey` = `CUSTOMER#<tenant>#<customerId>#<status>`, `startKey` = `<startUtc>#<appointmentId>`.
 * The IAM policies' `dynamodb:LeadingKeys` conditions name the kinds (`APPT#*`, `SLOT#*`, ...).
 */
export const ITEM_SK = {
  appointment: 'APPOINTMENT',
  slotLock: 'LOCK',
  idempotency: 'IDEMPOTENCY',
  reminderSent: 'SENT',
  customerBookings: 'CUSTOMER',
  providerProfile: 'PROVIDER',
  profileVersion: 'VERSION',
  providerDay: 'COUNT',
} as const;

export const appointmentKey = (tenantId: string, appointmentId: string) => ({
  pk: `APPT#${tenantId}#${appointmentId}`,
  sk: ITEM_SK.appointment,
});

/** The lock item of one 15-minute slot of one provider; `slotStartUtc` like `2026-12-01T17:00:00Z`. */
export const slotLockKey = (tenantId: string, providerId: string, slotStartUtc: string) => ({
  pk: `SLOT#${tenantId}#${providerId}#${slotStartUtc}`,
  sk: ITEM_SK.slotLock,
});

/**
 * The record that one reminder was sent: one per appointment, start (UTC, as stored) and lead
 * time, not per version, so a notes-only change (a new version, same reminder) cannot send it
 * again. A start has no `#`, so the key still has one reading.
 */
export const reminderSentKey = (tenantId: string, appointmentId: string, start: string, minutesBefore: number) => ({
  pk: `REMINDER#${tenantId}#${appointmentId}#${start}#${minutesBefore}`,
  sk: ITEM_SK.reminderSent,
});

/** The item that serialises one customer's bookings (./customer-bookings). */
export const customerBookingsKey = (tenantId: string, customerId: string) => ({
  pk: `BOOKINGS#${tenantId}#${customerId}`,
  sk: ITEM_SK.customerBookings,
});

/** A provider's profile and availability (PUT /providers/{providerId}). */
export const providerProfileKey = (tenantId: string, providerId: string) => ({
  pk: `PROFILE#${tenantId}#${providerId}`,
  sk: ITEM_SK.providerProfile,
});

/**
 * The version of a provider's profile, alone in a small item written with the profile: a
 * booking's transaction checks it for 2 WCU, where checking the profile itself would cost 2 WCU
 * per KB of it (up to 60 KB with 200 date overrides).
 */
export const profileVersionKey = (tenantId: string, providerId: string) => ({
  pk: `PROFILE_VERSION#${tenantId}#${providerId}`,
  sk: ITEM_SK.profileVersion,
});

/**
 * The counter of a provider's CONFIRMED appointments that start on one local date (`YYYY-MM-DD`,
 * in the provider's zone): the daily limit's conditional update (./dynamo-repository).
 */
export const providerDayKey = (tenantId: string, providerId: string, localDate: string) => ({
  pk: `DAY#${tenantId}#${providerId}#${localDate}`,
  sk: ITEM_SK.providerDay,
});

export const providerIndexKey = (tenantId: string, providerId: string, status: string) =>
  `PROVIDER#${tenantId}#${providerId}#${status}`;
export const customerIndexKey = (tenantId: string, customerId: string, status: string) =>
  `CUSTOMER#${tenantId}#${customerId}#${status}`;
export const startIndexKey = (startUtc: string, appointmentId: string) => `${startUtc}#${appointmentId}`;
