import type { AppointmentOwnership } from '../../domain/access';
import type { StoredAppointment } from '../../data/repository';

/** What access to a stored appointment depends on: the tenant its item names, its provider and customer. */
export const ownership = ({ tenantId, appointment }: StoredAppointment): AppointmentOwnership => ({
  tenantId,
  providerId: appointment.providerId,
  customer: appointment.customer,
});
