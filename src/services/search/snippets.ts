import { analyzeKnownWord, eachWordAt, matchesTerm, type QueryTerm } from '../../platform/arabic/analyzer.ts';

/** A run of original text, highlighted or not. Templates render `hit` runs as <mark> (escaped). */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Only this much of a body is scanned for the snippet: the lead of a story is what readers scan too. */
export const SCAN_CHARS = 2500;

/**
 * Whether a word of the text is one of the query's: the same words recur across a results page
 * (names, the query's own words, function words), so each distinct word is analysed once per
 * page — analysing every word of ten leads was a third of a search's time — and its analysis
 * is remembered across searches (analyzeKnownWord).
 */
export type WordMatcher = (raw: string) => boolean;

export function wordMatcher(terms: readonly QueryTerm[], locale: string): WordMatcher {
  const seen = new Map<string, boolean>();
  return (raw) => {
    let hit = seen.get(raw);
    if (hit === undefined) {
      const f = analyzeKnownWord(raw, { locale });
      seen.set(raw, (hit = f !== null && matchesTerm(f, terms) !== null));
    }
    return hit;
  };
}

/**
 * Where the matching words are: start and end offsets, flat ([s0, e0, s1, e1, …]). The ten leads
 * of a results page are about 4,000 words: no object per word, and a word is cut from the text
 * only to be looked up.
 */
function hits(text: string, matches: WordMatcher): number[] {
  const out: number[] = [];
  eachWordAt(text, (start, end) => {
    if (matches(text.slice(start, end))) out.push(start, end);
  });
  return out;
}

function segments(text: string, marks: readonly number[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (let k = 0; k < marks.length; k += 2) {
    const start = marks[k]!;
    const end = marks[k + 1]!;
    if (end <= from || start >= to) continue;
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(Math.max(start, at), Math.min(end, to)), hit: true });
    at = Math.min(end, to);
  }
  if (at < to) out.push({ text: text.slice(at, to), hit: false });
  return out;
}

/** The whole text with every matching word marked (titles). */
export function highlightAll(text: string, matches: WordMatcher): Segment[] {
  return segments(text, hits(text, matches), 0, text.length);
}

/**
 * A window of about `size` characters of the original text around the densest cluster of
 * matches, cut at word boundaries, with an ellipsis where text was left out. Falls back to the
 * opening of the text when nothing matches (the match was in the title).
 */
export function snippet(fullText: string, matches: WordMatcher, size = 220): Segment[] {
  const text = fullText.slice(0, SCAN_CHARS);
  const marks = hits(text, matches);
  let best = 0;
  let bestCount = 0;
  // Sliding window over the matches (offsets in pairs): [j, i] are the ones that fit in `size` characters.
  for (let i = 0, j = 0; i < marks.length; i += 2) {
    while (j < i && marks[i + 1]! - marks[j]! > size) j += 2;
    const count = (i - j) / 2 + 1;
    if (count > bestCount) {
      bestCount = count;
      best = marks[j]!;
    }
  }
  let from = marks.length ? Math.max(0, best - Math.floor(size / 4)) : 0;
  let to = Math.min(text.length, from + size);
  // Word boundaries: never start or end in the middle of a word.
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space >= 0 && space < best ? space + 1 : from;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space > from ? space : to;
  }
  const out = segments(text, marks, from, to);
  if (from > 0) out.unshift({ text: '… ', hit: false });
  if (to < fullText.length) out.push({ text: ' …', hit: false });
  return out;
}
