/**
 * Arabic text normalisation shared by slugs, search and word lists. Pure; one module so that
 * indexing and querying (and both databases) agree.
 */

// U+0610–061A Quranic marks, U+064B–065F harakat/tanwin/shadda/sukun, U+0670 superscript alef,
// U+06D6–06ED Quranic annotation signs.
const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;

/** Removes vowel marks and tatweel: «الاتِّفاقيَّة» → «الاتفاقية». */
export function stripTashkeel(s: string): string {
  return s.replace(TASHKEEL, '').replace(TATWEEL, '');
}
