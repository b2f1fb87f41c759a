/** The one mapper between stored items and appointments: validated, whitelisted, in the contract's order. */
import { Appointment } from '../../src/domain/appointment';
import {
  appointmentFromItem,
  holdOfItem,
  isAppointmentItem,
  slotLockItem,
  tenantOfItem,
  toAppointmentItem,
} from '../../src/data/items';

const appointment: Appointment = {
  appointmentId: 'a-1',
  providerId: 'dr-who',
  customer: { customerId: 'c-1', name: 'Ada', email: 'ada@example.com' },
  start: '2026-12-02T17:00:00Z',
  end: '2026-12-02T17:30:00Z',
  durationMinutes: 30,
  timeZone: 'America/Los_Angeles',
  reminderMinutesBefore: [60],
  status: 'CONFIRMED',
  version: 1,
  createdAt: '2026-12-01T12:00:00Z',
  updatedAt: '2026-12-01T12:00:00Z',
};

const hold = { bufferBeforeMinutes: 15, bufferAfterMinutes: 30, localDate: '2026-12-02' };

describe('appointmentFromItem', () => {
  it('gives back the stored appointment without its storage keys, in the contract field order', () => {
    // Prepare
    const item = toAppointmentItem('clinic-a', appointment, hold) as unknown as Record<string, unknown>;
    // Act
    const read = appointmentFromItem({ ...item, internalAttribute: 'x' });
    // Assess
    expect(read).toEqual(appointment);
    expect(Object.keys(read)).toEqual(Object.keys(appointment));
    expect(isAppointmentItem(item)).toBe(true);
  });

  it('keys the item by its tenant, and the tenant reads back from the item alone', () => {
    const item = toAppointmentItem('clinic-a', appointment, hold);
    expect([item.pk, item.providerKey, item.customerKey, item.tenantId]).toEqual([
      `APPT#clinic-a#${appointment.appointmentId}`,
      `PROVIDER#clinic-a#${appointment.providerId}#CONFIRMED`,
      `CUSTOMER#clinic-a#${appointment.customer.customerId}#CONFIRMED`,
      'clinic-a',
    ]);
    expect(tenantOfItem(item as unknown as Record<string, unknown>)).toBe('clinic-a');
    expect(() => tenantOfItem({ pk: 'APPT#x', tenantId: 'Clinic A' })).toThrow(
      'stored appointment item APPT#x has no valid tenantId',
    );
    expect(() => tenantOfItem({ pk: 'APPT#y' })).toThrow('stored appointment item APPT#y has no valid tenantId');
  });

  it('refuses an item that is not a well-formed appointment, naming the item and the failing fields', () => {
    const item = {
      ...toAppointmentItem('clinic-a', appointment, hold),
      version: 0,
      status: 'LOST',
    } as unknown as Record<string, unknown>;
    expect(() => appointmentFromItem(item)).toThrow(
      'stored appointment item APPT#clinic-a#a-1 is malformed at: status, version',
    );
  });

  it('names a failing nested field by its dotted path, and a stored value that is no object as the root', () => {
    const item = toAppointmentItem('clinic-a', appointment, hold) as unknown as Record<string, unknown>;
    expect(() => appointmentFromItem({ ...item, customer: { customerId: 'c-1' } })).toThrow(
      'stored appointment item APPT#clinic-a#a-1 is malformed at: customer.name',
    );
    expect(() => appointmentFromItem([] as unknown as Record<string, unknown>)).toThrow(
      'stored appointment item undefined is malformed at: (root)',
    );
  });
});

describe('isAppointmentItem', () => {
  it('tells an appointment item from a slot lock, and from no item at all', () => {
    const lock = slotLockItem('clinic-a', 'dr-who', '2026-12-02T17:00:00Z', 'a-1') as unknown as Record<
      string,
      unknown
    >;
    expect(isAppointmentItem(lock)).toBe(false);
    expect(isAppointmentItem(undefined)).toBe(false);
  });
});

describe('holdOfItem', () => {
  it('reads back the buffers and the counted local date an appointment item holds, and no answer carries them', () => {
    const item = toAppointmentItem('clinic-a', appointment, hold) as unknown as Record<string, unknown>;
    expect(holdOfItem(item)).toEqual(hold);
    expect(appointmentFromItem(item)).not.toHaveProperty('bufferAfterMinutes');
    expect(appointmentFromItem(item)).not.toHaveProperty('localDate');
  });

  it('refuses an item without a valid hold, naming the item and the failing fields', () => {
    const item = toAppointmentItem('clinic-a', appointment, hold) as unknown as Record<string, unknown>;
    const { localDate, ...withoutDate } = item;
    expect(localDate).toBe('2026-12-02');
    expect(() => holdOfItem(withoutDate)).toThrow(
      'stored appointment item APPT#clinic-a#a-1 holds no valid calendar hold at: localDate',
    );
    expect(() => holdOfItem({ ...item, bufferBeforeMinutes: -15, localDate: '2 Dec' })).toThrow(
      'holds no valid calendar hold at: bufferBeforeMinutes, localDate',
    );
  });
});
