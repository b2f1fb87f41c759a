import { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { AppointmentRepository } from '../../data/repository';

/** What every operation is given; built once per container (or per dev server). */
export interface OperationDependencies {
  readonly repository: AppointmentRepository;
  /** The one clock of the request path: domain rules never read the system time themselves. */
  readonly clock: () => Date;
  readonly newAppointmentId: () => string;
}

/** A count metric named after what happened, e.g. `AppointmentCreated`. */
export type SuccessOutcome =
  | 'AppointmentCreated'
  | 'IdempotentReplay'
  | 'AppointmentFetched'
  | 'AppointmentsListed'
  | 'AppointmentRescheduled'
  | 'AppointmentUpdated'
  | 'AppointmentCancelled'
  | 'AppointmentAlreadyCancelled';

export interface OperationResult {
  readonly response: APIGatewayProxyResult;
  readonly outcome: SuccessOutcome;
  /** Logged with the request (ids only, never personal data). */
  readonly appointmentId?: string;
}

/** Failures are thrown as AppointmentError; the handler wrapper turns them into answers. */
export type Operation = (event: APIGatewayProxyEvent, deps: OperationDependencies) => Promise<OperationResult>;

/** Attempts of read-decide-write when a concurrent change beat ours; each re-reads the appointment. */
export const CHANGE_ATTEMPTS = 3;
