/**
 * A copy of `s` that shares no memory with the string it was cut from.
 *
 * V8 makes a substring of 13 characters or more a "slice" that keeps its whole parent alive. A
 * parser fed a file in chunks hands out slices of each chunk, so one short value kept for later
 * (an e-mail in a cache, a link kept for the end of an import) would keep a chunk of hundreds of
 * kilobytes with it: a 20,000-post WordPress import kept tens of megabytes of its file this way.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
