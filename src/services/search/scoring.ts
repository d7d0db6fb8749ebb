import type { QueryTerm } from '../../platform/arabic/analyzer.ts';
import { CLITIC_PREFIXES } from '../../platform/arabic/stem.ts';
import { type Candidate, TITLE_END } from '../../storage/search.ts';
import { storedTerm, storedTokens } from './stored-tokens.ts';

/**
 * Relevance, computed here for both databases from the token lists they return (the indexer's
 * « title | body » norm and stem strings, spelled as stored-tokens.ts stores them: the query's
 * forms are spelled so too), so SQLite and PostgreSQL rank identically.
 *
 * BM25 over two fields, title and body, each with its own saturation, the title weighted
 * (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009, §3.4
 * discuss this per-field sum beside BM25F; it keeps a title match worth its weight however often
 * the body repeats the word, which a news search wants: the story *about* the word first):
 *
 *   surface_f(t) = occurrences in field f of the query word's own form (exact, or without a
 *              proclitic the reader added: وموسكو's kept alternative موسكو), each counting 1, and
 *              of the same word with other clitics (بالبداية for وبالبداية, or وموسكو for
 *              موسكو), each counting CLITIC_MATCH;
 *   stem_f(t) = occurrences of another form with the same stem (الاتفاقيات for اتفاقية, or
 *              موسكو's stem for وموسكو);
 *   sat(tf, B) = tf · (k1 + 1) / (tf + k1 · B);
 *   B_body   = 1 − b + b · length / AVERAGE_LENGTH (length in words); B_title = 1;
 *   F(x)     = TITLE_WEIGHT · sat(x_title, 1) + sat(x_body, B_body);
 *   score(t) = (idf(t) + SURFACE_IDF · idf_s(t)) · F(surface) + STEM_MATCH · idf(t) · F(stem):
 *              the two kinds of match saturate apart, so a word's stem repeated all over a story
 *              never adds up to the word itself (one surface match in a title outweighs any number
 *              of stem matches there) — a surface match always outranks a stem match;
 *   idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5)) (Lucene's BM25 IDF), df counted by the index
 *              up to DF_CAP, N a constant (IDF_DOCUMENTS): only the ratio between the query's
 *              words matters, and both stay the same on both databases;
 *   idf_s(t) = the same over the candidates: df the candidates with a surface match, N their
 *              number. The index counts stems only, and a stem is often far commoner than the
 *              form typed (وسعودة's stem سعود is السعودية's): this tells a rare form among the
 *              matches from a common one, from what the scorer already reads, on both databases;
 *   relevance = Σ weight(t) · score(t) + proximity, weight 1 (0.25 for an optional function word);
 *   proximity = Σ over neighbouring query words PROXIMITY · min(idf) · max(0, 1 − d / NEAR_CHARS),
 *              d the least distance in characters between their matches in the stem list
 *              (about seven characters a word): words that stand together are the reader's phrase.
 *
 * Measured (bench:search, 5 fresh seeds × 300 known-item queries, SQLite): summing stem matches
 * into the surface count (STEM_MATCH 0.25) gave recall@10 0.965, MRR@10 0.749; apart, 0.973 and
 * 0.769; with idf_s, 0.975 and 0.776.
 *
 * Recency, a gentle prior: score = relevance · (1 + RECENCY · 2^(−ageDays / 7)) — today's story
 * gains 30 %, a week-old one 15 %, an old one nothing: never a sort key.
 *
 * Order: score descending, then published_at descending, then id descending.
 */
export const RECENCY_HALF_LIFE_DAYS = 7;
const RECENCY = 0.3;
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 1.5;
const CLITIC_MATCH = 0.8;
const STEM_MATCH = 0.15;
const SURFACE_IDF = 2;
/** Words in an average news story's title and body (SaudiNewsNet: ≈ 250). */
const AVERAGE_LENGTH = 250;
/** Characters per word in the stored token lists, to turn their lengths into word counts. */
const CHARS_PER_WORD = 6.5;
const PROXIMITY = 0.3;
const NEAR_CHARS = 80;
/** Document counts stop here (dialects/full-text.ts `documentCounts`). */
export const DF_CAP = 100;
const IDF_DOCUMENTS = 100_000;

/** The clitics `surface` allows before a word, spelled as the stored lists spell them. */
const STORED_CLITICS: ReadonlySet<string> = new Set([...CLITIC_PREFIXES].map(storedTokens));

export interface Scored {
  id: number;
  publishedAt: string;
  score: number;
}

/** idf of a word found in `df` documents (df capped at DF_CAP). */
export function idf(df: number): number {
  const n = Math.min(df, DF_CAP);
  return Math.log(1 + (IDF_DOCUMENTS - n + 0.5) / (n + 0.5));
}

/** Non-overlapping occurrences of « t » in a space-padded token list. */
export function occurrences(tokens: string, t: string): number {
  return positions(tokens, t).length;
}

/** Where « t » occurs in a space-padded token list (character offsets). */
function positions(tokens: string, t: string, out: number[] = []): number[] {
  const needle = ` ${t} `;
  for (let at = tokens.indexOf(needle); at >= 0; at = tokens.indexOf(needle, at + needle.length - 1)) out.push(at);
  return out;
}

export function recencyBoost(publishedAt: string, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(publishedAt)) / 86_400_000);
  return 1 + RECENCY * 2 ** (-ageDays / RECENCY_HALF_LIFE_DAYS);
}

/**
 * Tokens of `tokens` that are `base` behind clitics (CLITIC_PREFIXES): how many are one of
 * `exactForms`, and how many the same word with other clitics.
 */
function surface(tokens: string, base: string, exactForms: ReadonlySet<string>, seen: Set<number>): { exact: number; clitic: number } {
  let exact = 0;
  let clitic = 0;
  const needle = `${base} `;
  for (let at = tokens.indexOf(needle); at >= 0; at = tokens.indexOf(needle, at + 1)) {
    const start = tokens.lastIndexOf(' ', at - 1) + 1;
    if (start === 0 || seen.has(start) || !STORED_CLITICS.has(tokens.slice(start, at))) continue;
    seen.add(start);
    if (exactForms.has(tokens.slice(start, at + base.length))) exact++;
    else clitic++;
  }
  return { exact, clitic };
}

/** The word as typed, or without the proclitics the reader likely added (a kept alternative). */
function exactFormsOf(t: QueryTerm): ReadonlySet<string> {
  return new Set([t.norm, ...t.alternatives.filter((a) => a.kind === 'proclitic').map((a) => a.form)]);
}

/** Occurrences of a term in one field: surface matches (weighted) and stem-only matches; where its stem matches are. */
function fieldFrequency(norm: string, stem: string, t: QueryTerm, exactForms: ReadonlySet<string>, at: number[]): { surface: number; stem: number } {
  const seen = new Set<number>();
  let { exact, clitic } = surface(norm, t.base, exactForms, seen);
  for (const a of t.alternatives) {
    if (a.base === t.base) continue;
    const more = surface(norm, a.base, exactForms, seen);
    exact += more.exact;
    clitic += more.clitic;
  }
  const before = at.length;
  positions(stem, t.stem, at);
  for (const a of t.alternatives) positions(stem, a.stem, at);
  const stemmed = at.length - before;
  return { surface: exact + CLITIC_MATCH * clitic, stem: Math.max(0, stemmed - exact - clitic) };
}

function nearest(a: readonly number[], b: readonly number[]): number {
  let best = Infinity;
  for (const x of a) for (const y of b) best = Math.min(best, Math.abs(x - y));
  return best;
}

interface TermFrequencies {
  title: { surface: number; stem: number };
  body: { surface: number; stem: number };
  /** Where the term's stem matches are in the body's stem list. */
  at: number[];
}

/** A candidate's length (words) and each query term's frequencies in its title and body; `exact[i]` is `exactFormsOf(terms[i])`. */
function frequencies(c: Candidate, terms: readonly QueryTerm[], exact: readonly ReadonlySet<string>[]): { length: number; terms: TermFrequencies[] } {
  const normEnd = c.norm.indexOf(` ${TITLE_END} `) + 1;
  const stemEnd = c.stem.indexOf(` ${TITLE_END} `) + 1;
  const titleNorm = c.norm.slice(0, normEnd);
  const bodyNorm = c.norm.slice(normEnd);
  const titleStem = c.stem.slice(0, stemEnd);
  const bodyStem = c.stem.slice(stemEnd);
  return {
    length: c.norm.length / CHARS_PER_WORD,
    terms: terms.map((t, i) => {
      const at: number[] = [];
      return { title: fieldFrequency(titleNorm, titleStem, t, exact[i]!, []), body: fieldFrequency(bodyNorm, bodyStem, t, exact[i]!, at), at };
    }),
  };
}

function combine(f: ReturnType<typeof frequencies>, c: Candidate, terms: readonly QueryTerm[], idfs: readonly number[], local: readonly number[], now: Date): number {
  const norm = 1 - B + (B * f.length) / AVERAGE_LENGTH;
  const sat = (tf: number, b: number) => (tf * (K1 + 1)) / (tf + K1 * b);
  let relevance = 0;
  terms.forEach((t, i) => {
    const { title, body } = f.terms[i]!;
    const surface = TITLE_WEIGHT * sat(title.surface, 1) + sat(body.surface, norm);
    const stemmed = TITLE_WEIGHT * sat(title.stem, 1) + sat(body.stem, norm);
    relevance += (t.required ? 1 : 0.25) * ((idfs[i]! + SURFACE_IDF * local[i]!) * surface + STEM_MATCH * idfs[i]! * stemmed);
  });
  for (let i = 1; i < terms.length; i++) {
    if (!terms[i]!.required || !terms[i - 1]!.required) continue;
    const d = nearest(f.terms[i - 1]!.at, f.terms[i]!.at);
    if (d < NEAR_CHARS) relevance += PROXIMITY * Math.min(idfs[i - 1]!, idfs[i]!) * (1 - d / NEAR_CHARS);
  }
  return relevance * recencyBoost(c.publishedAt, now);
}

/** The score of one candidate alone (no surface IDF: it needs the others); `idfs[i]` belongs to `terms[i]`. */
export function score(c: Candidate, terms: readonly QueryTerm[], idfs: readonly number[], now: Date): number {
  const stored = terms.map(storedTerm);
  return combine(frequencies(c, stored, stored.map(exactFormsOf)), c, stored, idfs, terms.map(() => 0), now);
}

/**
 * Ranks the candidates. The surface IDF of each term is counted over them (see the header): two
 * passes, the frequencies of every candidate first — no more work per candidate than one pass.
 */
export function rank(candidates: readonly Candidate[], queryTerms: readonly QueryTerm[], idfs: readonly number[], now: Date): Scored[] {
  const terms = queryTerms.map(storedTerm);
  const exact = terms.map(exactFormsOf);
  const fs = candidates.map((c) => frequencies(c, terms, exact));
  const local = terms.map((_, i) => {
    const n = fs.filter((f) => f.terms[i]!.title.surface + f.terms[i]!.body.surface > 0).length;
    return Math.log(1 + (candidates.length - n + 0.5) / (n + 0.5));
  });
  return candidates
    .map((c, k) => ({ id: c.id, publishedAt: c.publishedAt, score: combine(fs[k]!, c, terms, idfs, local, now) }))
    .sort((a, b) => b.score - a.score || (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) || b.id - a.id);
}
