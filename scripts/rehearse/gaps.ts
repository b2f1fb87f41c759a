/**
 * The one list of moto's known gaps (emulator-gaps.json). Each entry says what moto does wrong and
 * how the rehearsal copes: `patched` (moto_launcher.py fixes it), `plan-drift` (the second plan
 * may update exactly these attributes of this resource type, and nothing else) or `unsupported`
 * (the rehearsal cannot show it; plan-level tests cover it). __tests__/rehearsal/emulator-gaps
 * proves on an unpatched moto that every gap still exists, so a fixed moto makes its entry go.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export type EmulatorGap =
  | { readonly id: string; readonly kind: 'patched'; readonly moto: string }
  | { readonly id: string; readonly kind: 'unsupported'; readonly moto: string }
  | {
      readonly id: string;
      readonly kind: 'plan-drift';
      readonly moto: string;
      readonly resourceType: string;
      /** Top-level attributes the second plan may change on every resource of `resourceType`. */
      readonly attributes: readonly string[];
    };

export const GAPS_FILE = path.join(__dirname, 'emulator-gaps.json');

/** Parses the gap file, refusing an entry that lacks what makes it checkable. */
export function parseGaps(text: string): EmulatorGap[] {
  const raw = JSON.parse(text) as { gaps?: unknown };
  if (!Array.isArray(raw.gaps)) throw new Error('emulator gaps: expected {"gaps": [...]}');
  const seen = new Set<string>();
  return raw.gaps.map((entry: Record<string, unknown>, index) => {
    const at = `emulator gaps[${index}]`;
    if (typeof entry.id !== 'string' || !/^[a-z0-9-]+$/.test(entry.id)) throw new Error(`${at}: id must be kebab-case`);
    if (seen.has(entry.id)) throw new Error(`${at}: duplicate id "${entry.id}"`);
    seen.add(entry.id);
    if (typeof entry.moto !== 'string' || entry.moto.trim() === '') {
      throw new Error(`${at} (${entry.id}): "moto" must say what the emulator does wrong`);
    }
    if (entry.kind === 'patched' || entry.kind === 'unsupported') {
      return { id: entry.id, kind: entry.kind, moto: entry.moto };
    }
    if (entry.kind !== 'plan-drift') {
      throw new Error(`${at} (${entry.id}): kind must be patched, plan-drift or unsupported`);
    }
    const attributes = entry.attributes;
    if (typeof entry.resourceType !== 'string' || !entry.resourceType.startsWith('aws_')) {
      throw new Error(`${at} (${entry.id}): a plan-drift gap names its resourceType`);
    }
    if (!Array.isArray(attributes) || attributes.length === 0 || !attributes.every((a) => typeof a === 'string')) {
      throw new Error(`${at} (${entry.id}): a plan-drift gap lists the attributes it lets change`);
    }
    return { id: entry.id, kind: 'plan-drift', moto: entry.moto, resourceType: entry.resourceType, attributes };
  });
}

export function loadGaps(file: string = GAPS_FILE): EmulatorGap[] {
  return parseGaps(readFileSync(file, 'utf8'));
}
