import { surrogateKey } from '../../domain/invalidation.ts';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, crc32, deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { VersionedCache } from '../../platform/cache.ts';
import { owned } from '../../platform/owned-buffer.ts';
import type { Outcome } from './render-route.tsx';
import { TOKEN_PLACEHOLDER } from './comments-view.ts';

/**
 * Rendered public answers, kept as bytes for the current content version. Pages are kept
 * compressed only — every browser takes gzip, and a page's UTF-8 is four to five times its
 * gzip — and inflated for the rare client that does not — and as brotli, made once per content
 * version, for the browsers that ask for it (every current one). A page with a comment form is
 * kept in two halves around its form token, so every response carries a fresh signed token
 * without re-rendering or re-compressing the page: the token is the body's last element, so its
 * brotli copy is the page up to the token, compressed once, to which a response appends the token
 * and the closing tags as one uncompressed meta-block.
 *
 * A page rendered for a waiting reader is first kept in brotli alone (what browsers ask for) and
 * its UTF-8; the gzip copy is made after the response has gone (`PageCache`): a first render no
 * longer waits for a deflate no browser of that moment wants (0.7 ms of a 25 KB article page).
 */
export interface CachedPage {
  kind: 'page';
  status: number;
  type: string;
  etag: string;
  /**
   * When these bytes were made (an HTTP date): every write that could change the page moves the
   * content version and so makes them again, so the page has not changed since (at the latest).
   */
  lastModified: string;
  /** Surrogate keys of what the page shows, space-separated (for a CDN's purge by key). */
  surrogate?: string;
  /** The same as the CDNs' headers (cdnTagHeaders), made once. */
  tags?: Record<string, string>;
  articleId?: number;
  /** A small page without a form, as UTF-8 (not worth compressing). */
  body?: Buffer;
  /** A larger page without a form, as gzip. */
  gzip?: Buffer;
  /** The same page as UTF-8 until its gzip is made (`completed`), beside its brotli. */
  source?: Buffer;
  /** The same page as brotli, for the browsers that ask for it (every current one). */
  br?: Buffer;
  /** Pages with a comment form: the bytes around the token. */
  form?: TokenSplice & { articleId: number };
}

export interface CachedRedirect {
  kind: 'redirect';
  location: string;
  permanent: boolean;
  surrogate?: string;
}

export type Cached = CachedPage | CachedRedirect;

interface TokenSplice {
  // The part before the token as a deflate stream ended by a full flush, so that the token and
  // the part after it can follow as further blocks (RFC 1951 §3.2.3), with its CRC and length.
  // Both deflate parts are absent until made (`completed`): then `before` is kept instead.
  beforeDeflate?: Buffer;
  before?: Buffer;
  beforeCrc: number;
  beforeLength: number;
  // The part after the token, compressed and as UTF-8: the gzip trailer's CRC runs over it after
  // each new token. It is the smaller part (the thread and the footer; the article is before).
  after: Buffer;
  afterDeflate?: Buffer;
  // The part before the token as a brotli stream flushed (byte-aligned, not finished), when the
  // part after is short enough to follow uncompressed (the token last in the body: a few bytes).
  beforeBrotli?: Buffer;
}

// The token and what follows it go into one uncompressed meta-block (RFC 7932 §9.2), whose length
// field here has four nibbles: at most 64 KiB. The layout puts the token last, so what follows is
// `"/></body></html>`; a page laid out otherwise is spliced as gzip only.
const BROTLI_TAIL_MAX = 1024;
// The window just fits the page (brotli's default is 4 MiB): the encoder's ring buffer and hash
// tables are sized by it, and every render allocates them anew.
const brotliParams = (bytes: number) => ({
  [constants.BROTLI_PARAM_QUALITY]: 5,
  [constants.BROTLI_PARAM_SIZE_HINT]: bytes,
  [constants.BROTLI_PARAM_LGWIN]: Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 1)))),
});

const GZIP_MIN_BYTES = 1024;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * The kept form of an outcome. `deferred`: where brotli can carry the page, the gzip parts are
 * left to `completed` (made once the waiting reader has the page).
 */
export function toCached(o: Outcome, version: number, madeAt = Date.now(), deferred = false): Cached {
  const surrogate = o.keys?.length ? [...new Set(o.keys.map(surrogateKey))].join(' ') : undefined;
  if (o.kind === 'redirect') return { kind: 'redirect', location: o.location, permanent: o.permanent, ...(surrogate && { surrogate }) };
  const etag = `W/"${version}-${createHash('sha1').update(o.html).digest('base64url').slice(0, 16)}"`;
  const base = { kind: 'page' as const, status: o.status, type: o.type ?? 'text/html; charset=utf-8', etag, lastModified: new Date(madeAt).toUTCString(), ...(o.articleId !== undefined && { articleId: o.articleId }), ...(surrogate && { surrogate, tags: cdnTagHeaders(surrogate) }) };
  const at = o.commentFormFor === undefined ? -1 : o.html.indexOf(TOKEN_PLACEHOLDER);
  if (at < 0 || o.commentFormFor === undefined) {
    const body = Buffer.from(o.html);
    if (body.length < GZIP_MIN_BYTES) return { ...base, body: owned(body) };
    // Brotli at a middle quality costs about what gzip 6 does and saves a further ~15%; it is
    // made once per page and content version, like the gzip.
    const page = { ...base, source: owned(body), br: owned(brotliCompressSync(body, { params: brotliParams(body.length) })) };
    return deferred ? page : completed(page);
  }
  const before = Buffer.from(o.html.slice(0, at));
  const after = Buffer.from(o.html.slice(at + TOKEN_PLACEHOLDER.length));
  const page: CachedPage = {
    ...base,
    form: {
      articleId: o.commentFormFor,
      before: owned(before),
      beforeCrc: crc32(before),
      beforeLength: before.length,
      after: owned(after),
      ...(after.length <= BROTLI_TAIL_MAX && {
        beforeBrotli: owned(brotliCompressSync(before, { finishFlush: constants.BROTLI_OPERATION_FLUSH, params: brotliParams(before.length) })),
      }),
    },
  };
  // Without a brotli copy (a long tail after the token) gzip is what every reader gets: made now.
  return deferred && page.form!.beforeBrotli ? page : completed(page);
}

/** Is the page's gzip still to be made (a deferred `toCached`)? */
export function isDeferred(page: CachedPage): boolean {
  return page.source !== undefined || page.form?.before !== undefined;
}

/** The page with its gzip parts made and its UTF-8 let go (the same page when it has them). */
export function completed(page: CachedPage): CachedPage {
  if (page.source) {
    const { source, ...rest } = page;
    return { ...rest, gzip: owned(gzipSync(source, { level: 6 })) };
  }
  const f = page.form;
  if (!f?.before) return page;
  const { before, ...form } = f;
  return {
    ...page,
    form: {
      ...form,
      beforeDeflate: owned(deflateRawSync(before, { level: 6, finishFlush: constants.Z_FULL_FLUSH })),
      afterDeflate: owned(deflateRawSync(f.after, { level: 6 })),
    },
  };
}

/**
 * What an entry holds, for the cache's byte budget. A page whose gzip is still to be made counts
 * its brotli again in its place: its UTF-8 is let go on the next turn of the event loop, and a
 * burst of first renders (after a write) must not push kept pages out for it.
 */
export function weightOf(c: Cached): number {
  if (c.kind === 'redirect') return 100 + c.location.length;
  const f = c.form;
  const form = f ? (f.beforeDeflate?.length ?? f.beforeBrotli?.length ?? 0) + f.after.length + (f.afterDeflate?.length ?? f.after.length) + (f.beforeBrotli?.length ?? 0) : 0;
  return 200 + (c.body?.length ?? 0) + (c.gzip?.length ?? (c.source ? c.br?.length ?? 0 : 0)) + (c.br?.length ?? 0) + form;
}

/** The body to send, compressed when the client takes it and it is worth it: brotli, else gzip. */
export function bodyOf(page: CachedPage, acceptsGzip: boolean, token: string, acceptsBrotli = false): { body: Buffer; gzip: boolean; br?: boolean } {
  const { parts, ...encoding } = bodyPartsOf(page, acceptsGzip, token, acceptsBrotli);
  return { body: parts.length === 1 ? parts[0]! : Buffer.concat(parts), ...encoding };
}

/**
 * `bodyOf` as the pieces it is made of, in order: a page with a form is its kept bytes around a
 * fresh token, which a response can send one after another (one write: the socket is corked)
 * rather than copy the whole page into a new buffer per response.
 */
export function bodyPartsOf(page: CachedPage, acceptsGzip: boolean, token: string, acceptsBrotli = false): { parts: Buffer[]; gzip: boolean; br?: boolean } {
  if (page.body) return { parts: [page.body], gzip: false };
  if (page.br && acceptsBrotli) return { parts: [page.br], gzip: false, br: true };
  if (page.source) return acceptsGzip ? bodyPartsOf(completed(page), true, token) : { parts: [page.source], gzip: false };
  if (page.gzip) return acceptsGzip ? { parts: [page.gzip], gzip: true } : { parts: [gunzipSync(page.gzip)], gzip: false };
  const f = page.form!;
  const mid = Buffer.from(token);
  // The few bytes from the token on, as one small buffer: the kept part before stays as it is.
  if (acceptsBrotli && f.beforeBrotli) return { parts: [f.beforeBrotli, Buffer.concat([uncompressedMetaBlockHeader(mid.length + f.after.length), mid, f.after, BROTLI_LAST_EMPTY])], gzip: false, br: true };
  if (f.before) return acceptsGzip ? bodyPartsOf(completed(page), true, token) : { parts: [f.before, mid, f.after], gzip: false };
  if (!f.beforeDeflate || !f.afterDeflate) throw new Error('page-cache: a completed form page without its deflate parts');
  if (!acceptsGzip) return { parts: [inflateRawSync(f.beforeDeflate, { finishFlush: constants.Z_SYNC_FLUSH }), mid, f.after], gzip: false };
  const crc = crc32(f.after, crc32(mid, f.beforeCrc));
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((f.beforeLength + mid.length + f.after.length) % 2 ** 32, 4);
  return { parts: [GZIP_HEADER, f.beforeDeflate, storedBlock(mid), f.afterDeflate, trailer], gzip: true };
}

/** Surrogate keys (space-separated) as the CDNs read them: Fastly and Akamai, Varnish's xkey, Cloudflare. */
export function cdnTagHeaders(surrogate: string): Record<string, string> {
  return { 'surrogate-key': surrogate, xkey: surrogate, 'cache-tag': surrogate.replaceAll(' ', ',') };
}

/**
 * A kept page's answer: status, headers (but the site-wide ones and the length) and body (null:
 * 304), as the pieces it is sent in (`bodyPartsOf`), `length` bytes in all.
 */
export interface PageAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer[] | null;
  length: number;
}

/**
 * How a kept page is answered, the one definition for Fastify's path (site.ts) and the fast path
 * (fast-path.ts). `token`: the comment form's fresh token ('' without a form). The comment
 * form's token is fresh in every response (the cached bytes leave a gap for it), so its age is
 * the time since THIS reader got the page; the ETag carries the token's hour, so a revalidating
 * browser gets a fresh token hourly, not a 304 to an old one.
 */
export function answerOf(c: CachedPage, cacheControl: string, token: string, acceptEncoding: string, ifNoneMatch?: string): PageAnswer {
  const etag = token ? `${c.etag.slice(0, -1)}-${Math.floor(Number(token.split('.')[0]) / 3600)}"` : c.etag;
  const headers: Record<string, string> = {
    ...c.tags,
    'cache-control': cacheControl,
    etag,
    'last-modified': c.lastModified,
    vary: 'Accept-Encoding',
  };
  if (c.status === 200 && ifNoneMatch === etag) return { status: 304, headers, body: null, length: 0 };
  const takes = encodingsTaken(acceptEncoding);
  const { parts, gzip, br } = bodyPartsOf(c, (takes & 1) !== 0, token, (takes & 2) !== 0);
  headers['content-type'] = c.type;
  if (gzip) headers['content-encoding'] = 'gzip';
  else if (br) headers['content-encoding'] = 'br';
  let length = 0;
  for (const p of parts) length += p.length;
  return { status: c.status, headers, body: parts, length };
}

// ISLAST = 1, ISLASTEMPTY = 1: the stream's end (RFC 7932 §9.2), padded to the byte.
const BROTLI_LAST_EMPTY = Buffer.from([0b11]);

/**
 * The header of a brotli meta-block of `length` uncompressed bytes (RFC 7932 §9.2), byte-aligned
 * after the flush that ends the part before: ISLAST 0, MNIBBLES 0 (four nibbles), MLEN - 1,
 * ISUNCOMPRESSED 1, then zero bits to the byte. Like the stored deflate block below, no encoder
 * is set up per response.
 */
function uncompressedMetaBlockHeader(length: number): Buffer {
  const bits = ((length - 1) << 3) | (1 << 19);
  return Buffer.from([bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff]);
}

/**
 * The token as an uncompressed ("stored") deflate block (RFC 1951 §3.2.4): byte-aligned after
 * the full flush that ends `before`, so no zlib stream — and its quarter-megabyte of state — is
 * set up per response for sixty bytes that would not compress anyway.
 */
function storedBlock(data: Buffer): Buffer {
  const out = Buffer.alloc(5 + data.length);
  out[0] = 0; // BFINAL 0, BTYPE 00 (stored); the rest of the byte is padding
  out.writeUInt16LE(data.length, 1);
  out.writeUInt16LE(~data.length & 0xffff, 3);
  data.copy(out, 5);
  return out;
}

/**
 * The render cache, sharing one render among requests that miss at the same moment (after a
 * write every page misses once; sixteen readers of one page must not render it sixteen times).
 *
 * A page may also depend on something softer than content: the "most read" list, recomputed
 * every minute. When only that moved (`soft` is newer than the entry's), the page kept is served
 * on; once it is SOFT_MAX_AGE_MS old it is rendered again in the background, one page at a time,
 * while it goes on being served. Otherwise every busy page would render anew once a minute — a
 * burst of renders that readers would wait behind — for a list that a few minutes' lag does not
 * spoil (a content write still re-renders every page at once).
 */
export const SOFT_MAX_AGE_MS = 5 * 60_000;
// ≈1–6 ms a render: a hundred pages refresh in five seconds, at a few per cent of one core.
const REFRESH_SPACING_MS = 50;

export class PageCache {
  private readonly cache: VersionedCache<{ page: Cached; soft: number; at: number }>;
  // Addresses that rendered nothing (the caller then serves its 404), kept apart so a scanner's
  // stream of unknown URLs costs no query each and cannot push real pages out of the cache.
  private readonly misses: VersionedCache<true>;
  private readonly rendering = new Map<string, Promise<Cached | null>>();
  private readonly refreshing = new Set<string>();
  private refreshes: Promise<unknown> = Promise.resolve();

  constructor(
    maxEntries: number,
    maxBytes = Number.POSITIVE_INFINITY,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.cache = new VersionedCache(maxEntries, { maxBytes, sizeOf: (e) => weightOf(e.page) });
    this.misses = new VersionedCache(maxEntries);
  }

  /**
   * The page kept for `key` at `version`, without yielding, when it needs nothing done (no
   * render, no background refresh: then `get`).
   */
  peek(key: string, version: number, soft = 0): Cached | undefined {
    const hit = this.cache.get(key, version);
    return hit && !(hit.soft < soft && this.now() - hit.at >= SOFT_MAX_AGE_MS) ? hit.page : undefined;
  }

  async get(key: string, version: number, render: () => Promise<Outcome | null>, soft = 0): Promise<Cached | null> {
    const hit = this.cache.get(key, version);
    if (hit) {
      if (hit.soft < soft && this.now() - hit.at >= SOFT_MAX_AGE_MS) this.refresh(key, version, render, soft);
      return hit.page;
    }
    if (this.misses.get(key, version)) return null;
    const k = `${version} ${key}`;
    let pending = this.rendering.get(k);
    if (!pending) {
      pending = render()
        .then((o) => {
          // Kept in brotli alone, for the reader waiting; its gzip is made on the next turn of the
          // event loop (their responses are written by then), unless a write or a newer render
          // has replaced it meanwhile.
          const c = o && toCached(o, version, Date.now(), true);
          if (c) {
            const entry = { page: c, soft, at: this.now() };
            this.cache.set(key, version, entry);
            if (c.kind === 'page' && isDeferred(c)) setImmediate(() => this.cache.swap(key, version, entry, { ...entry, page: completed(c) }));
          } else this.misses.set(key, version, true);
          return c;
        })
        .finally(() => this.rendering.delete(k));
      this.rendering.set(k, pending);
    }
    return pending;
  }

  /** Renders the page again behind the ones already queued; the stale copy serves meanwhile. */
  private refresh(key: string, version: number, render: () => Promise<Outcome | null>, soft: number): void {
    if (this.refreshing.has(key)) return;
    this.refreshing.add(key);
    this.refreshes = this.refreshes
      // Spaced out: on SQLite a render never waits for I/O, so back to back they would hold
      // every request up until the last one is done; a "most read" list a little older is fine.
      .then(() => new Promise((r) => setTimeout(r, REFRESH_SPACING_MS)))
      .then(render)
      .then((o) => {
        // Stored under the version it was rendered for: a write meanwhile makes it a miss anyway.
        if (o) this.cache.set(key, version, { page: toCached(o, version), soft, at: this.now() });
      })
      .catch(() => {}) // the stale copy stays; the next request asks again
      .finally(() => this.refreshing.delete(key));
  }
}

/** What a client's Accept-Encoding takes, as answerOf reads it: 1 gzip, 2 brotli (each alone or both). */
export type Encodings = 0 | 1 | 2 | 3;
export function encodingsTaken(acceptEncoding: string | undefined): Encodings {
  if (acceptEncoding === undefined) return 0;
  return ((/\bgzip\b/.test(acceptEncoding) ? 1 : 0) | (/\bbr\b/.test(acceptEncoding) ? 2 : 0)) as Encodings;
}
