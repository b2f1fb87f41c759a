/** Deciding a booking or a move against the provider's profile, for the operations that book. */
import { CalendarClaim, claimCalendar } from '../../domain/availability/calendar';
import { Appointment } from '../../domain/appointment';
import { intervalOf } from '../../domain/booking';
import { providerNotFound } from '../../domain/errors';
import { RequestScope } from './types';

/**
 * Reads the provider's profile (consistently when a first decision met a changed profile) and
 * decides what `appointment` takes in its calendar: PROVIDER_NOT_FOUND when the tenant has no
 * such provider, OUTSIDE_AVAILABILITY when rules 1-3 refuse it (unless overridden).
 */
export async function claimProviderCalendar(
  { providers }: Pick<RequestScope, 'providers'>,
  appointment: Pick<Appointment, 'providerId' | 'start' | 'end'>,
  now: Date,
  options: { readonly overrideAvailability: boolean; readonly consistent: boolean },
): Promise<CalendarClaim> {
  const profile = await providers.get(appointment.providerId, { consistent: options.consistent });
  if (!profile) throw providerNotFound(appointment.providerId);
  return claimCalendar(profile, intervalOf(appointment), now, options.overrideAvailability);
}
