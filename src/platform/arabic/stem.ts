import { foldTaMarbuta } from './normalise.ts';

/**
 * Khabar's Arabic light stemmer, in the style of Larkey's light10 and Lucene's ArabicStemmer:
 * strip one definite article, then the common plural, feminine and pronoun suffixes. It never
 * extracts roots: a search engine wants اتفاقية and الاتفاقيات to meet at اتفاق, not at تفق.
 *
 * Input: one word already folded by `foldArabic` (ة still intact). Output: the stem, with ة → ه
 * applied last (stack notes: folding ة before stemming leaves الروسيه unstemmed).
 *
 * Where this departs from light10 / Lucene, and why:
 * - A leading و or ف is removed only when an article follows (والاتفاقيات, فالحكومة), never on
 *   its own: light10's bare-و rule turns وزير into زير and وصل into صل. Bare proclitics
 *   (و ف ب ك ل + word) are handled by `stemVariants` at indexing time instead.
 * - Suffixes must leave at least three letters (Lucene: two), so مكان, عمان and سنة survive.
 */

const ARTICLES = ['بال', 'كال', 'لل', 'ال'] as const;
// Lucene's order, each tried once, right to left.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'] as const;
const CONJUNCTIONS = ['و', 'ف'] as const;
/** One-letter proclitics: «و» and, «ف» so, «ب» in/by, «ك» as, «ل» for. */
const PROCLITICS = new Set(['و', 'ف', 'ب', 'ك', 'ل']);
const MIN_AFTER_ARTICLE = 2;
const MIN_AFTER_SUFFIX = 3;
const MIN_AFTER_PROCLITIC = 3;

function stripArticle(w: string): string {
  let word = w;
  const c = word[0];
  if (c !== undefined && (CONJUNCTIONS as readonly string[]).includes(c) && ARTICLES.some((a) => word.startsWith(a, 1) && word.length - 1 - a.length >= MIN_AFTER_ARTICLE)) {
    word = word.slice(1);
  }
  for (const a of ARTICLES) {
    if (word.startsWith(a) && word.length - a.length >= MIN_AFTER_ARTICLE) return word.slice(a.length);
  }
  return word;
}

function stripSuffixes(w: string): string {
  let word = w;
  for (const s of SUFFIXES) {
    if (word.endsWith(s) && word.length - s.length >= MIN_AFTER_SUFFIX) word = word.slice(0, -s.length);
  }
  return word;
}

/** The light stem of one folded Arabic word: «والاتفاقيات» → «اتفاق», «الروسية» → «روس». */
export function stemArabic(folded: string): string {
  return foldTaMarbuta(stripSuffixes(stripArticle(folded)));
}

/**
 * Every stem a word may be found under: its own stem, and the stems of the word without one or
 * two bare proclitics («بروسيا» → روسيا, «وبروسيا» → روسيا). Used when indexing only: a query
 * word is stemmed strictly, so a search for وزير still finds وزير and not every word in ـزير.
 */
export function stemVariants(folded: string): string[] {
  const out = [stemArabic(folded)];
  let word = folded;
  for (let i = 0; i < 2; i++) {
    const c = word[0];
    if (c === undefined || !PROCLITICS.has(c) || word.length - 1 < MIN_AFTER_PROCLITIC) break;
    // Only a conjunction may stand before another proclitic (وبروسيا), not ب/ك/ل (بلبنان).
    if (i === 1 && !(CONJUNCTIONS as readonly string[]).includes(folded[0] ?? '')) break;
    word = word.slice(1);
    const s = stemArabic(word);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}
