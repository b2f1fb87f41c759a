/**
 * `PUT` and `GET /providers/{providerId}` and `GET /providers/{providerId}/slots`: a provider's
 * profile and availability, and the free-slot search over it (one GetItem of the profile plus
 * one Query per page of the provider's CONFIRMED appointments, never a Scan).
 */
import { assertMayWriteProvider } from '../../domain/access';
import { confirmedBookingsWindow, freeSlots } from '../../domain/availability/free-slots';
import { parseProviderProfileRequest } from '../../domain/availability/provider-profile';
import { parseSlotQuery } from '../../domain/availability/slot-query';
import { providerNotFound } from '../../domain/errors';
import { formatUtc } from '../../domain/time';
import { MAX_PROFILE_BODY_BYTES, providerIdFromPath, readIfMatch, readJsonBody } from '../request';
import { appointmentHeaders, jsonResponse } from '../responses';
import { Operation } from './types';

export const putProvider: Operation = async (event, { caller, providers, clock }) => {
  const providerId = providerIdFromPath(event, 'write');
  // Who may write comes first: a forbidden caller learns nothing from validation either.
  assertMayWriteProvider(caller, providerId);
  const expectedVersion = readIfMatch(event);
  const profile = parseProviderProfileRequest(readJsonBody(event, { maxBytes: MAX_PROFILE_BODY_BYTES }));
  const record = await providers.put(providerId, profile, expectedVersion, clock());
  return { response: jsonResponse(200, record, appointmentHeaders(record)), outcome: 'ProviderSaved', providerId };
};

export const getProvider: Operation = async (event, { providers }) => {
  const providerId = providerIdFromPath(event, 'read');
  const record = await providers.get(providerId);
  if (!record) throw providerNotFound(providerId);
  return { response: jsonResponse(200, record, appointmentHeaders(record)), outcome: 'ProviderFetched', providerId };
};

export const listFreeSlots: Operation = async (event, { providers, repository, clock }) => {
  const providerId = providerIdFromPath(event, 'read');
  const now = clock();
  const query = parseSlotQuery(event.queryStringParameters, event.multiValueQueryStringParameters, now);
  const profile = await providers.get(providerId);
  if (!profile) throw providerNotFound(providerId);
  const confirmed = await repository.confirmedBookings(providerId, confirmedBookingsWindow(query));
  const slots = freeSlots(profile, query, now, confirmed).map(({ startMs, endMs }) => ({
    start: formatUtc(startMs),
    end: formatUtc(endMs),
  }));
  return {
    response: jsonResponse(200, {
      providerId,
      timeZone: profile.timeZone,
      durationMinutes: query.durationMinutes,
      slots,
    }),
    outcome: 'FreeSlotsListed',
    providerId,
  };
};
