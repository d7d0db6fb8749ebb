import { foldArabic, foldTaMarbuta } from './normalise.ts';

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
 * - An «ال» whose alef was written with a hamza (إلهام, ألمانيا, آلاف) is part of the word, not
 *   the article: إلهام is not ال + هام. The caller passes the word as written (`plain`) beside
 *   the folded one for this (Lucene folds first and makes إلهام → هام).
 * - Names that merely end like a plural or a pronoun (بوتين, الكرملين) keep their ending
 *   (PROTECTED): Lucene makes بوتين → بوت and الكرملين → كرمل, so «بوت» and «كرمل» found them.
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

/**
 * Names (folded, ة intact, without the article) whose ending the suffix rules would cut, each a
 * different word after the cut: a reviewed list, in the spirit of Lucene's stem-exclusion set.
 * Only names whose stem is itself a word a reader types (بوت bot, كرمل Carmel, طهر purity, لبن
 * milk for لبنان, قطر Qatar for قطران tar, عمر for عمران) or that lose their identity (ايران →
 * اير) are listed — and a few common words the same rules cut down to another (ولاية → ولا
 * «and not», ايمان → ايم, ديوان → ديو).
 */
const PROTECTED = new Set([
  'بوتين', 'كرملين', 'فلسطين', 'برلين', 'بكين', 'حسين', 'ياسين', 'بحرين', 'يابان', 'يونان', 'سودان', 'ايران',
  'طهران', 'سلمان', 'عثمان', 'رمضان', 'زيدان', 'سفيان', 'ميلان', 'باكستان', 'افغانستان', 'كازاخستان', 'اوزبكستان',
  'تركمانستان', 'طاجيكستان', 'قرغيزستان', 'كردستان', 'فاتيكان', 'تايوان', 'ليون', 'هارون', 'زيتون', 'مرسيليا',
  'لبنان', 'عمران', 'قطران', 'ولاية', 'ايمان', 'ديوان',
]);

/**
 * Common broken plurals of news text, each with its singular (a reviewed list: Khabar's own,
 * the plurals most frequent in the SaudiNewsNet corpus whose singular a reader also types). A
 * plural is stemmed as its singular, so «الوزراء» finds «وزير» and the reverse — and «الطلبة»
 * becomes طالب, not Lucene's طلب («request»), the over-stemming the issue names.
 */
const BROKEN_PLURALS: Record<string, string> = {
  طلبة: 'طالب', طلاب: 'طالب', وزراء: 'وزير', رؤساء: 'رئيس', أطفال: 'طفل', رجال: 'رجل', مدن: 'مدينة', أسعار: 'سعر',
  أسواق: 'سوق', أعمال: 'عمل', أيام: 'يوم', أشهر: 'شهر', سنوات: 'سنة', مشاريع: 'مشروع', جنود: 'جندي', شباب: 'شاب',
  علماء: 'عالم', أمراء: 'أمير', ملوك: 'ملك', حقوق: 'حق', قادة: 'قائد', مناطق: 'منطقة', أحزاب: 'حزب', أخبار: 'خبر',
  أرقام: 'رقم', أسلحة: 'سلاح', أموال: 'مال', مصادر: 'مصدر', مساجد: 'مسجد', مدارس: 'مدرسة',
  أجهزة: 'جهاز', أحداث: 'حدث', أنظمة: 'نظام', أفراد: 'فرد', أطباء: 'طبيب', وسائل: 'وسيلة', رسائل: 'رسالة',
  قوات: 'قوة', دول: 'دولة', شعوب: 'شعب', بنوك: 'بنك', أسابيع: 'أسبوع', لجان: 'لجنة', مواقع: 'موقع',
  // A sound plural whose singular is protected above: the rules alone would cut it apart from it.
  ولايات: 'ولاية',
};

/** Bare alef (or the article's wasla): an «ال» written with أ إ آ is not the article. */
const isArticleAlef = (c: string | undefined) => c === 'ا' || c === 'ٱ';

function stripArticle(w: string, plain: string): string {
  let word = w;
  let at = 0;
  const c = word[0];
  if (c !== undefined && (CONJUNCTIONS as readonly string[]).includes(c) && ARTICLES.some((a) => word.startsWith(a, 1) && word.length - 1 - a.length >= MIN_AFTER_ARTICLE && (a === 'لل' || isArticleAlef(plain[1 + a.length - 2])))) {
    word = word.slice(1);
    at = 1;
  }
  for (const a of ARTICLES) {
    // The alef of ال / بال / كال is at the article's second-last letter; لل has none.
    if (word.startsWith(a) && word.length - a.length >= MIN_AFTER_ARTICLE && (a === 'لل' || isArticleAlef(plain[at + a.length - 2]))) return word.slice(a.length);
  }
  return word;
}

/** Plural (folded, ة intact) → the stem of its singular; filled once, below stemArabic. */
const PLURAL_STEMS = new Map<string, string>();

function stripSuffixes(w: string): string {
  let word = w;
  if (PROTECTED.has(word)) return word;
  const singular = PLURAL_STEMS.get(word);
  if (singular !== undefined) return singular;
  for (const s of SUFFIXES) {
    if (word.endsWith(s) && word.length - s.length >= MIN_AFTER_SUFFIX) word = word.slice(0, -s.length);
  }
  return word;
}

/**
 * The light stem of one folded Arabic word: «والاتفاقيات» → «اتفاق», «الروسية» → «روس».
 * `plain`: the same word unfolded (vowel marks removed, so of the same length), to tell an
 * article from an «ال» written with a hamza; without it every «ال» is taken for the article.
 */
export function stemArabic(folded: string, plain: string = folded): string {
  return foldTaMarbuta(stripSuffixes(stripArticle(folded, plain)));
}

// No singular is itself a listed plural, so each is stemmed by the rules alone.
for (const [plural, singular] of Object.entries(BROKEN_PLURALS)) PLURAL_STEMS.set(foldArabic(plural), stemArabic(foldArabic(singular)));

/** One way to read a word: its stem, and its base — the word without proclitics and article. */
export interface WordReading {
  stem: string;
  /** Folded with ة → ه, like `norm`: what the text holds once its clitics are set aside. */
  base: string;
  /** The word as read here (without the proclitics set aside), folded like `norm`. */
  form: string;
}

/**
 * Every reading of a word: as it stands, and without one or two bare proclitics («بروسيا» →
 * روسيا, «وبروسيا» → روسيا), distinct by stem. The first is the word's own stem.
 */
export function wordReadings(folded: string, plain: string = folded): WordReading[] {
  const read = (w: string, p: string): WordReading => ({ stem: stemArabic(w, p), base: foldTaMarbuta(stripArticle(w, p)), form: foldTaMarbuta(w) });
  const out = [read(folded, plain)];
  let word = folded;
  for (let i = 0; i < 2; i++) {
    const c = word[0];
    if (c === undefined || !PROCLITICS.has(c) || word.length - 1 < MIN_AFTER_PROCLITIC) break;
    // Only a conjunction may stand before another proclitic (وبروسيا), not ب/ك/ل (بلبنان).
    if (i === 1 && !(CONJUNCTIONS as readonly string[]).includes(folded[0] ?? '')) break;
    word = word.slice(1);
    const r = read(word, plain.slice(i + 1));
    if (!out.some((o) => o.stem === r.stem)) out.push(r);
  }
  return out;
}

/**
 * Every stem a word may be found under: its own stem, and the stems of the word without one or
 * two bare proclitics («بروسيا» → روسيا, «وبروسيا» → روسيا). The index holds them all; a query
 * word adds its proclitic-less stems only where the index shows them likelier (services/search).
 */
export function stemVariants(folded: string, plain: string = folded): string[] {
  return wordReadings(folded, plain).map((r) => r.stem);
}

/**
 * The clitics a text may put before a word's base: a conjunction (و ف), a preposition (ب ك ل)
 * and the article, in that order (ل + ال is written لل). Used to tell «the same word with other
 * clitics» from a word that merely ends in the same letters.
 */
export const CLITIC_PREFIXES: ReadonlySet<string> = new Set(
  ['', 'و', 'ف'].flatMap((c) => ['', 'ب', 'ك', 'ل'].flatMap((p) => ['', 'ال'].map((a) => c + (p === 'ل' && a ? 'لل' : p + a)))),
);
