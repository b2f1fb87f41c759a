/** `GET /appointments/{id}` and `GET /appointments`: reads only, one GetItem or one or two Queries. */
import { assertMayList, maySee } from '../../domain/access';
import { parseListQuery } from '../../domain/listing';
import { notFound } from '../../domain/errors';
import { appointmentIdFromPath } from '../request';
import { appointmentHeaders, jsonResponse } from '../responses';
import { ownership } from './ownership';
import { Operation } from './types';

export const getAppointment: Operation = async (event, { caller, repository }) => {
  const appointmentId = appointmentIdFromPath(event);
  const stored = await repository.get(appointmentId);
  // One the caller may not see is answered as one that does not exist: ids cannot be probed.
  if (!stored || !maySee(caller, ownership(stored))) throw notFound(appointmentId);
  return {
    response: jsonResponse(200, stored.appointment, appointmentHeaders(stored.appointment)),
    outcome: 'AppointmentFetched',
    appointmentId,
  };
};

export const listAppointments: Operation = async (event, { caller, repository, clock }) => {
  const query = parseListQuery(event.queryStringParameters, event.multiValueQueryStringParameters, clock());
  assertMayList(caller, query.selector);
  const page = await repository.list(query);
  return {
    response: jsonResponse(200, {
      items: page.items,
      ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
    }),
    outcome: 'AppointmentsListed',
  };
};
