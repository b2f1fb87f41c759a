import { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ProviderProfileStore } from '../../data/provider-profiles';
import { AppointmentRepository } from '../../data/repository';
import type { CallerIdentity } from '../../identity/caller-identity';

/** What every operation is given; built once per container (or per dev server). */
export interface OperationDependencies {
  /** The repository of one tenant; the handler asks for the caller's tenant's, and no other. */
  readonly repositoryFor: (tenantId: string) => AppointmentRepository;
  /** The provider profiles of one tenant, likewise. */
  readonly providersFor: (tenantId: string) => ProviderProfileStore;
  /** The one clock of the request path: domain rules never read the system time themselves. */
  readonly clock: () => Date;
  readonly newAppointmentId: () => string;
  /**
   * The most future CONFIRMED appointments a customer may hold before its own bookings are
   * refused (contract: maxOpenBookingsPerCustomer). Only the create function is given it.
   */
  readonly maxOpenBookingsPerCustomer?: number;
}

/**
 * What one request's operation works with: the verified caller, and the repository of the
 * caller's tenant (the only one it can reach), besides the shared dependencies.
 */
export interface RequestScope extends Omit<OperationDependencies, 'repositoryFor' | 'providersFor'> {
  readonly caller: CallerIdentity;
  readonly repository: AppointmentRepository;
  readonly providers: ProviderProfileStore;
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
  | 'AppointmentAlreadyCancelled'
  | 'ProviderSaved'
  | 'ProviderFetched'
  | 'FreeSlotsListed';

export interface OperationResult {
  readonly response: APIGatewayProxyResult;
  readonly outcome: SuccessOutcome;
  /** Logged with the request (ids only, never personal data). */
  readonly appointmentId?: string;
  /** Logged with the request for the provider operations. */
  readonly providerId?: string;
}

/** Failures are thrown as AppointmentError; the handler wrapper turns them into answers. */
export type Operation = (event: APIGatewayProxyEvent, scope: RequestScope) => Promise<OperationResult>;

/**
 * Attempts of read-decide-write when a concurrent change beat ours (the appointment, or the
 * provider's profile it was decided against); each reads again.
 */
export const CHANGE_ATTEMPTS = 5;
