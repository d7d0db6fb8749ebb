import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { foldArabic, foldTaMarbuta } from './normalise.ts';
import { stemArabic, stemVariants, type WordReading, wordReadings } from './stem.ts';

/**
 * The one text analyzer for search: indexing and querying both go through it, on SQLite and on
 * PostgreSQL alike, so a word is found the same way everywhere (architecture: "one pure module").
 *
 * Each word yields two forms:
 * - `norm`: the word with spelling variants folded (normalise.ts) — exact forms rank first;
 * - `stem`: its light stem (stem.ts) for Arabic, the Snowball English stem on English editions,
 *   otherwise the norm. Indexing adds the stems of the word without a bare proclitic (بروسيا).
 * The databases only ever see these tokens, space-separated: never raw Arabic (FTS5's unicode61
 * splits words at vowel marks, stack notes).
 */

export interface AnalyzerOptions {
  /** The edition's locale (BCP 47). English stemming applies when its language is `en`. */
  locale: string;
}

export interface QueryTerm {
  norm: string;
  stem: string;
  /** The word without its clitics (normalised like `norm`): the same word with other clitics ranks next to an exact match. */
  base: string;
  /**
   * Other readings of the word, each a stem (searched for) and a base (scored):
   * - `proclitic`: without one or two bare proclitics (وموسكو → موسكو): the reader may have
   *   added a و the text does not have. The search service keeps one only where the index shows
   *   it to be the likelier word (services/search), so وزير never becomes زير;
   * - `spelling`: with the «ال» read as part of the word, as if its alef bore the hamza the
   *   reader left out (الهام for إلهام, والقيت for وألقيت): kept whenever the index has it.
   */
  alternatives: QueryAlternative[];
  /** False for a function word in a longer query: it counts in the score but need not match. */
  required: boolean;
}

export interface QueryAlternative extends WordReading {
  kind: 'proclitic' | 'spelling';
}

export interface TokenForms {
  norm: string;
  stem: string;
  /** Every stem the word is indexed under (the first is `stem`). */
  stems: string[];
}

/** Words longer than this are noise (URLs, base64): PostgreSQL refuses to index them anyway. */
const MAX_TOKEN_LENGTH = 60;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;
const COMPAT_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]/;
const MARKS = /\p{M}/gu;
/** What foldArabic removes, and every other combining mark. */
const UNFOLDED_MARKS = /[\p{M}\u0640\u06DD\u06DE\u06E5\u06E6\u06E9]/gu;

/**
 * Function words that a multi-word query does not require (Khabar's own list, normalised as
 * `norm` is): «اتفاقية في موسكو» must not demand في. They still add to the score (علي is also a
 * name). A query made of these alone (and single letters) is too general to search: it would
 * match nearly every story (services/search answers `tooGeneral`).
 */
const QUERY_STOPWORDS = new Set([
  'في', 'من', 'علي', 'الي', 'عن', 'مع', 'ان', 'او', 'ثم', 'قد', 'لا', 'ما', 'هذا', 'هذه', 'ذلك', 'تلك', 'التي', 'الذي',
  'الذين', 'كان', 'كانت', 'هو', 'هي', 'و', 'يا', 'حتي',
  // more pronouns, particles and prepositions, and clitics typed alone
  'هم', 'هن', 'هما', 'انا', 'انت', 'نحن', 'لم', 'لن', 'بل', 'لكن', 'ولكن', 'اي', 'اذا', 'اذ', 'اما', 'الا', 'منذ', 'عند',
  'عندما', 'حيث', 'كما', 'لقد', 'وقد', 'فقد', 'كل', 'بعض', 'غير', 'بين', 'ذات', 'هناك', 'هنا', 'ايضا', 'يكون', 'تكون',
  'وفي', 'ومن', 'وعلي', 'والي', 'وعن', 'ومع', 'وان', 'انه', 'انها', 'فان', 'بان', 'لان', 'به', 'بها', 'له', 'لها', 'فيه', 'فيها',
  'منه', 'منها', 'عليه', 'عليها', 'اليه', 'الذي', 'اللذين', 'اللتين', 'اللاتي', 'ال', 'وال', 'بال', 'كال', 'فال', 'لل',
  'the', 'a', 'an', 'of', 'in', 'on', 'and', 'or', 'to', 'for', 'is', 'at', 'by', 'it', 'as', 'be', 'was', 'are', 'with', 'from', 'that', 'this',
]);

/** Whether a query word can tell stories apart: not a function word, not a lone letter. */
export function isContentTerm(t: Pick<QueryTerm, 'norm'>): boolean {
  return [...t.norm].length > 1 && !QUERY_STOPWORDS.has(t.norm);
}

/** At most this many words of a query are used: the rest only slow the search down. */
export const MAX_QUERY_TERMS = 8;

/** `en`, `en-GB`, `EN`: a test, not a split and a lower-casing (it runs once a word analysed). */
function isEnglish(o: AnalyzerOptions): boolean {
  return /^en(?:-|$)/i.test(o.locale);
}

/** The forms of one word as it appears in text, or null when nothing indexable is left. */
export function analyzeWord(raw: string, o: AnalyzerOptions): TokenForms | null {
  let w = COMPAT_FORMS.test(raw) ? raw.normalize('NFKC') : raw;
  if (ARABIC_SCRIPT.test(w)) {
    // The word as written, marks removed: folding it is then letter for letter, so the stemmer
    // can look back at a hamza the fold removed (إلهام is not ال + هام).
    const plain = w.replace(UNFOLDED_MARKS, '');
    const folded = foldArabic(plain).toLowerCase();
    if (!folded || folded.length > MAX_TOKEN_LENGTH) return null;
    const stems = stemVariants(folded, plain.length === folded.length ? plain : folded);
    return { norm: foldTaMarbuta(folded), stem: stems[0]!, stems };
  }
  w = foldArabic(w).normalize('NFD').replace(MARKS, '').toLowerCase();
  if (!w || w.length > MAX_TOKEN_LENGTH) return null;
  const stem = isEnglish(o) && /^[a-z]+$/.test(w) ? englishStemmer(w) : w;
  return { norm: w, stem, stems: [stem] };
}

/**
 * A word's norm and strict stem only, as `analyzeWord` gives them, without the proclitic-less
 * readings: enough to look a word up, at a fraction of the cost ("did you mean" looks up
 * hundreds of neighbours).
 */
export function wordStem(raw: string, o: AnalyzerOptions): { norm: string; stem: string } | null {
  const w = COMPAT_FORMS.test(raw) ? raw.normalize('NFKC') : raw;
  if (!ARABIC_SCRIPT.test(w)) {
    const f = analyzeWord(raw, o);
    return f && { norm: f.norm, stem: f.stem };
  }
  const plain = w.replace(UNFOLDED_MARKS, '');
  const folded = foldArabic(plain).toLowerCase();
  if (!folded || folded.length > MAX_TOKEN_LENGTH) return null;
  return { norm: foldTaMarbuta(folded), stem: stemArabic(folded, plain.length === folded.length ? plain : folded) };
}

/** The words of a text with their offsets in it (for highlighting over the original). */
export function words(text: string): { raw: string; start: number; end: number }[] {
  const out: { raw: string; start: number; end: number }[] = [];
  eachWordAt(text, (start, end) => out.push({ raw: text.slice(start, end), start, end }));
  return out;
}

/** A query word's base and alternative readings (see QueryTerm). */
function queryReadings(raw: string, f: TokenForms): { base: string; alternatives: QueryAlternative[] } {
  if (!ARABIC_SCRIPT.test(raw)) return { base: f.norm, alternatives: [] };
  const plain = (COMPAT_FORMS.test(raw) ? raw.normalize('NFKC') : raw).replace(UNFOLDED_MARKS, '');
  const folded = foldArabic(plain).toLowerCase();
  const same = plain.length === folded.length ? plain : folded;
  const [own, ...rest] = wordReadings(folded, same);
  const out: QueryAlternative[] = rest.map((r) => ({ ...r, kind: 'proclitic' }));
  const spelling = (readings: WordReading[]) => {
    for (const r of readings) if (r.stem !== own!.stem && !out.some((a) => a.stem === r.stem)) out.push({ ...r, kind: 'spelling' });
  };
  // Every bare alef read as hamzated: no «ال» is then the article.
  spelling(wordReadings(folded, folded.replaceAll('ا', 'أ')));
  // A final ه read as the ة the reader may have meant: it changes the stem of a listed broken
  // plural only (بالاجهزه → جهاز, as بالأجهزة; read as a pronoun, اجهز).
  if (folded.endsWith('ه')) spelling(wordReadings(`${folded.slice(0, -1)}ة`, `${same.slice(0, -1)}ة`));
  return { base: own!.base, alternatives: out };
}

/**
 * The forms of the words indexing meets, remembered: a news archive repeats a few thousand words
 * most of the time, so a bulk import or a reindex analyzes each of them once, not at every
 * occurrence. Bounded (emptied when full): memory stays flat on any archive.
 */
const indexed = { arabic: new Map<string, TokenForms | null>(), english: new Map<string, TokenForms | null>() };
const INDEXED_WORDS = 50_000;

function analyzeIndexedWord(raw: string, o: AnalyzerOptions, memo: Map<string, TokenForms | null>): TokenForms | null {
  let f = memo.get(raw);
  if (f === undefined) {
    f = analyzeWord(raw, o);
    if (memo.size >= INDEXED_WORDS) memo.clear();
    memo.set(raw, f);
  }
  return f;
}

/**
 * `analyzeWord`, remembered in the same bounded memo as indexing's: the words of search results'
 * leads (snippets) are a news archive's words too, and a search analyzed hundreds of them anew.
 */
export function analyzeKnownWord(raw: string, o: AnalyzerOptions): TokenForms | null {
  return analyzeIndexedWord(raw, o, isEnglish(o) ? indexed.english : indexed.arabic);
}

/** The two token streams stored for one document. */
export function analyzeForIndex(text: string, o: AnalyzerOptions): { norm: string; stem: string } {
  let norm = '';
  let stem = '';
  // Strings built by concatenation, not arrays spread and joined (the words themselves are memoised).
  eachIndexedForm(text, o, (f) => {
    norm = norm ? `${norm} ${f.norm}` : f.norm;
    for (const s of f.stems) stem = stem ? `${stem} ${s}` : s;
  });
  return { norm, stem };
}

/** The forms of each word of `text` that indexing keeps, in order (memoised: see `indexed`). */
export function eachIndexedForm(text: string, o: AnalyzerOptions, on: (f: TokenForms) => void): void {
  const memo = isEnglish(o) ? indexed.english : indexed.arabic;
  eachWord(text, (w) => {
    const f = analyzeIndexedWord(w, o, memo);
    if (f) on(f);
  });
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Per UTF-16 unit outside the surrogates: 1 when WORD_CHAR holds. Made at the first use (about 20 ms). */
let wordUnits: Uint8Array | null = null;

/**
 * The words of `text` as WORD finds them (maximal runs of letters, marks and digits), scanned by
 * a table rather than the regex: a `u` regex with Unicode classes was a bulk import's largest
 * cost of analysis (0.43 → 0.10 ms for a 480-word body). Astral characters ask the regex.
 */
export function eachWord(text: string, on: (word: string) => void): void {
  eachWordAt(text, (start, end) => on(text.slice(start, end)));
}

/** Where each word of `text` starts and ends, as `eachWord` finds them (a search's snippets: ten leads a search). */
export function eachWordAt(text: string, on: (start: number, end: number) => void): void {
  const units = (wordUnits ??= wordUnitTable());
  const n = text.length;
  let start = -1;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    let inWord: boolean;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      inWord = WORD_CHAR.test(text.slice(i, i + 2));
    } else inWord = units[c] === 1; // a lone surrogate is 0: not a letter
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      on(start, i);
      start = -1;
    }
    i += width;
  }
  if (start >= 0) on(start, n);
}

function wordUnitTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if ((c < 0xd800 || c > 0xdfff) && WORD_CHAR.test(String.fromCharCode(c))) t[c] = 1;
  return t;
}

/**
 * The terms of a reader's query: each word's norm and strict stem, duplicates (by stem) removed,
 * function words optional when other words remain, at most MAX_QUERY_TERMS. Operators, quotes and
 * SQL are just punctuation to the tokenizer, so nothing the reader types reaches a query engine.
 */
export function analyzeQuery(query: string, o: AnalyzerOptions): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const m of query.matchAll(WORD)) {
    const f = analyzeWord(m[0], o);
    if (f && !terms.some((t) => t.stem === f.stem)) terms.push({ norm: f.norm, stem: f.stem, ...queryReadings(m[0], f), required: true });
  }
  const hasContent = terms.some(isContentTerm);
  return terms.slice(0, MAX_QUERY_TERMS).map((t) => ({ ...t, required: !hasContent || isContentTerm(t) }));
}

/** Whether a word of the text matches a query term, by exact form or by stem (or a kept alternative). */
export function matchesTerm(f: TokenForms, terms: readonly QueryTerm[]): 'exact' | 'stem' | null {
  let hit: 'exact' | 'stem' | null = null;
  for (const t of terms) {
    if (f.norm === t.norm) return 'exact';
    if (f.stems.includes(t.stem) || t.alternatives.some((a) => f.stems.includes(a.stem))) hit = 'stem';
  }
  return hit;
}
