/**
 * How the local dev server (and tests) call the same handlers without Lambda. Two ways:
 *
 * - `HANDLER_MODULES[operation]`: the module whose `handler` export serves that route, exactly
 *   what Lambda runs. It reads TABLE_NAME, DYNAMODB_ENDPOINT, PAGE_TOKEN_SECRET from the
 *   environment at its first request.
 * - `createLocalHandlers({ client, tableName, ... })`: every operation's handler over a given
 *   document client, table, clock and page-token secret, with logs and metrics silenced unless
 *   given. Use `ROUTES` (./routes) to map a method and resource path to an operation.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAppointmentRepository } from '../data/dynamo-repository';
import { ApiHandler, createHandler } from './handler';
import { Observability, silentObservability } from './observability';
import { createAppointment } from './operations/create';
import { cancelAppointment, updateAppointment } from './operations/change';
import { getAppointment, listAppointments } from './operations/query';
import { Operation } from './operations/types';
import { OperationName } from '../operations';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const HANDLER_MODULES: Readonly<Record<OperationName, string>> = {
  'create-appointment': path.join(REPO_ROOT, 'functions', 'create-appointment', 'handler.ts'),
  'get-appointment': path.join(REPO_ROOT, 'functions', 'get-appointment', 'handler.ts'),
  'list-appointments': path.join(REPO_ROOT, 'functions', 'list-appointments', 'handler.ts'),
  'update-appointment': path.join(REPO_ROOT, 'functions', 'update-appointment', 'handler.ts'),
  'cancel-appointment': path.join(REPO_ROOT, 'functions', 'cancel-appointment', 'handler.ts'),
};

export const OPERATIONS: Readonly<Record<OperationName, Operation>> = {
  'create-appointment': createAppointment,
  'get-appointment': getAppointment,
  'list-appointments': listAppointments,
  'update-appointment': updateAppointment,
  'cancel-appointment': cancelAppointment,
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
}

export function createLocalHandlers(options: LocalHandlerOptions): Record<OperationName, ApiHandler> {
  const clock = options.clock ?? (() => new Date());
  const dependencies = {
    repository: new DynamoAppointmentRepository({
      client: options.client,
      tableName: options.tableName,
      clock,
      pageTokenSecret: async () => options.pageTokenSecret,
    }),
    clock,
    newAppointmentId: options.newAppointmentId ?? randomUUID,
  };
  const observability = options.observability ?? silentObservability;
  const entries = (Object.keys(OPERATIONS) as OperationName[]).map(
    (operation) =>
      [operation, createHandler(operation, OPERATIONS[operation], () => dependencies, observability)] as const,
  );
  return Object.fromEntries(entries) as Record<OperationName, ApiHandler>;
}
