/**
 * The contract's rules for free text (`customer.name`, `notes`, provider `name`, a cancellation
 * `reason`): normalised to Unicode NFC; no control characters (line feed and tab only where line
 * breaks are allowed), no bidirectional controls (they reorder what a reader sees, the "Trojan
 * Source" trick), no unpaired surrogates (not text at all; DynamoDB and JSON encoders differ on
 * them) and no noncharacters; a name must contain something visible.
 */

export interface FreeTextRules {
  /** Whether line feed and tab may appear (notes), not only in a single line (names). */
  readonly multiline: boolean;
}

/** Arabic letter mark, LRM/RLM, the embeddings and overrides, and the isolates. */
const isBidiControl = (cp: number) =>
  cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
/** U+FDD0-U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...). */
const isNoncharacter = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
/** Iterating a string by code point yields an unpaired surrogate as itself. */
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
/** C0 and C1 controls and DEL. */
const isControl = (cp: number) => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
const LINE_FEED = 0x0a;
const TAB = 0x09;
/** A letter, digit, punctuation mark or symbol: something a reader sees. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** The first rule `text` breaks, as a validation message, or `undefined`. */
function brokenRule(text: string, rules: FreeTextRules): string | undefined {
  for (const character of text) {
    const cp = character.codePointAt(0) as number;
    if (isSurrogate(cp)) return 'must not contain unpaired surrogates';
    if (isControl(cp) && !(rules.multiline && (cp === LINE_FEED || cp === TAB))) {
      return rules.multiline
        ? 'must not contain control characters other than line feed and tab'
        : 'must not contain control characters';
    }
    if (isBidiControl(cp)) return 'must not contain bidirectional control characters';
    if (isNoncharacter(cp)) return 'must not contain Unicode noncharacters';
  }
  return undefined;
}

/** `text` in NFC, or the rule it breaks as a message for the field's validation detail. */
export function normalizeFreeText(
  text: string,
  rules: FreeTextRules,
): { ok: true; text: string } | { ok: false; message: string } {
  // Checked before normalising: NFC turns an unpaired surrogate into U+FFFD and would hide it.
  const message = brokenRule(text, rules);
  return message === undefined ? { ok: true, text: text.normalize('NFC') } : { ok: false, message };
}

/** Whether a name has a visible character (not only spaces, marks or invisible format characters). */
export const hasVisibleCharacter = (text: string) => VISIBLE.test(text);
