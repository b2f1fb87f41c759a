/** `GET /appointments/{id}` and `GET /appointments`: reads only, one GetItem or one or two Queries. */
import { parseListQuery } from '../../domain/listing';
import { notFound } from '../../domain/errors';
import { appointmentIdFromPath } from '../request';
import { appointmentHeaders, jsonResponse } from '../responses';
import { Operation } from './types';

export const getAppointment: Operation = async (event, { repository }) => {
  const appointmentId = appointmentIdFromPath(event);
  const appointment = await repository.get(appointmentId);
  if (!appointment) throw notFound(appointmentId);
  return {
    response: jsonResponse(200, appointment, appointmentHeaders(appointment)),
    outcome: 'AppointmentFetched',
    appointmentId,
  };
};

export const listAppointments: Operation = async (event, { repository, clock }) => {
  const query = parseListQuery(event.queryStringParameters, event.multiValueQueryStringParameters, clock());
  const page = await repository.list(query);
  return {
    response: jsonResponse(200, {
      items: page.items,
      ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
    }),
    outcome: 'AppointmentsListed',
  };
};
