/**
 * Malformed bearer tokens for the fuzz suites, grown from one valid token: bytes flipped, cut,
 * segments dropped, doubled or swapped, headers and payloads of arbitrary JSON, forged key ids,
 * stray dots and junk of any length up to past the 8 KB limit.
 *
 * Base64url has spare bits (the last character of a segment whose length is not a multiple of 3
 * carries 2 or 4 unused bits, and Node's decoder ignores them), so a flipped last character can
 * spell the very same bytes: `sameBytes` tells such a token, the only kind allowed to pass.
 */
import fc from 'fast-check';
import { base64urlJson } from './test-issuer';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const base64urlChar = fc.constantFrom(...BASE64URL.split(''));
const anyChar = fc.oneof(base64urlChar, fc.constantFrom('.', '=', '+', '/', ' ', '%', '\u0000', 'é', '\u{1F600}'));
const segment = fc.string({ unit: base64urlChar, maxLength: 400 });

/** The decoded bytes of a token's three segments, or undefined when it has not three. */
const decoded = (token: string) => {
  const parts = token.split('.');
  return parts.length === 3 ? parts.map((part) => Buffer.from(part, 'base64url').toString('hex')) : undefined;
};

/** True when `candidate` decodes to exactly the bytes of `original` (spare-bit spelling only). */
export function sameBytes(candidate: string, original: string): boolean {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(candidate)) return false;
  return JSON.stringify(decoded(candidate)) === JSON.stringify(decoded(original));
}

/** Malformed tokens around `valid` (a token the verifier accepts); `kid` is its key id. */
export function malformedToken(valid: string, kid: string): fc.Arbitrary<string> {
  const [header, payload, signature] = valid.split('.');
  const at = fc.nat({ max: valid.length - 1 });
  return fc.oneof(
    fc.tuple(at, anyChar).map(([i, c]) => `${valid.slice(0, i)}${c}${valid.slice(i + 1)}`),
    fc
      .tuple(at, fc.string({ unit: anyChar, minLength: 1, maxLength: 3 }))
      .map(([i, s]) => `${valid.slice(0, i)}${s}${valid.slice(i)}`),
    at.map((i) => valid.slice(0, i)),
    at.map((i) => valid.slice(i)),
    fc.constantFrom(
      `${header}.${payload}`,
      `${header}.${payload}.${signature}.${signature}`,
      `${payload}.${header}.${signature}`,
      `${header}.${header}.${signature}`,
      `${header}..${signature}`,
      `.${payload}.${signature}`,
      `${header}.${payload}.`,
      `${valid}.`,
      ` ${valid}`,
    ),
    fc
      .tuple(fc.jsonValue(), fc.jsonValue(), segment)
      .map(([h, p, s]) => `${base64urlJson(h)}.${base64urlJson(p)}.${s}`),
    fc
      .tuple(fc.string({ maxLength: 40 }), fc.constantFrom('RS256', 'none', 'HS256', 'ES256', 'RS512', ''), segment)
      .map(([forgedKid, alg, s]) => `${base64urlJson({ alg, kid: forgedKid })}.${payload}.${s}`),
    fc
      .tuple(fc.constantFrom('RS256', 'none', 'HS256'), segment)
      .map(([alg, s]) => `${base64urlJson({ alg, kid })}.${payload}.${s}`),
    fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
    fc.string({ unit: anyChar, maxLength: 200 }),
    fc.integer({ min: 8000, max: 10_000 }).map((n) => `${header}.${'A'.repeat(n)}.${signature}`),
  );
}
