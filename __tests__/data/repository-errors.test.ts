/** The repository's own errors, as a log line shows them when an operation gives up on a retry. */
import { ConcurrentChangeError, ProviderProfileChangedError } from '../../src/data/repository';

test('a concurrent change names the appointment', () => {
  const error = new ConcurrentChangeError('appt-1');
  expect({ name: error.name, message: error.message, appointmentId: error.appointmentId }).toEqual({
    name: 'ConcurrentChangeError',
    message: 'Appointment appt-1 changed while it was being written.',
    appointmentId: 'appt-1',
  });
});

test('a changed profile names the provider whose profile moved on', () => {
  const error = new ProviderProfileChangedError('dr-1');
  expect({ name: error.name, message: error.message, providerId: error.providerId }).toEqual({
    name: 'ProviderProfileChangedError',
    message: 'The profile of provider dr-1 changed while a booking was being written.',
    providerId: 'dr-1',
  });
});
