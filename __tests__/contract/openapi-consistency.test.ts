/**
 * The request schemas in the OpenAPI document (also API Gateway's models) and the functions'
 * validation must agree. Each probe changes one field of a valid body; for every rule JSON
 * Schema can express, both must accept or both must refuse. A rule changed in one place only
 * makes its probe disagree.
 */
import Ajv from 'ajv-draft-04';
import { parseCreateRequest, parseUpdateRequest } from '../../src/domain/booking';
import { CREATE_APPOINTMENT_SCHEMA, UPDATE_APPOINTMENT_SCHEMA } from '../../src/contract/request-schemas';

const NOW = new Date('2026-12-01T12:00:00Z');
const ajv = new Ajv({ allErrors: true });
const schemaAccepts = {
  create: ajv.compile(CREATE_APPOINTMENT_SCHEMA),
  update: ajv.compile(UPDATE_APPOINTMENT_SCHEMA),
};
const codeAccepts = {
  create: (body: unknown) => accepts(() => parseCreateRequest(body, NOW)),
  update: (body: unknown) => accepts(() => parseUpdateRequest(body, NOW)),
};
function accepts(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

const valid = {
  providerId: 'dr-smith',
  customer: { customerId: 'cust_1', name: 'Ada', email: 'ada@example.com', phone: '+14155550100' },
  start: '2026-12-02T09:00:00-08:00',
  durationMinutes: 45,
  timeZone: 'America/Los_Angeles',
  notes: 'first visit',
  reminderMinutesBefore: [1440, 60],
};
const long = (n: number) => 'x'.repeat(n);

/** [description, change to the valid body, whether the contract accepts it] */
const structuralProbes: [string, Record<string, unknown>, boolean][] = [
  ['the valid body', {}, true],
  ['an unknown field', { color: 'red' }, false],
  ['providerId of 64 characters', { providerId: long(64) }, true],
  ['providerId of 65 characters', { providerId: long(65) }, false],
  ['providerId with a dot', { providerId: 'dr.smith' }, false],
  ['providerId missing', { providerId: undefined }, false],
  ['durationMinutes 15', { durationMinutes: 15 }, true],
  ['durationMinutes 480', { durationMinutes: 480 }, true],
  ['durationMinutes 495', { durationMinutes: 495 }, false],
  ['durationMinutes 0', { durationMinutes: 0 }, false],
  ['durationMinutes 20', { durationMinutes: 20 }, false],
  ['durationMinutes as a string', { durationMinutes: '45' }, false],
  ['notes of 1000 characters', { notes: long(1000) }, true],
  ['notes of 1001 characters', { notes: long(1001) }, false],
  ['three reminders', { reminderMinutesBefore: [10080, 60, 1] }, true],
  ['a reminder of 10081 minutes', { reminderMinutesBefore: [10081] }, false],
  ['a reminder of 0 minutes', { reminderMinutesBefore: [0] }, false],
  ['repeated reminders (they collapse)', { reminderMinutesBefore: [60, 60, 60, 60, 1440] }, true],
  ['a customer with an unknown field', { customer: { ...valid.customer, age: 3 } }, false],
  ['a customer id of 65 characters', { customer: { ...valid.customer, customerId: long(65) } }, false],
  ['a phone without +', { customer: { ...valid.customer, phone: '14155550100' } }, false],
  ['a customer without name', { customer: { customerId: 'c' } }, false],
];

/** Rules only the functions can check: the schema accepts these, the code refuses them. */
const semanticOnlyProbes: [string, Record<string, unknown>][] = [
  ['a start in the past', { start: '2026-11-30T09:00:00Z' }],
  ['a start off the 15-minute grid', { start: '2026-12-02T09:05:00Z' }],
  ['a start without an offset', { start: '2026-12-02T09:00:00.000' }],
  ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
  ['four distinct reminders', { reminderMinutesBefore: [1, 2, 3, 4] }],
  ['a name of only spaces', { customer: { ...valid.customer, name: '   ' } }],
  ['an email without a domain', { customer: { ...valid.customer, email: 'ada@' } }],
];

const withChange = (change: Record<string, unknown>) => JSON.parse(JSON.stringify({ ...valid, ...change }));

describe.each(structuralProbes)('create: %s', (_name, change, contract) => {
  test(`schema and code both ${contract ? 'accept' : 'refuse'} it`, () => {
    const body = withChange(change);
    expect({ schema: schemaAccepts.create(body), code: codeAccepts.create(body) }).toEqual({
      schema: contract,
      code: contract,
    });
  });
});

describe.each(structuralProbes.filter(([, change]) => !('providerId' in change) && !('customer' in change)))(
  'update: %s',
  (_name, change, contract) => {
    test(`schema and code both ${contract ? 'accept' : 'refuse'} it`, () => {
      const { providerId: _p, customer: _c, ...updatable } = withChange(change);
      expect({ schema: schemaAccepts.update(updatable), code: codeAccepts.update(updatable) }).toEqual({
        schema: contract,
        code: contract,
      });
    });
  },
);

describe.each(semanticOnlyProbes)('create: %s', (_name, change) => {
  test('passes the schema and is refused by the code', () => {
    const body = withChange(change);
    expect({ schema: schemaAccepts.create(body), code: codeAccepts.create(body) }).toEqual({
      schema: true,
      code: false,
    });
  });
});

test('notes: null removes the notes on update (both accept) and is refused on create (both refuse)', () => {
  expect({ schema: schemaAccepts.update({ notes: null }), code: codeAccepts.update({ notes: null }) }).toEqual({
    schema: true,
    code: true,
  });
  const create = withChange({ notes: null });
  expect({ schema: schemaAccepts.create(create), code: codeAccepts.create(create) }).toEqual({
    schema: false,
    code: false,
  });
});

test('an empty update is refused by both', () => {
  expect({ schema: schemaAccepts.update({}), code: codeAccepts.update({}) }).toEqual({ schema: false, code: false });
});
