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

// One pass over the string with a lookup table (search analyses every word of every article):
// Arabic-Indic ٠–٩ and Persian ۰–۹ digits → 0–9; Persian ی → ي, ک → ك, ۀ → ه; أ إ آ ٱ ٲ ٳ → ا;
// ى → ي; ؤ ئ → ء (the same word is spelt مسؤول and مسئول); tashkeel and tatweel → nothing.
const FOLD = new Map<string, string>([
  ...Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x0660 + d), String(d)] as const),
  ...Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x06f0 + d), String(d)] as const),
  ['\u06CC', '\u064A'], ['\u06A9', '\u0643'], ['\u06C0', '\u0647'],
  ['\u0622', '\u0627'], ['\u0623', '\u0627'], ['\u0625', '\u0627'], ['\u0671', '\u0627'], ['\u0672', '\u0627'], ['\u0673', '\u0627'],
  ['\u0649', '\u064A'], ['\u0624', '\u0621'], ['\u0626', '\u0621'],
]);
const FOLDED = /[\u0660-\u0669\u06F0-\u06F9\u06CC\u06A9\u06C0\u0622\u0623\u0625\u0671-\u0673\u0649\u0624\u0626\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/**
 * The spelling folds that do not change a word's identity, everything except ة → ه: Arabic-Indic
 * digits to Latin, Persian ی/ک to Arabic ي/ك, vowel marks and tatweel removed, أ إ آ ٱ → ا,
 * ى → ي, ؤ/ئ → ء. The stemmer MUST see ة intact because it tells a feminine ending (ـة) from a
 * pronoun (ـه) — the stack notes found that folding ة first breaks stemming (الروسيه).
 */
export function foldArabic(s: string): string {
  return s.replace(FOLDED, (c) => FOLD.get(c) ?? '');
}

/** ة → ه: the last fold, applied to whole words (norm) and to stems. */
export function foldTaMarbuta(s: string): string {
  return s.replace(/\u0629/g, '\u0647');
}

/**
 * Full normalisation for matching and for word lists: «الاتِّفاقيَّة» → «الاتفاقيه»,
 * «أذربيجان» → «اذربيجان», «٢٠٢٥» → «2025». Lower-cases Latin too.
 */
export function normaliseArabic(s: string): string {
  return foldTaMarbuta(foldArabic(s)).toLowerCase();
}
