/**
 * How items are keyed in the single appointments table. Every item kind has its own `pk` prefix
 * and a fixed `sk`, so one item kind can never be mistaken for another.
 *
 * | item                | pk                                       | sk            |
 * | ------------------- | ---------------------------------------- | ------------- |
 * | appointment         | `APPT#<appointmentId>`                   | `APPOINTMENT` |
 * | slot lock           | `SLOT#<providerId>#<slotStartUtc>`       | `LOCK`        |
 * | idempotency record  | `IDEMPOTENCY#<scope>#<sha256(key)>`      | `IDEMPOTENCY` |
 * | reminder sent       | `REMINDER#<appointmentId>#<version>#<m>` | `SENT`        |
 *
 * Appointment items also carry the index keys: `providerKey` = `PROVIDER#<providerId>#<status>`,
 * `customerKey` = `CUSTOMER#<customerId>#<status>`, `startKey` = `<startUtc>#<appointmentId>`.
 */
export const ITEM_SK = {
  appointment: 'APPOINTMENT',
  slotLock: 'LOCK',
  idempotency: 'IDEMPOTENCY',
  reminderSent: 'SENT',
} as const;

export const appointmentKey = (appointmentId: string) => ({ pk: `APPT#${appointmentId}`, sk: ITEM_SK.appointment });

/** The lock item of one 15-minute slot of one provider; `slotStartUtc` like `2026-12-01T17:00:00Z`. */
export const slotLockKey = (providerId: string, slotStartUtc: string) => ({
  pk: `SLOT#${providerId}#${slotStartUtc}`,
  sk: ITEM_SK.slotLock,
});

export const reminderSentKey = (appointmentId: string, version: number, minutesBefore: number) => ({
  pk: `REMINDER#${appointmentId}#${version}#${minutesBefore}`,
  sk: ITEM_SK.reminderSent,
});

export const providerIndexKey = (providerId: string, status: string) => `PROVIDER#${providerId}#${status}`;
export const customerIndexKey = (customerId: string, status: string) => `CUSTOMER#${customerId}#${status}`;
export const startIndexKey = (startUtc: string, appointmentId: string) => `${startUtc}#${appointmentId}`;
