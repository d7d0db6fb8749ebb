import type { ArticleSummary } from '../../domain/article.ts';
import { pageCount } from '../../domain/page.ts';
import { analyzeQuery, isContentTerm, type QueryAlternative, type QueryTerm, words, wordStem } from '../../platform/arabic/analyzer.ts';
import { spellingVariants } from '../../platform/arabic/spelling.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { CandidateKey } from '../../storage/search.ts';
import { TITLE_MARK } from './indexer.ts';
import { DF_CAP, idf, rank, type Scored } from './scoring.ts';
import { highlightAll, SCAN_CHARS, type Segment, snippet, wordMatcher } from './snippets.ts';

/** Longer queries are cut here (at a word boundary): no headline needs more. */
export const MAX_QUERY_CHARS = 256;
/**
 * The database hands over at most this many matches, the newest first; they are scored here.
 * A query with fewer matches — every known-item query, every name — is ranked over all of them,
 * however old, on whole articles. One with more (a common word) is ranked on title and lead over
 * the newest SCORED_RECENT and the newest CANDIDATE_WINDOW with every word in the title, so the
 * story *about* the word is never cut off for being old while a passing mention is recent.
 */
export const CANDIDATE_WINDOW = 200;
/**
 * Of a full window (a common word), the newest this many are ranked, beside the newest
 * CANDIDATE_WINDOW with every word in the title: the stories *about* the word come from the title
 * window (on the 100,000-article bench, ranking the newest 100 passing mentions beside it, not
 * 200, kept the same ten results for 16 of 17 one-word queries, 9 of 10 for the last), and each
 * passing mention scored is a lead read and scanned — on PostgreSQL, bytes through the driver,
 * the largest cost of a search.
 */
export const SCORED_RECENT = 100;
/**
 * A proclitic-less alternative of a query word (وموسكو → موسكو) is searched for only when the
 * index holds it at least this many times as often as the word as typed: then the reader most
 * likely added a clitic the text does not have. (Every article with the typed word also holds the
 * alternative — the index keeps each word's proclitic-less stems — so 2 means: in as many
 * articles again.) وزير, common as typed, never becomes زير.
 */
const ALTERNATIVE_RATIO = 2;
/**
 * A word and its alternative both in DF_CAP documents or more are counted again up to here to
 * compare them (انشاء is in far more articles than وانشاء; بعيد and عيد are both common words).
 */
export const ALTERNATIVE_DF_CAP = 1000;
/** A "did you mean" corrects at most this many words: each costs a few hundred index lookups. */
const MAX_SUGGESTED_WORDS = 3;
/**
 * Neighbours that reach DF_CAP are counted again up to here, to tell common words apart (at
 * DF_CAP they all tie). Only those: a count this high over hundreds of neighbours, most of them
 * in no document, cost PostgreSQL seconds (its plans for a LIMIT this large).
 */
const SUGGESTION_DF_CAP = 1000;
/** Document counts kept per content version, at most (a bound on memory, not a tuning knob). */
const MAX_COUNTED = 50_000;

export interface SearchParams {
  edition: string;
  /** The edition's locale: English stemming on `en`. */
  locale: string;
  query: string;
  page: number;
  perPage: number;
  categoryId?: number;
  /** Published at or after (inclusive ISO instant). */
  from?: string;
  /** Published before (exclusive ISO instant). */
  to?: string;
  /** `date`: the same matches, newest first (relevance is the default). */
  sort?: 'relevance' | 'date';
}

export interface SearchHit {
  article: ArticleSummary;
  title: Segment[];
  snippet: Segment[];
  score: number;
}

export interface SearchResults {
  /** The query as used (trimmed, cut to MAX_QUERY_CHARS). */
  query: string;
  terms: QueryTerm[];
  hits: SearchHit[];
  total: number;
  /** More matches exist than the window holds. */
  capped: boolean;
  /** No article held every word, so these hold any of them. */
  relaxed: boolean;
  /**
   * The query has words but none that tells stories apart (only function words or lone
   * letters: «في», «و», «the»): nothing is searched — it would list nearly every story.
   */
  tooGeneral: boolean;
  /**
   * When nothing matched: the query with each word the index does not hold replaced by its
   * neighbour (one typing slip away) that the index holds most often, if any; else null.
   */
  suggestion: string | null;
  page: number;
  perPage: number;
  pages: number;
}

export function clampQuery(q: string): string {
  const t = q.trim().replace(/\s+/g, ' ');
  if (t.length <= MAX_QUERY_CHARS) return t;
  const cut = t.slice(0, MAX_QUERY_CHARS);
  const space = cut.lastIndexOf(' ');
  return space > MAX_QUERY_CHARS / 2 ? cut.slice(0, space) : cut;
}

/** The tokens whose document counts weigh a query (see `weighTerms`). */
export function queryTokens(analysed: readonly QueryTerm[]): string[] {
  return [...new Set(analysed.flatMap((t) => [t.stem, ...t.alternatives.map((a) => a.stem)]))];
}

/**
 * The tokens to count again up to ALTERNATIVE_DF_CAP: a word and its proclitic-less alternative
 * both common (وانشاء and انشاء, each in DF_CAP documents or more), whose ratio the capped counts
 * cannot tell.
 */
export function recountedTokens(analysed: readonly QueryTerm[], df: ReadonlyMap<string, number>): string[] {
  const common = (k: string) => (df.get(k) ?? 0) >= DF_CAP;
  return [...new Set(analysed.flatMap((t) => {
    const alts = t.alternatives.filter((a) => a.kind === 'proclitic' && common(a.stem)).map((a) => a.stem);
    return alts.length && common(t.stem) ? [t.stem, ...alts] : [];
  }))];
}

/**
 * Alternatives kept and IDFs from the document counts `df` of `queryTokens` (capped at DF_CAP),
 * and `recounted`, those of `recountedTokens` counted up to ALTERNATIVE_DF_CAP. An alternative
 * reaching DF_CAP beside a word under it is kept (ابلغ for وابلغه: the ratio is at least
 * DF_CAP / own, and a word this common is what a reader likely meant).
 */
export function weighTerms(analysed: readonly QueryTerm[], df: ReadonlyMap<string, number>, recounted: ReadonlyMap<string, number> = new Map()): { terms: QueryTerm[]; idfs: number[] } {
  const terms = analysed.map((t) => {
    const count = (k: string) => recounted.get(k) ?? df.get(k) ?? 0;
    const own = count(t.stem);
    const keep = (a: QueryAlternative) => {
      const n = count(a.stem);
      return n > 0 && (a.kind === 'spelling' || n >= ALTERNATIVE_RATIO * own || (n >= DF_CAP && own < DF_CAP));
    };
    return { ...t, alternatives: t.alternatives.filter(keep) };
  });
  const idfs = terms.map((t) => idf([t.stem, ...t.alternatives.map((a) => a.stem)].reduce((n, k) => n + (df.get(k) ?? 0), 0)));
  return { terms, idfs };
}

/** Newest first, then the larger id (the order of the index's recency key). */
function byDate(a: Scored, b: Scored): number {
  return (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) || b.id - a.id;
}

function union(a: readonly CandidateKey[], b: readonly CandidateKey[]): CandidateKey[] {
  const seen = new Set(a.map((c) => c.id));
  return [...a, ...b.filter((c) => !seen.has(c.id))];
}

/** The content version a search reads its document counts at (SearchService.documentCounts). */
interface VersionRead {
  version: Promise<number>;
  /** Counts held for the last version read may be used before this read answers. */
  optimistic: boolean;
  /** The held counts used (each list at its cap), and their version, to be checked against `version`. */
  assumed?: { version: number; reads: { tokens: string[]; cap: number; counts: number[] }[] };
}

/** A count's key in the held counts: the token, or the token and its cap when counted further. */
const countKey = (token: string, cap: number) => (cap === DF_CAP ? token : `${cap}:${token}`);

/** Search: the one read path for the search page and the JSON API. */
export class SearchService {
  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {}

  /**
   * Document counts of query tokens at one content version: every write that can change them
   * moves the version (the write path; a reindex too), so a count read at a version holds until
   * the next — a common word is counted once, not on every search (a round trip on PostgreSQL).
   */
  private counted = { version: -1, df: new Map<string, number>() };

  /**
   * Counts already held are used at once, on the assumption that the version has not moved: the
   * version is read beside the search's own queries (`read`), not before them (a round trip on
   * PostgreSQL), and the search checks it at its end — and runs again if it had moved. Counts up
   * to a higher cap (`recountedTokens`) are held the same way: a common word with a common
   * proclitic-less reading (وزير, بروسيا) was counted to 1,000 on every search, the slowest part
   * of those searches on PostgreSQL.
   */
  private async documentCounts(tokens: string[], read: VersionRead, cap = DF_CAP): Promise<number[]> {
    const held = this.counted;
    if (read.optimistic && (!read.assumed || read.assumed.version === held.version) && tokens.every((t) => held.df.has(countKey(t, cap)))) {
      const counts = tokens.map((t) => held.df.get(countKey(t, cap))!);
      read.assumed = { version: held.version, reads: [...(read.assumed?.reads ?? []), { tokens, cap, counts }] };
      return counts;
    }
    const version = await read.version;
    if (version !== this.counted.version || this.counted.df.size > MAX_COUNTED) this.counted = { version, df: new Map() };
    const { df } = this.counted;
    const missing = tokens.filter((t) => !df.has(countKey(t, cap)));
    if (missing.length) {
      const counts = await this.deps.repos.search.documentCounts(missing, cap);
      missing.forEach((t, i) => df.set(countKey(t, cap), counts[i] ?? 0));
    }
    return tokens.map((t) => df.get(countKey(t, cap)) ?? 0);
  }

  /**
   * The query's words as the index knows them: each word's alternatives kept when the index
   * holds them ALTERNATIVE_RATIO times as often as the word as typed, and each word's IDF from
   * the documents holding its stem or a kept alternative (counted up to DF_CAP).
   */
  private async weigh(analysed: QueryTerm[], read: VersionRead): Promise<{ terms: QueryTerm[]; idfs: number[]; df: Map<string, number> }> {
    const tokens = queryTokens(analysed);
    const counts = tokens.length ? await this.documentCounts(tokens, read) : [];
    const df = new Map(tokens.map((t, i) => [t, counts[i] ?? 0]));
    // Rare (a common word with a proclitic whose bare form is common too): one more round trip.
    const again = recountedTokens(analysed, df);
    const recounted = new Map<string, number>();
    if (again.length) {
      const more = await this.documentCounts(again, read, ALTERNATIVE_DF_CAP);
      again.forEach((k, i) => recounted.set(k, more[i] ?? 0));
    }
    return { ...weighTerms(analysed, df, recounted), df };
  }

  /**
   * "Did you mean": each word of the query the index does not hold (no document has its stem or
   * an alternative) becomes the neighbour in spellingVariants whose stem the index holds in the
   * most documents (counted up to DF_CAP, and those that reach it up to SUGGESTION_DF_CAP); on a tie (the same stem) the likelier slip
   * (الخارجية, not الخارجة, for الخارجبة: a mistyped letter before a missing one). Words the index holds,
   * and function words, stay as typed. Null when no word could be replaced.
   */
  private async suggest(query: string, locale: string, df: ReadonlyMap<string, number>): Promise<string | null> {
    const unknown: { start: number; end: number; variants: { word: string; stem: string }[] }[] = [];
    for (const w of words(query)) {
      const f = wordStem(w.raw, { locale });
      if (!f || !isContentTerm(f) || (df.get(f.stem) ?? 0) > 0) continue;
      const variants = spellingVariants(w.raw).flatMap((word) => {
        const v = wordStem(word, { locale });
        return v && isContentTerm(v) ? [{ word, stem: v.stem }] : [];
      });
      if (variants.length) unknown.push({ start: w.start, end: w.end, variants });
      if (unknown.length === MAX_SUGGESTED_WORDS) break;
    }
    const stems = [...new Set(unknown.flatMap((u) => u.variants.map((v) => v.stem)))];
    if (!stems.length) return null;
    const counts = await this.deps.repos.search.documentCounts(stems, DF_CAP);
    const held = new Map(stems.map((s, i) => [s, counts[i] ?? 0]));
    // Common words all reach DF_CAP: those few are counted further to tell them apart.
    const common = stems.filter((s) => held.get(s)! >= DF_CAP);
    if (common.length > 1) {
      const more = await this.deps.repos.search.documentCounts(common, SUGGESTION_DF_CAP);
      common.forEach((s, i) => held.set(s, more[i] ?? DF_CAP));
    }
    let out = query;
    let replaced = false;
    // From the end, so the offsets of earlier words still hold.
    for (const u of [...unknown].reverse()) {
      let best: { word: string; n: number } | null = null;
      for (const v of u.variants) {
        const n = held.get(v.stem) ?? 0;
        if (n > 0 && (!best || n > best.n)) best = { word: v.word, n };
      }
      if (!best) continue;
      out = out.slice(0, u.start) + best.word + out.slice(u.end);
      replaced = true;
    }
    return replaced ? out : null;
  }

  async search(p: SearchParams): Promise<SearchResults> {
    const read: VersionRead = { version: this.deps.repos.changes.read(), optimistic: true };
    read.version.catch(() => {}); // awaited below, or not at all when nothing is searched
    const results = await this.searchAt(p, read);
    const assumed = read.assumed;
    if (!assumed || (await read.version) === assumed.version) return results;
    // Written to meanwhile (a comment, another article): the counts read again at the new
    // version; only if they differ is the search run again with them.
    const again = { version: read.version, optimistic: false };
    for (const r of assumed.reads) {
      const now = await this.documentCounts(r.tokens, again, r.cap);
      if (now.some((n, i) => n !== r.counts[i])) return this.searchAt(p, again);
    }
    return results;
  }

  private async searchAt(p: SearchParams, read: VersionRead): Promise<SearchResults> {
    const query = clampQuery(p.query);
    const { repos, clock } = this.deps;
    const analysed = analyzeQuery(query, { locale: p.locale });
    const tooGeneral = analysed.length > 0 && !analysed.some(isContentTerm);
    const { terms, idfs, df } = tooGeneral ? { terms: analysed, idfs: [], df: new Map<string, number>() } : await this.weigh(analysed, read);
    const empty: SearchResults = { query, terms, hits: [], total: 0, capped: false, relaxed: false, tooGeneral, suggestion: null, page: p.page, perPage: p.perPage, pages: 1 };
    if (!terms.length || tooGeneral) return empty;
    const nothing = async (): Promise<SearchResults> => ({ ...empty, suggestion: await this.suggest(query, p.locale, df) });
    const base = {
      edition: p.edition,
      limit: CANDIDATE_WINDOW,
      ...(p.categoryId !== undefined && { categoryId: p.categoryId }),
      ...(p.from !== undefined && { from: p.from }),
      ...(p.to !== undefined && { to: p.to }),
    };
    const match = (t: QueryTerm, mark = '') => (t.alternatives.length ? [t.stem, ...t.alternatives.map((a) => a.stem)].map((k) => mark + k) : mark + t.stem);
    const required = terms.filter((t) => t.required);
    let relaxed = false;
    // Keys first, from every window; the scoring tokens are read once, for their union.
    // The tokens come with the matches where the dialect can (one round trip less on PostgreSQL):
    // the title pass is used only beside a full window, so its leads; the others' depend on their count.
    const inTitle = () => repos.search.candidates({ ...base, stems: required.map((t) => match(t, TITLE_MARK)), mode: 'all', tokens: 'lead' });
    // When every required word is common the window will most likely be full: the title pass
    // then starts beside the plain one (a round trip saved on PostgreSQL); its answer is used
    // only if the window is full, exactly as when it is asked for afterwards.
    const early = required.every((t) => queryTokens([t]).reduce((n, k) => n + (df.get(k) ?? 0), 0) >= DF_CAP) ? inTitle() : null;
    early?.catch(() => {}); // awaited below, whatever happens
    let keys: CandidateKey[];
    try {
      keys = await repos.search.candidates({ ...base, stems: required.map((t) => match(t)), mode: 'all', tokens: 'fit', leadsOf: SCORED_RECENT });
    } finally {
      // Not left running past this search (a closing pool, a test's teardown).
      if (early) await Promise.allSettled([early]);
    }
    const capped = keys.length >= CANDIDATE_WINDOW;
    if (capped) keys = union(keys.slice(0, SCORED_RECENT), await (early ?? inTitle()));
    if (!keys.length && terms.length > 1) {
      relaxed = true;
      keys = await repos.search.candidates({ ...base, stems: terms.map((t) => match(t)), mode: 'any', tokens: 'fit' });
    }
    if (!keys.length) return nothing();
    // Matches that all fit in the window are ranked on whole articles; a broader query's window
    // on title and lead (reading every candidate's whole article would cost the latency target).
    const candidates = await repos.search.withTokens(keys, !capped && keys.length < CANDIDATE_WINDOW ? 'whole' : 'lead');

    const ranked = rank(candidates, terms, idfs, clock.now());
    if (p.sort === 'date') ranked.sort(byDate);
    const pageIds = ranked.slice((p.page - 1) * p.perPage, p.page * p.perPage);
    // One character past the scan: the snippet still knows whether the text goes on.
    const rows = await repos.articles.summariesWithText(pageIds.map((r) => r.id), SCAN_CHARS + 1);
    const scores = new Map(pageIds.map((r) => [r.id, r.score]));
    const matches = wordMatcher(terms, p.locale);
    const hits = rows.map(({ summary: a, text }) => ({
      article: a,
      title: highlightAll(a.title, matches),
      snippet: snippet(text || a.excerpt, matches),
      score: scores.get(a.id) ?? 0,
    }));
    return {
      query, terms, hits, relaxed, tooGeneral, suggestion: null,
      total: ranked.length,
      capped: capped || (relaxed && keys.length >= CANDIDATE_WINDOW),
      page: p.page,
      perPage: p.perPage,
      pages: pageCount(ranked.length, p.perPage),
    };
  }
}
