import { stripTashkeel } from './arabic/normalise.ts';

export const MAX_SLUG_LENGTH = 80;

/**
 * A permalink slug that keeps Arabic as Arabic (as WordPress does): tashkeel, tatweel and
 * punctuation (including Arabic ، ؛ ؟ and quotes) dropped, words joined by «-», Latin lowercased,
 * capped at a word boundary. Percent-encoding is the URL builder's job, not the slug's.
 */
export function slugify(title: string, max = MAX_SLUG_LENGTH): string {
  const words = stripTashkeel(title.normalize('NFC'))
    .toLowerCase()
    // Keep letters and digits of any script (Arabic-Indic digits too); everything else separates.
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if ([...next].length > max) break;
    slug = next;
  }
  // A single over-long word: cut it rather than return nothing.
  if (!slug && words[0]) slug = [...words[0]].slice(0, max).join('');
  return slug;
}

/** A slug as it may appear in a URL path: letters, digits and inner hyphens only. */
export function isValidSlug(s: string): boolean {
  return s.length > 0 && s.length <= 200 && /^[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u.test(s);
}
