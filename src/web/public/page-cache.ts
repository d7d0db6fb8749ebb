import { createHash } from 'node:crypto';
import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { VersionedCache } from '../../platform/cache.ts';
import type { Outcome } from './render-route.tsx';
import { TOKEN_PLACEHOLDER } from './comments-view.ts';

/**
 * Rendered public answers, kept as bytes for the current content version. A page with a
 * comment form is kept in two halves around its form token, so every response carries a fresh
 * signed token without re-rendering or re-compressing the page.
 */
export interface CachedPage {
  kind: 'page';
  status: number;
  type: string;
  etag: string;
  articleId?: number;
  /** Whole body (no form), as UTF-8 and, for larger pages, gzip. */
  body?: Buffer;
  gzip?: Buffer;
  /** Pages with a comment form: the bytes around the token, raw and as deflate pieces. */
  form?: TokenSplice & { articleId: number };
}

export interface CachedRedirect {
  kind: 'redirect';
  location: string;
  permanent: boolean;
}

export type Cached = CachedPage | CachedRedirect;

interface TokenSplice {
  before: Buffer;
  after: Buffer;
  // gzip of before and after compressed apart (deflate blocks may be concatenated when all but
  // the last end on a full flush; RFC 1951 §3.2.3), and before's CRC to continue from.
  beforeDeflate?: Buffer;
  afterDeflate?: Buffer;
  beforeCrc?: number;
}

const GZIP_MIN_BYTES = 1024;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

export function toCached(o: Outcome, version: number): Cached {
  if (o.kind === 'redirect') return o;
  const etag = `W/"${version}-${createHash('sha1').update(o.html).digest('base64url').slice(0, 16)}"`;
  const base = { kind: 'page' as const, status: o.status, type: o.type ?? 'text/html; charset=utf-8', etag, ...(o.articleId !== undefined && { articleId: o.articleId }) };
  const at = o.commentFormFor === undefined ? -1 : o.html.indexOf(TOKEN_PLACEHOLDER);
  if (at < 0 || o.commentFormFor === undefined) return { ...base, body: Buffer.from(o.html) };
  return {
    ...base,
    form: {
      articleId: o.commentFormFor,
      before: Buffer.from(o.html.slice(0, at)),
      after: Buffer.from(o.html.slice(at + TOKEN_PLACEHOLDER.length)),
    },
  };
}

/** The body to send, gzipped when the client takes it and it is worth it. */
export function bodyOf(page: CachedPage, acceptsGzip: boolean, token: string): { body: Buffer; gzip: boolean } {
  if (page.body) {
    if (!acceptsGzip || page.body.length < GZIP_MIN_BYTES) return { body: page.body, gzip: false };
    page.gzip ??= gzipSync(page.body, { level: 6 });
    return { body: page.gzip, gzip: true };
  }
  const f = page.form!;
  const mid = Buffer.from(token);
  if (!acceptsGzip) return { body: Buffer.concat([f.before, mid, f.after]), gzip: false };
  f.beforeDeflate ??= deflateRawSync(f.before, { level: 6, finishFlush: constants.Z_FULL_FLUSH });
  f.afterDeflate ??= deflateRawSync(f.after, { level: 6 });
  f.beforeCrc ??= crc32(f.before);
  const crc = crc32(f.after, crc32(mid, f.beforeCrc));
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((f.before.length + mid.length + f.after.length) % 2 ** 32, 4);
  return { body: Buffer.concat([GZIP_HEADER, f.beforeDeflate, storedBlock(mid), f.afterDeflate, trailer]), gzip: true };
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
 */
export class PageCache {
  private readonly cache: VersionedCache<Cached>;
  // Addresses that rendered nothing (the caller then serves its 404), kept apart so a scanner's
  // stream of unknown URLs costs no query each and cannot push real pages out of the cache.
  private readonly misses: VersionedCache<true>;
  private readonly rendering = new Map<string, Promise<Cached | null>>();

  constructor(maxEntries: number) {
    this.cache = new VersionedCache(maxEntries);
    this.misses = new VersionedCache(maxEntries);
  }

  async get(key: string, version: number, render: () => Promise<Outcome | null>): Promise<Cached | null> {
    const hit = this.cache.get(key, version);
    if (hit) return hit;
    if (this.misses.get(key, version)) return null;
    const k = `${version} ${key}`;
    let pending = this.rendering.get(k);
    if (!pending) {
      pending = render()
        .then((o) => {
          const c = o && toCached(o, version);
          if (c) this.cache.set(key, version, c);
          else this.misses.set(key, version, true);
          return c;
        })
        .finally(() => this.rendering.delete(k));
      this.rendering.set(k, pending);
    }
    return pending;
  }
}
