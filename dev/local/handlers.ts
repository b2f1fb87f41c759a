/**
 * How the dev server, the tests and the benches call the functions' request path without
 * Lambda: every operation's handler (the same wrapper and operation code a function runs) over
 * a given document client, table, clock and page-token secret, with logs and metrics silenced
 * unless given. `matchRoute` (./proxy-event) maps a method and path to an operation.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { DynamoProviderProfiles } from '../../src/data/provider-profiles';
import { ApiHandler, createHandler } from '../../src/http/handler';
import { Observability, silentObservability } from '../../src/observability';
import { createAppointment } from '../../src/http/operations/create';
import { cancelAppointment, updateAppointment } from '../../src/http/operations/change';
import { getAppointment, listAppointments } from '../../src/http/operations/query';
import { getProvider, listFreeSlots, putProvider } from '../../src/http/operations/providers';
import { Operation, OperationDependencies } from '../../src/http/operations/types';
import { OperationName } from '../../src/operations';
import { DEFAULT_MAX_OPEN_BOOKINGS_PER_CUSTOMER } from '../../config/environments';

const OPERATIONS: Readonly<Record<OperationName, Operation>> = {
  'create-appointment': createAppointment,
  'get-appointment': getAppointment,
  'list-appointments': listAppointments,
  'update-appointment': updateAppointment,
  'cancel-appointment': cancelAppointment,
  'put-provider': putProvider,
  'get-provider': getProvider,
  'list-free-slots': listFreeSlots,
};

export interface LocalHandlerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** HMAC secret of page tokens. */
  readonly pageTokenSecret: string;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** @default randomUUID */
  readonly newAppointmentId?: () => string;
  /** @default silent */
  readonly observability?: Observability;
  /** @default DEFAULT_MAX_OPEN_BOOKINGS_PER_CUSTOMER (the environments' default) */
  readonly maxOpenBookingsPerCustomer?: number;
}

export function createLocalHandlers(options: LocalHandlerOptions): Record<OperationName, ApiHandler> {
  const clock = options.clock ?? (() => new Date());
  const dependencies: OperationDependencies = {
    repositoryFor: (tenantId) =>
      new DynamoAppointmentRepository({
        client: options.client,
        tableName: options.tableName,
        tenantId,
        clock,
        pageTokenSecret: async () => options.pageTokenSecret,
      }),
    providersFor: (tenantId) =>
      new DynamoProviderProfiles({ client: options.client, tableName: options.tableName, tenantId }),
    clock,
    newAppointmentId: options.newAppointmentId ?? randomUUID,
    maxOpenBookingsPerCustomer: options.maxOpenBookingsPerCustomer ?? DEFAULT_MAX_OPEN_BOOKINGS_PER_CUSTOMER,
  };
  const observability = options.observability ?? silentObservability;
  const entries = (Object.keys(OPERATIONS) as OperationName[]).map(
    (operation) =>
      [operation, createHandler(operation, OPERATIONS[operation], () => dependencies, observability)] as const,
  );
  return Object.fromEntries(entries) as Record<OperationName, ApiHandler>;
}
