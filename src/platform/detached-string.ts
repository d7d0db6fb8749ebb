/**
 * A copy of `s` that shares no memory with the string it was cut from.
 *
 * V8 makes a substring of 13 characters or more a "slice" that keeps its whole parent alive. A
 * parser fed a file in chunks hands out slices of each chunk, so one short value kept for later
 * (an e-mail in a cache, a link kept for the end of an import) would keep a chunk of hundreds of
 * kilobytes with it: a 20,000-post WordPress import kept tens of megabytes of its file this way.
 */
export function detached(s: string): string {
  // slice() flattens the joined string into a new one (a plain copy of the characters) and keeps
  // only that: 30 times cheaper than a round trip through UTF-8 (7 against 290 µs for an Arabic
  // body of 9,000 characters, which a WordPress import copies for every post).
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
