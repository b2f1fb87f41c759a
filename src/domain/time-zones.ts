/**
 * IANA time zone names: accepted in any letter case, stored and returned in the database's own
 * spelling (`america/los_angeles` is `America/Los_Angeles`). Links keep their name (`Asia/Kolkata`
 * stays `Asia/Kolkata`, although the runtime's ICU calls it `Asia/Calcutta`): the client chose it,
 * and both render the same times. A name is only accepted if the runtime can also render it.
 */
import { IANA_TIME_ZONE_NAMES } from './time-zone-names';

const byLowerCase = new Map(IANA_TIME_ZONE_NAMES.map((name) => [name.toLowerCase(), name]));

/** Canonical names the runtime's Intl was asked about, and its answer: at most one entry per name. */
const renderable = new Map<string, boolean>();

function intlKnows(canonicalName: string): boolean {
  let known = renderable.get(canonicalName);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: canonicalName });
      known = true;
    } catch {
      known = false;
    }
    renderable.set(canonicalName, known);
  }
  return known;
}

/**
 * The canonical spelling of an IANA zone name given in any letter case, or `undefined` when it
 * is not one (offsets like `+05:00`, abbreviations like `PST`, ICU-only ids) or the runtime
 * cannot render it. Whatever the input, the work and memory are bounded by the table's size.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const canonical = byLowerCase.get(name.toLowerCase());
  return canonical !== undefined && intlKnows(canonical) ? canonical : undefined;
}

/** One numeric formatter per canonical zone, shared by every reader of wall-clock parts. */
const numericFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter of a zone's numeric wall-clock parts (year to second, en-US, h23: stable parts,
 * no "24" for midnight); RangeError naming the zone when it is not one. At most one per
 * canonical name, so no spelling of a zone can grow memory.
 */
export function numericWallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  const canonical = canonicalTimeZone(timeZone);
  if (canonical === undefined) throw new RangeError(`${JSON.stringify(timeZone)} is not an IANA time zone name`);
  let formatter = numericFormatters.get(canonical);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: canonical,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    numericFormatters.set(canonical, formatter);
  }
  return formatter;
}
