import type { Problems } from '../domain/errors.ts';

/**
 * Checks of what a person typed into a newsroom form, each noting its problem in `p` (so every
 * field is checked, not only the first) and returning the value to keep.
 */

/** A required one-line text of at most `max` characters, trimmed. */
export function requiredText(p: Problems, field: string, raw: string, max: number): string {
  const v = raw.trim();
  if (!v) p.add(field, 'required');
  else if ([...v].length > max) p.add(field, 'too_long', { max });
  return v;
}

export function optionalText(p: Problems, field: string, raw: string, max: number): string {
  const v = raw.trim();
  if ([...v].length > max) p.add(field, 'too_long', { max });
  return v;
}

/** A whole number from `min` to `max`; empty gives `fallback`. */
export function integerIn(p: Problems, field: string, raw: string, min: number, max: number, fallback: number): number {
  const v = raw.trim();
  if (v === '') return fallback;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min || n > max) {
    p.add(field, 'number', { min, max });
    return fallback;
  }
  return n;
}
