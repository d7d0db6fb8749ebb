// Known-item evaluation of search (issue 15, point 6): queries built from the SaudiNewsNet corpus
// the way readers type, each aimed at one article; recall@10 and MRR@10 over them.
//
// How a query is made: pick a corpus article (with a title and over 300 characters of text) at
// random; take two of its words of five or more letters that occur in 2–20 articles and are not
// stop words (the two lists in ../shared/data/arabic-stopwords); rewrite each word by two of the
// rules below:
// - alef with hamza (أ إ آ) written as bare alef;
// - a final taa marbuta written as haa;
// - a clitic added or dropped: و ب ف before a word with ال, ال replaced by لل, ال dropped, or و
//   before a word without ال;
// - short vowels (fatha, damma, kasra) sprinkled on about 40 % of the letters.
// (Two of the four, chosen at random; a rule with nothing to change leaves the word as it is.)
// The corpus is read in place (CC BY-NC-SA): nothing of it is written anywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { random } from './random.ts';
import { normaliseArabic } from '../src/platform/arabic/normalise.ts';
import type { SearchResults } from '../src/services/search/search.ts';
import { type CorpusArticle, STOPWORDS_DIR } from '../test/support/corpus.ts';

export interface EvalArticle {
  id: number;
  title: string;
  text: string;
  published: string;
}

export interface KnownItemQuery {
  query: string;
  target: number;
  words: [string, string];
}

export interface EvalFigures {
  queries: number;
  recallAt10: number;
  mrrAt10: number;
  /** Queries whose article was not in the first ten, for a look. */
  misses: { query: string; target: number; rank: number | null }[];
}

/** The evaluation's articles: those with a title and over 300 characters of text, ids from 1. */
export function evalArticles(corpus: readonly CorpusArticle[]): EvalArticle[] {
  return corpus
    .filter((a) => a.title.trim() !== '' && a.content.trim().length > 300)
    .map((a, i) => ({ id: i + 1, title: a.title.trim(), text: a.content.trim(), published: new Date(`${a.date_extracted.replace(' ', 'T')}+03:00`).toISOString() }));
}


const WORD = /[\p{L}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const ARABIC_LETTERS = /^[\u0621-\u064A]+$/;
const letters = (w: string) => w.replace(MARKS, '');

function stopWords(): Set<string> {
  const lists = [join(STOPWORDS_DIR, 'mohataher', 'list.txt'), join(STOPWORDS_DIR, 'stopwords-iso', 'stopwords-ar.txt')];
  return new Set(lists.flatMap((f) => readFileSync(f, 'utf8').split('\n')).map((w) => normaliseArabic(w.trim())).filter(Boolean));
}

type Rule = (w: string, rnd: () => number) => string | null;

const HAMZA: Rule = (w) => (/[أإآ]/.test(w) ? w.replace(/[أإآ]/g, 'ا') : null);
const TAA: Rule = (w) => (w.endsWith('ة') ? `${w.slice(0, -1)}ه` : null);
const CLITIC: Rule = (w, rnd) => {
  if (w.startsWith('ال')) {
    const options = [`و${w}`, `ب${w}`, `ف${w}`, `لل${w.slice(2)}`, w.slice(2)];
    return options[Math.floor(rnd() * options.length)]!;
  }
  return `و${w}`;
};
const VOWELS: Rule = (w, rnd) => {
  const marks = ['\u064E', '\u064F', '\u0650'];
  let out = '';
  for (const c of w) out += c + (rnd() < 0.4 ? marks[Math.floor(rnd() * marks.length)]! : '');
  return out === w ? null : out;
};
const RULES: Rule[] = [HAMZA, TAA, CLITIC, VOWELS];

/**
 * A word rewritten by two of the four rules chosen at random (as the measurement did: a
 * rule that finds nothing to change — no hamza, no final taa marbuta — leaves the word as it is).
 */
export function misspell(word: string, rnd: () => number): string {
  const chosen = new Set<Rule>();
  while (chosen.size < 2) chosen.add(RULES[Math.floor(rnd() * RULES.length)]!);
  let w = word;
  // Vowels last: the other rules read plain letters.
  for (const r of RULES) if (chosen.has(r)) w = r(w, rnd) ?? w;
  return w;
}

/** Document frequencies of the articles' words (normalised), and each article's candidate words. */
export function vocabulary(articles: readonly EvalArticle[]) {
  const df = new Map<string, number>();
  const wordsOf = new Map<number, Map<string, string>>();
  for (const a of articles) {
    const seen = new Map<string, string>();
    for (const m of `${a.title}\n${a.text}`.matchAll(WORD)) {
      const raw = m[0];
      if (!ARABIC_LETTERS.test(letters(raw))) continue;
      const norm = normaliseArabic(raw);
      if (!seen.has(norm)) seen.set(norm, letters(raw));
    }
    for (const norm of seen.keys()) df.set(norm, (df.get(norm) ?? 0) + 1);
    wordsOf.set(a.id, seen);
  }
  return { df, wordsOf };
}

/** `n` known-item queries drawn with `seed`. */
export function knownItemQueries(articles: readonly EvalArticle[], vocab: ReturnType<typeof vocabulary>, seed: number, n: number): KnownItemQuery[] {
  const rnd = random(seed);
  const stop = stopWords();
  const out: KnownItemQuery[] = [];
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const a = articles[Math.floor(rnd() * articles.length)]!;
    const pool = [...vocab.wordsOf.get(a.id)!].filter(([norm, raw]) => raw.length >= 5 && !stop.has(norm) && (vocab.df.get(norm) ?? 0) >= 2 && (vocab.df.get(norm) ?? 0) <= 20).map(([, raw]) => raw);
    if (pool.length < 2) continue;
    const i = Math.floor(rnd() * pool.length);
    let j = Math.floor(rnd() * (pool.length - 1));
    if (j >= i) j++;
    const words: [string, string] = [pool[i]!, pool[j]!];
    out.push({ query: `${misspell(words[0], rnd)} ${misspell(words[1], rnd)}`, target: a.id, words });
  }
  return out;
}

/** recall@10 and MRR@10 of `search` over `queries`. */
export async function evaluate(queries: readonly KnownItemQuery[], search: (q: string) => Promise<SearchResults>): Promise<EvalFigures> {
  let found = 0;
  let reciprocal = 0;
  const misses: EvalFigures['misses'] = [];
  for (const q of queries) {
    const r = await search(q.query);
    const at = r.hits.findIndex((h) => h.article.id === q.target);
    if (at >= 0 && at < 10) {
      found++;
      reciprocal += 1 / (at + 1);
    } else misses.push({ query: q.query, target: q.target, rank: null });
  }
  return { queries: queries.length, recallAt10: found / queries.length, mrrAt10: reciprocal / queries.length, misses };
}
