/**
 * Words one typing slip away from a word (Damerau–Levenshtein distance 1: a letter left out,
 * added, mistyped, or two letters swapped), for "did you mean" (services/search): the search
 * service keeps the one the index holds most often. Arabic words are varied over the Arabic
 * letters (hamza forms and taa marbuta included, so «مساله» can become «مسألة»'s neighbour),
 * others over the Latin ones. Diacritics and tatweel are dropped first: they never make a miss.
 */
/**
 * In order of preference: the index folds hamza forms, alef maqsura and taa marbuta, so
 * neighbours differing only there tie, and the first wins — ة before ه, ي before ى, the bare
 * alef before the hamzated ones (the reader's own habit).
 */
const ARABIC_LETTERS = [...'ابتةثجحخدذرزسشصضطظعغفقكلمنويهءأإآؤئى'];
const LATIN_LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const ARABIC = /[\u0600-\u06FF]/;
const MARKS = /[\p{M}\u0640]/gu;
/** Shorter words have too many neighbours to guess from; longer ones are pasted, not typed. */
const MIN_LETTERS = 3;
const MAX_LETTERS = 15;

/**
 * The word's neighbours at distance 1, without repeats, the likelier slips first (neighbours
 * the index cannot tell apart tie, and the first wins): a mistyped letter, two letters swapped,
 * a letter too many, a letter left out.
 */
export function spellingVariants(raw: string): string[] {
  const word = [...raw.replace(MARKS, '').toLowerCase()];
  if (word.length < MIN_LETTERS || word.length > MAX_LETTERS) return [];
  const letters = ARABIC.test(raw) ? ARABIC_LETTERS : LATIN_LETTERS;
  const out = new Set<string>();
  const at = (i: number, j: number) => word.slice(i, j).join('');
  for (let i = 0; i < word.length; i++) for (const l of letters) out.add(at(0, i) + l + at(i + 1, word.length));
  for (let i = 0; i + 1 < word.length; i++) out.add(at(0, i) + word[i + 1]! + word[i]! + at(i + 2, word.length));
  for (let i = 0; i < word.length; i++) out.add(at(0, i) + at(i + 1, word.length));
  for (let i = 0; i <= word.length; i++) for (const l of letters) out.add(at(0, i) + l + at(i, word.length));
  out.delete(word.join(''));
  return [...out];
}
