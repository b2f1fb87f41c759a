/**
 * For tests that write through the repository directly (below the operations, which decide the
 * claim from the stored profile): the claim a booking of a provider seeded with OPEN_PROFILE
 * (./providers) gets, made by the domain's own claimCalendar. It skips rules 1-3 as a staff
 * override would, so that a test may also write an appointment that has already started.
 */
import { Appointment } from '../../src/domain/appointment';
import { CalendarClaim, claimCalendar } from '../../src/domain/availability/calendar';
import { ProviderProfile } from '../../src/domain/availability/provider-profile';
import { intervalOf } from '../../src/domain/booking';
import { OPEN_PROFILE } from './providers';

export function openClaim(
  appointment: Pick<Appointment, 'start' | 'end'>,
  profile: ProviderProfile & { version: number } = { ...OPEN_PROFILE, version: 1 },
): CalendarClaim {
  return claimCalendar(profile, intervalOf(appointment), new Date(), true);
}
