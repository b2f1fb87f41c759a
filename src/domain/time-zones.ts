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
