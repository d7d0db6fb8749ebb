import type { QueryTerm } from '../../platform/arabic/analyzer.ts';
import { type Candidate, TITLE_END } from '../../storage/search.ts';

/**
 * Relevance, computed here for both databases from the token lists they return (the indexer's
 * « title | body » norm and stem strings), so SQLite and PostgreSQL rank identically.
 *
 * For each query term t (weight 1, or 0.25 for an optional function word):
 *   term(t) = title(t) + log2(1 + exact(t)) + 0.5 · log2(1 + stemmed(t))
 *   where title(t) = 3 if the title holds the exact form, 2 if only a form with the same stem, else 0;
 *   exact / stemmed = occurrences of the norm / stem in the title and the lead (the first
 *   LEAD_WORDS words of excerpt and body: what a news story is about; the log damps repetition).
 * relevance = Σ weight(t) · term(t)
 *
 * Recency formula: score = relevance · (1 + 2^(−ageDays / 7)), ageDays = max(0, now − published)
 * in days. News halves its boost every week: a story of today counts double, one a week old 1.5×,
 * a month old 1.05×, and an old story keeps its plain relevance.
 *
 * Order: score descending, then published_at descending, then id descending.
 */
export const RECENCY_HALF_LIFE_DAYS = 7;

export interface Scored {
  id: number;
  publishedAt: string;
  score: number;
}

/** Non-overlapping occurrences of « t » in a space-padded token list. */
export function occurrences(tokens: string, t: string): number {
  const needle = ` ${t} `;
  let n = 0;
  for (let at = tokens.indexOf(needle); at >= 0; at = tokens.indexOf(needle, at + needle.length - 1)) n++;
  return n;
}

export function recencyBoost(publishedAt: string, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(publishedAt)) / 86_400_000);
  return 1 + 2 ** (-ageDays / RECENCY_HALF_LIFE_DAYS);
}

export function score(c: Candidate, terms: readonly QueryTerm[], now: Date): number {
  const end = ` ${TITLE_END} `;
  const titleNorm = c.norm.slice(0, c.norm.indexOf(end) + 1);
  const titleStem = c.stem.slice(0, c.stem.indexOf(end) + 1);
  let relevance = 0;
  for (const t of terms) {
    const title = titleNorm.includes(` ${t.norm} `) ? 3 : titleStem.includes(` ${t.stem} `) ? 2 : 0;
    const term = title + Math.log2(1 + occurrences(c.norm, t.norm)) + 0.5 * Math.log2(1 + occurrences(c.stem, t.stem));
    relevance += (t.required ? 1 : 0.25) * term;
  }
  return relevance * recencyBoost(c.publishedAt, now);
}

export function rank(candidates: readonly Candidate[], terms: readonly QueryTerm[], now: Date): Scored[] {
  return candidates
    .map((c) => ({ id: c.id, publishedAt: c.publishedAt, score: score(c, terms, now) }))
    .sort((a, b) => b.score - a.score || (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) || b.id - a.id);
}
