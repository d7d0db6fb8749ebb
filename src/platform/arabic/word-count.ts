/**
 * A word: letters, digits and marks of any script, with tatweel and the zero-width (non-)joiner
 * inside it; an apostrophe, hyphen, dot or comma between two such runs keeps them one word
 * ("don't", "COVID-19", "3.5", "1,000"). Arabic punctuation («،» «؛» «؟» «»») separates words,
 * tashkeel stays part of its letter, and a conjunction written onto its word («والدوحة») is one
 * word, as every Arabic word processor counts it.
 */
const WORD = /[\p{L}\p{N}\p{M}\u0640\u200c\u200d]+(?:['’\-.,٫٬][\p{L}\p{N}\p{M}\u0640\u200c\u200d]+)*/gu;

/** How many words a plain text has (the editor's live count and the server's first one agree). */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(WORD)) if (/[\p{L}\p{N}]/u.test(m[0])) n++;
  return n;
}
