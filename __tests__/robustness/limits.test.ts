/**
 * The bounds of the contract, through the handlers over DynamoDB Local: body size (refused before
 * parsing), JSON nesting, list windows, page sizes, reminder counts and page tokens. Each refusal
 * names the field and writes nothing.
 */
import { createLocalHandlers } from '../../dev/local/handlers';
import { MAX_BODY_BYTES } from '../../src/http/request';
import { ApiHandler } from '../../src/http/handler';
import { apiEvent, bookingBody, call, createTestTable, futureSlot, scanTable, TestTable } from '../functions/helpers';
import { newFigures, recordFigures } from './support/figures';

const figures = newFigures();
let table: TestTable;
let handlers: ReturnType<typeof createLocalHandlers>;
let bookedId: string;

beforeAll(async () => {
  table = await createTestTable('robustness-limits', {
    openProviders: { 'clinic-a': ['lim', 'lim-exact', 'lim-utf', 'lim-pages', 'lim-rem'] },
  });
  handlers = createLocalHandlers({
    client: table.documentClient,
    tableName: table.tableName,
    pageTokenSecret: 'limits',
  });
  const booked = await call(
    handlers['create-appointment'],
    apiEvent('POST', { body: bookingBody({ providerId: 'lim' }) }),
  );
  bookedId = booked.body.appointmentId;
});

afterAll(async () => {
  recordFigures('limits', figures);
  await table?.drop();
});

/** Calls the handler and asserts the table is byte-for-byte the same afterwards. */
async function refusedWithoutWriting(handler: ApiHandler, event: Parameters<typeof apiEvent>) {
  const before = await scanTable(table);
  const answer = await call(handler, apiEvent(...event));
  expect(await scanTable(table)).toEqual(before);
  figures.invariantsChecked += 2;
  return answer;
}

const paths = (answer: { body: { error?: { details?: { path: string }[] } } }) =>
  (answer.body.error?.details ?? []).map((detail) => detail.path);

describe('request bodies', () => {
  it('a body one byte over 16 KB is refused with 413 before parsing: malformed JSON answers 413, not 400', async () => {
    const body = `{${' '.repeat(MAX_BODY_BYTES)}`;
    for (const [handler, method, id] of [
      [handlers['create-appointment'], 'POST', undefined],
      [handlers['update-appointment'], 'PATCH', bookedId],
    ] as const) {
      const answer = await refusedWithoutWriting(handler, [method, { rawBody: body, appointmentId: id }]);
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('the limit counts UTF-8 bytes, not characters: 8,193 two-byte characters are refused', async () => {
    const body = JSON.stringify(bookingBody({ notes: '\u00e9'.repeat(8_193) }));
    const answer = await refusedWithoutWriting(handlers['create-appointment'], ['POST', { rawBody: body }]);
    expect(answer.status).toBe(413);
  });

  it('a valid body of exactly 16 KB (padded with whitespace) is accepted', async () => {
    const json = JSON.stringify(bookingBody({ providerId: 'lim-exact', start: futureSlot(5) }));
    const answer = await call(
      handlers['create-appointment'],
      apiEvent('POST', { rawBody: json.padEnd(MAX_BODY_BYTES, ' ') }),
    );
    expect(answer.status).toBe(201);
  });

  it('a body nested 8,000 deep answers 400 naming body, with or without Idempotency-Key, not 500', async () => {
    const deep = '['.repeat(8_000) + ']'.repeat(8_000);
    for (const headers of [{}, { 'Idempotency-Key': 'deep-1' }] as Record<string, string>[]) {
      const answer = await refusedWithoutWriting(handlers['create-appointment'], ['POST', { rawBody: deep, headers }]);
      expect(answer.status).toBe(400);
      expect(paths(answer)).toEqual(['body']);
    }
    const patch = await refusedWithoutWriting(handlers['update-appointment'], [
      'PATCH',
      { rawBody: `{"notes":${deep}}`, appointmentId: bookedId },
    ]);
    expect(patch.status).toBe(400);
  });
});

describe('text DynamoDB cannot store', () => {
  it('an unpaired surrogate in a name answers 400 naming customer.name and writes nothing; a real emoji is accepted', async () => {
    const body = JSON.stringify(bookingBody({ providerId: 'lim-utf', start: futureSlot(6) })).replace(
      '"name":"',
      '"name":"\\ud800',
    );
    const answer = await refusedWithoutWriting(handlers['create-appointment'], ['POST', { rawBody: body }]);
    expect(answer.status).toBe(400);
    expect(paths(answer)).toEqual(['customer.name']);
    const emoji = await call(
      handlers['create-appointment'],
      apiEvent('POST', {
        body: bookingBody({ providerId: 'lim-utf', start: futureSlot(6), notes: 'see you \u{1F600}' }),
      }),
    );
    expect(emoji.status).toBe(201);
  });
});

describe('list bounds', () => {
  const list = (query: Record<string, string>) =>
    call(handlers['list-appointments'], apiEvent('GET', { query: { providerId: 'lim', ...query } }));
  const from = '2026-12-01T00:00:00Z';

  it('a window of more than 31 days answers 400 naming to; exactly 31 days is accepted', async () => {
    const tooLong = await list({ from, to: '2027-01-01T00:00:01Z' });
    expect(tooLong.status).toBe(400);
    expect(paths(tooLong)).toEqual(['to']);
    expect((await list({ from, to: '2027-01-01T00:00:00Z' })).status).toBe(200);
  });

  it('a page size of 0 or 101 answers 400 naming limit; 1 and 100 are accepted', async () => {
    for (const limit of ['0', '101', '1000']) {
      const answer = await list({ limit });
      expect(answer.status).toBe(400);
      expect(paths(answer)).toEqual(['limit']);
    }
    for (const limit of ['1', '100']) expect((await list({ limit })).status).toBe(200);
  });

  it('a real page token with one character flipped, or one issued for another query, answers 400 naming nextToken', async () => {
    // Prepare: three bookings, so a page of one has a next page.
    for (const day of [6, 7, 8]) {
      const body = bookingBody({ providerId: 'lim-pages', start: futureSlot(day) });
      expect((await call(handlers['create-appointment'], apiEvent('POST', { body }))).status).toBe(201);
    }
    const pageQuery = { providerId: 'lim-pages', from: futureSlot(1), to: futureSlot(20), limit: '1' };
    const first = await call(handlers['list-appointments'], apiEvent('GET', { query: pageQuery }));
    const token = first.body.nextToken as string;
    const [payload, signature] = token.split('.');
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    // Act
    const forged = [`${flip(payload, 5)}.${signature}`, `${payload}.${flip(signature, 0)}`];
    const answers = await Promise.all([
      ...forged.map((nextToken) =>
        call(handlers['list-appointments'], apiEvent('GET', { query: { ...pageQuery, nextToken } })),
      ),
      call(
        handlers['list-appointments'],
        apiEvent('GET', { query: { ...pageQuery, providerId: 'lim', nextToken: token } }),
      ),
    ]);
    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(paths(answer)).toEqual(['nextToken']);
    }
    const second = await call(
      handlers['list-appointments'],
      apiEvent('GET', { query: { ...pageQuery, nextToken: token } }),
    );
    expect(second.status).toBe(200);
  });
});

describe('reminder counts', () => {
  it('four distinct reminder times answer 400 naming reminderMinutesBefore, on create and on update', async () => {
    const four = [10_080, 1_440, 60, 15];
    const create = await refusedWithoutWriting(handlers['create-appointment'], [
      'POST',
      { body: bookingBody({ providerId: 'lim-rem', reminderMinutesBefore: four }) },
    ]);
    const update = await refusedWithoutWriting(handlers['update-appointment'], [
      'PATCH',
      { body: { reminderMinutesBefore: four }, appointmentId: bookedId },
    ]);
    for (const answer of [create, update]) {
      expect(answer.status).toBe(400);
      expect(paths(answer)).toEqual(['reminderMinutesBefore']);
    }
  });

  it('duplicates collapse: six values holding three distinct ones are accepted as those three', async () => {
    const body = bookingBody({ providerId: 'lim-rem', reminderMinutesBefore: [60, 60, 15, 1_440, 15, 60] });
    const answer = await call(handlers['create-appointment'], apiEvent('POST', { body }));
    expect(answer.status).toBe(201);
    expect(answer.body.reminderMinutesBefore).toEqual([1_440, 60, 15]);
  });
});
