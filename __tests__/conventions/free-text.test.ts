import { hasVisibleCharacter, normalizeFreeText } from '../../src/domain/free-text';
import { parseCreateRequest, parseUpdateRequest } from '../../src/domain/booking';
import { ValidationDetail } from '../../src/domain/errors';

const singleLine = { multiline: false };
const multiline = { multiline: true };

describe('free text is NFC and free of characters that hide or corrupt what a reader sees', () => {
  test('text is normalised to NFC: a decomposed é becomes one code point', () => {
    expect(normalizeFreeText('Rene\u0301e', singleLine)).toEqual({ ok: true, text: 'Ren\u00e9e' });
  });

  test.each([
    ['NUL', '\u0000'],
    ['line feed in a single line', '\n'],
    ['tab in a single line', '\t'],
    ['carriage return', '\r'],
    ['escape', '\u001b'],
    ['the last C0 control (unit separator)', '\u001f'],
    ['DEL', '\u007f'],
    ['C1 next line', '\u0085'],
    ['last C1 control', '\u009f'],
  ])('a single line refuses %s', (_, character) => {
    expect(normalizeFreeText(`Ada${character}Lovelace`, singleLine)).toEqual({
      ok: false,
      message: 'must not contain control characters',
    });
  });

  test('notes may hold line feeds and tabs, and nothing else of C0', () => {
    expect(normalizeFreeText('line one\n\tline two', multiline)).toEqual({ ok: true, text: 'line one\n\tline two' });
    expect(normalizeFreeText('line one\r\nline two', multiline)).toEqual({
      ok: false,
      message: 'must not contain control characters other than line feed and tab',
    });
  });

  test.each([
    ['Arabic letter mark', '\u061c'],
    ['left-to-right mark', '\u200e'],
    ['right-to-left mark', '\u200f'],
    ['left-to-right embedding', '\u202a'],
    ['right-to-left override', '\u202e'],
    ['left-to-right isolate', '\u2066'],
    ['pop directional isolate', '\u2069'],
  ])('refuses the bidirectional control %s', (_, character) => {
    expect(normalizeFreeText(`invoice${character}fdp.exe`, multiline)).toEqual({
      ok: false,
      message: 'must not contain bidirectional control characters',
    });
  });

  test.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udfff'],
    ['a reversed pair', '\udc00\ud800'],
  ])('refuses %s (NFC would turn it into U+FFFD and hide it)', (_, text) => {
    expect(normalizeFreeText(`x${text}y`, multiline)).toEqual({
      ok: false,
      message: 'must not contain unpaired surrogates',
    });
  });

  test.each([
    ['U+FDD0', '\ufdd0'],
    ['U+FDEF', '\ufdef'],
    ['U+FFFE', '\ufffe'],
    ['U+FFFF', '\uffff'],
    ['U+1FFFE', '\u{1fffe}'],
    ['U+10FFFF', '\u{10ffff}'],
  ])('refuses the noncharacter %s', (_, character) => {
    expect(normalizeFreeText(`x${character}`, multiline)).toEqual({
      ok: false,
      message: 'must not contain Unicode noncharacters',
    });
  });

  test.each([
    ['a surrogate pair (emoji)', 'Zoë 👩🏽‍⚕️'],
    ['U+FDCF, just below the noncharacters', '\ufdcf'],
    ['U+FDF0, just above them', '\ufdf0'],
    ['U+FFFD, the replacement character', '\ufffd'],
    ['U+00A0, just after C1', 'a\u00a0b'],
    ['a zero-width joiner, which scripts need', 'क्\u200dष'],
    ['U+2065 and U+206A, around the isolates', '\u2065\u206a'],
    ['U+202F, after the overrides', 'a\u202fb'],
  ])('keeps %s', (_, text) => {
    expect(normalizeFreeText(text, singleLine)).toEqual({ ok: true, text: text.normalize('NFC') });
  });

  test('a visible character is a letter, digit, punctuation mark or symbol', () => {
    expect(['a', '7', '.', '€', 'ж', '中'].map(hasVisibleCharacter)).toEqual([true, true, true, true, true, true]);
    expect(['', ' ', '\u200b', '\u0301', '\u3000'].map(hasVisibleCharacter)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

const NOW = new Date('2026-12-01T08:00:00Z');
const body = (overrides: Record<string, unknown> = {}) => ({
  providerId: 'dr-lee',
  customer: { customerId: 'c-1', name: 'Ada Lovelace' },
  start: '2026-12-02T09:00:00Z',
  durationMinutes: 30,
  timeZone: 'America/Los_Angeles',
  ...overrides,
});
function detailsOf(run: () => unknown): ValidationDetail[] {
  try {
    run();
  } catch (error) {
    return (error as { details: ValidationDetail[] }).details;
  }
  throw new Error('expected a validation error');
}

describe('booking requests apply the free-text rules to names and notes, naming the field', () => {
  test('a name is stored trimmed and in NFC', () => {
    const request = parseCreateRequest(body({ customer: { customerId: 'c-1', name: '  Rene\u0301e  ' } }), NOW);
    expect(request.customer.name).toBe('Ren\u00e9e');
  });

  test('a name of only invisible characters is refused as such; a blank one as blank', () => {
    expect(
      detailsOf(() => parseCreateRequest(body({ customer: { customerId: 'c-1', name: '\u200b\u200b' } }), NOW)),
    ).toEqual([{ path: 'customer.name', message: 'must contain a visible character' }]);
    expect(
      detailsOf(() => parseCreateRequest(body({ customer: { customerId: 'c-1', name: ' \u3000 ' } }), NOW)),
    ).toEqual([{ path: 'customer.name', message: 'must not be blank' }]);
  });

  test('a name with a bidirectional override names customer.name', () => {
    expect(
      detailsOf(() => parseCreateRequest(body({ customer: { customerId: 'c-1', name: 'Ada\u202eecalevoL' } }), NOW)),
    ).toEqual([{ path: 'customer.name', message: 'must not contain bidirectional control characters' }]);
  });

  test('a name is measured after trimming and normalising: 200 characters pass, 201 do not', () => {
    const composed = 'e\u0301'.repeat(200); // 400 code units before NFC, 200 after
    expect(
      parseCreateRequest(body({ customer: { customerId: 'c-1', name: ` ${composed} ` } }), NOW).customer.name,
    ).toHaveLength(200);
    expect(
      detailsOf(() => parseCreateRequest(body({ customer: { customerId: 'c-1', name: 'x'.repeat(201) } }), NOW)),
    ).toEqual([{ path: 'customer.name', message: 'must be at most 200 characters' }]);
  });

  test('notes keep their line breaks and leading spaces, and refuse other controls', () => {
    expect(parseCreateRequest(body({ notes: '  first\n\tsecond' }), NOW).notes).toBe('  first\n\tsecond');
    expect(detailsOf(() => parseUpdateRequest({ notes: 'bell\u0007' }, NOW))).toEqual([
      { path: 'notes', message: 'must not contain control characters other than line feed and tab' },
    ]);
    expect(detailsOf(() => parseCreateRequest(body({ notes: 'n'.repeat(1001) }), NOW))).toEqual([
      { path: 'notes', message: 'must be at most 1000 characters' },
    ]);
  });
});
