/**
 * The provider profile's request schema (API Gateway's model for `PUT /providers`) and the
 * function's validation must agree, as the appointment schemas do (./openapi-consistency): each
 * probe changes one field of a valid profile; where JSON Schema can say the rule, both accept or
 * both refuse; the rules only code can check pass the schema and are refused by the code.
 */
import Ajv from 'ajv-draft-04';
import { parseProviderProfileRequest } from '../../src/domain/availability/provider-profile';
import { PROVIDER_PROFILE_SCHEMA } from '../../src/contract/request-schemas';

const schemaAccepts = new Ajv({ allErrors: true }).compile(PROVIDER_PROFILE_SCHEMA);
function codeAccepts(body: unknown): boolean {
  try {
    parseProviderProfileRequest(body);
    return true;
  } catch {
    return false;
  }
}

const day = (...intervals: [string, string][]) => intervals.map(([start, end]) => ({ start, end }));
const valid = {
  name: 'Dr. Lee',
  timeZone: 'America/Los_Angeles',
  weeklyHours: { MON: day(['09:00', '12:00'], ['13:00', '17:00']), TUE: day(['09:00', '24:00']) },
  dateOverrides: [{ date: '2026-12-24', intervals: [] }],
  bufferBeforeMinutes: 15,
  bufferAfterMinutes: 120,
  minimumNoticeMinutes: 43200,
  bookingWindowDays: 365,
  maxBookingsPerDay: 200,
};
const override = (i: number) => ({
  date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
  intervals: [],
});

/** [description, change to the valid body, whether the contract accepts it] */
const structuralProbes: [string, Record<string, unknown>, boolean][] = [
  ['the valid profile', {}, true],
  ['only the required fields', { dateOverrides: undefined, maxBookingsPerDay: undefined }, true],
  ['an unknown field', { color: 'red' }, false],
  ['no name', { name: undefined }, false],
  ['no weeklyHours', { weeklyHours: undefined }, false],
  ['an unknown weekday', { weeklyHours: { MON: day(['09:00', '10:00']), MONDAY: [] } }, false],
  ['an interval with a third field', { weeklyHours: { MON: [{ start: '09:00', end: '10:00', note: 'x' }] } }, false],
  ['a time without a colon', { weeklyHours: { MON: day(['0900', '10:00']) } }, false],
  [
    'eight intervals',
    { weeklyHours: { MON: day(...Array.from({ length: 8 }, (_, i): [string, string] => [`1${i}:00`, `1${i}:30`])) } },
    true,
  ],
  [
    'nine intervals',
    { weeklyHours: { MON: day(...Array.from({ length: 9 }, (_, i): [string, string] => [`1${i}:00`, `1${i}:30`])) } },
    false,
  ],
  ['200 date overrides', { dateOverrides: Array.from({ length: 200 }, (_, i) => override(i)) }, true],
  ['201 date overrides', { dateOverrides: Array.from({ length: 201 }, (_, i) => override(i)) }, false],
  ['an override without intervals', { dateOverrides: [{ date: '2026-12-24' }] }, false],
  ['a date with slashes', { dateOverrides: [{ date: '2026/12/24', intervals: [] }] }, false],
  ['buffers of 0', { bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }, true],
  ['a buffer of 135', { bufferAfterMinutes: 135 }, false],
  ['a buffer of 10', { bufferBeforeMinutes: 10 }, false],
  ['a negative buffer', { bufferBeforeMinutes: -15 }, false],
  ['notice of 43201', { minimumNoticeMinutes: 43201 }, false],
  ['a window of 0 days', { bookingWindowDays: 0 }, false],
  ['a window of 366 days', { bookingWindowDays: 366 }, false],
  ['a daily limit of 1', { maxBookingsPerDay: 1 }, true],
  ['a daily limit of 0', { maxBookingsPerDay: 0 }, false],
  ['a daily limit of 201', { maxBookingsPerDay: 201 }, false],
  ['a daily limit as a string', { maxBookingsPerDay: '12' }, false],
  ['a fractional notice', { minimumNoticeMinutes: 1.5 }, false],
];

/** Rules only the function can check: the schema accepts these, the code refuses them. */
const semanticOnlyProbes: [string, Record<string, unknown>][] = [
  ['an end before its start', { weeklyHours: { MON: day(['10:00', '09:00']) } }],
  ['overlapping intervals', { weeklyHours: { MON: day(['09:00', '12:00'], ['11:00', '13:00']) } }],
  ['unsorted intervals', { weeklyHours: { MON: day(['13:00', '14:00'], ['09:00', '10:00']) } }],
  ['a time off the 15-minute grid', { weeklyHours: { MON: day(['09:10', '10:00']) } }],
  ['a start at 24:00', { weeklyHours: { MON: day(['24:00', '24:00']) } }],
  ['24:15', { weeklyHours: { MON: day(['09:00', '24:15']) } }],
  ['a date that does not exist', { dateOverrides: [{ date: '2027-02-29', intervals: [] }] }],
  ['the same date twice', { dateOverrides: [override(0), override(0)] }],
  ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
  ['a name of spaces', { name: '   ' }],
  ['a name with a control character', { name: 'Dr.\u0007Lee' }],
];

const withChange = (change: Record<string, unknown>) => JSON.parse(JSON.stringify({ ...valid, ...change }));

describe.each(structuralProbes)('provider profile: %s', (_name, change, contract) => {
  test(`schema and code both ${contract ? 'accept' : 'refuse'} it`, () => {
    const body = withChange(change);
    expect({ schema: schemaAccepts(body), code: codeAccepts(body) }).toEqual({ schema: contract, code: contract });
  });
});

describe.each(semanticOnlyProbes)('provider profile: %s', (_name, change) => {
  test('passes the schema and is refused by the code', () => {
    const body = withChange(change);
    expect({ schema: schemaAccepts(body), code: codeAccepts(body) }).toEqual({ schema: true, code: false });
  });
});
