import type { QueryTerm } from '../../platform/arabic/analyzer.ts';

/**
 * The token lists stored for scoring (`norm`, `stem`: indexer.ts) are written with each Arabic
 * letter as one ASCII character, so both databases hand them back as ASCII: their drivers then
 * decode them on V8's ASCII path into one-byte strings. As Arabic UTF-8 they cost 3.6 ms per MB to
 * decode and twice the memory — a search reads 0.5 MB of lead tokens, or 2 MB of whole articles
 * for a rare word: the largest single cost of a search on PostgreSQL (CPU profile, 100,000
 * articles). Character for character, so offsets and lengths — proximity, field length — are the
 * scorer's as before; only what the scorer compares changes, and it encodes the query's forms
 * the same way (`storedTerm`). The targets are characters no token holds: tokens are runs of
 * lower-cased letters, marks and digits, so never an ASCII capital or punctuation; space and the
 * title's end « | » are kept. Letters outside the table (Persian ک, …) stay as they are.
 */
const ARABIC_LETTERS = 'ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي';
const TARGETS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+-/';
const CODE = new Uint8Array(0x0650);
if (TARGETS.length < ARABIC_LETTERS.length) throw new Error('stored-tokens: a letter without a target');
for (let i = 0; i < ARABIC_LETTERS.length; i++) CODE[ARABIC_LETTERS.charCodeAt(i)] = TARGETS.charCodeAt(i);

/** `tokens` as stored: every letter of the table as its ASCII character. */
export function storedTokens(tokens: string): string {
  const n = tokens.length;
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) {
    const c = tokens.charCodeAt(i);
    const b = c < 0x80 ? c : c < 0x0650 ? CODE[c]! : 0;
    if (b === 0) return mixed(tokens);
    out[i] = b;
  }
  return out.toString('latin1', 0, n);
}

/**
 * One token as stored, remembered: the indexer builds the stored lists word by word from these
 * (a news archive repeats a few thousand words), not character by character over each list.
 * The mapping is per character, so a list of stored words is the stored list. Bounded.
 */
const storedWords = new Map<string, string>();
const STORED_WORDS = 50_000;

export function storedWord(token: string): string {
  let s = storedWords.get(token);
  if (s === undefined) {
    s = storedTokens(token);
    if (storedWords.size >= STORED_WORDS) storedWords.clear();
    storedWords.set(token, s);
  }
  return s;
}

/** A list with a character outside the table: the letters of the table encoded one by one. */
function mixed(tokens: string): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) {
    const c = tokens.charCodeAt(i);
    const b = c >= 0x80 && c < 0x0650 ? CODE[c]! : 0;
    s += b ? String.fromCharCode(b) : tokens[i];
  }
  return s;
}

/** A query word's forms as the stored lists spell them (for the scorer only: matching reads the plain stems). */
export function storedTerm(t: QueryTerm): QueryTerm {
  return {
    ...t,
    norm: storedTokens(t.norm),
    stem: storedTokens(t.stem),
    base: storedTokens(t.base),
    alternatives: t.alternatives.map((a) => ({ ...a, stem: storedTokens(a.stem), base: storedTokens(a.base), form: storedTokens(a.form) })),
  };
}
