/**
 * What a write changes for readers, named by the content it touched. The write path
 * (storage/write-path.ts) announces these keys after every commit; the page cache listens today,
 * and CDN purges (surrogate keys) and other instances consume the same keys.
 *
 * - `article:<id>`  the article's own page, feeds of its comments, its card wherever it is listed
 * - `section:<id>`, `tag:<id>`, `author:<id>`  that archive and its feed
 * - `home:<edition>`  the edition's front page
 * - `feed:<edition>`  the edition's feeds and sitemaps
 * - `comments:<edition>`  the edition's lists of comments across articles (its comments feed, the
 *   REST API's comment lists): every comment shown or hidden touches it with its article's key
 * - `edition:<edition>`  every page of the edition (masthead, menus, settings, comment policy)
 */
export type InvalidationKey =
  | `article:${number}`
  | `section:${number}`
  | `tag:${number}`
  | `author:${number}`
  | `home:${string}`
  | `feed:${string}`
  | `comments:${string}`
  | `edition:${string}`;

export const invalidates = {
  article: (id: number): InvalidationKey => `article:${id}`,
  section: (id: number): InvalidationKey => `section:${id}`,
  tag: (id: number): InvalidationKey => `tag:${id}`,
  author: (id: number): InvalidationKey => `author:${id}`,
  home: (edition: string): InvalidationKey => `home:${edition}`,
  feed: (edition: string): InvalidationKey => `feed:${edition}`,
  edition: (edition: string): InvalidationKey => `edition:${edition}`,
  commentLists: (edition: string): InvalidationKey => `comments:${edition}`,
  /** A comment appeared, changed or went on readers' pages: its thread, and the edition's comment lists. */
  comment: (c: { articleId: number; edition: string }): InvalidationKey[] => [invalidates.article(c.articleId), invalidates.commentLists(c.edition)],
  /**
   * A published article appeared, changed or went: its page, its edition's lists and feeds, and
   * the archives that list it.
   */
  listedArticle(a: { id: number; edition: string; categoryIds?: readonly number[]; tagIds?: readonly number[]; authorIds?: readonly number[] }): InvalidationKey[] {
    return [
      invalidates.article(a.id),
      invalidates.home(a.edition),
      invalidates.feed(a.edition),
      ...(a.categoryIds ?? []).map(invalidates.section),
      ...(a.tagIds ?? []).map(invalidates.tag),
      ...(a.authorIds ?? []).map(invalidates.author),
    ];
  },
};

const SURROGATE_PREFIX = { article: 'a', section: 's', tag: 't', author: 'u', home: 'home-', feed: 'feed-', comments: 'c-', edition: 'e-' } as const;

/**
 * The tag a CDN knows a key by (`Surrogate-Key`, Varnish's `xkey`, Cloudflare's `Cache-Tag`):
 * ASCII from ids and edition codes, never slugs (Arabic slugs are not header text).
 * `article:12` → `a12`, `section:3` → `s3`, `tag:` → `t`, `author:` → `u`, `home:ar` → `home-ar`,
 * `feed:ar` → `feed-ar`, `comments:ar` → `c-ar`, `edition:ar` → `e-ar`.
 */
export function surrogateKey(k: InvalidationKey): string {
  const at = k.indexOf(':');
  return SURROGATE_PREFIX[k.slice(0, at) as keyof typeof SURROGATE_PREFIX] + k.slice(at + 1);
}
