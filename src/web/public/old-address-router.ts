import type { Edition } from '../../domain/edition.ts';
import type { EditionSet } from '../../services/editions/editions.ts';
import type { ArchiveRef, OldAddress } from '../../services/wordpress/old-addresses.ts';

/**
 * The query variables that make a WordPress home address something else (`/?cat=5`, `/?feed=rss2`).
 * The public router leaves a home address carrying one of them to the old-address fallback.
 */
const OLD_QUERY_VARS = [
  'page_id', 'attachment_id', 'feed', 's', 'cat', 'category_name', 'tag', 'tag_id', 'author', 'author_name', 'm', 'paged', 'name', 'pagename',
] as const;

// One pass over the raw query (the home page's hot path asks it): a name at the start or after «&».
const OLD_QUERY = new RegExp(`[?&](?:${OLD_QUERY_VARS.join('|')})(?:[=&]|$)`);

/** Does this query (with its leading `?`) ask a WordPress home address for something? `?p=` is the router's own. */
export function hasOldQuery(query: string): boolean {
  return query.length > 1 && OLD_QUERY.test(query);
}

export interface OldRequest {
  edition: Edition;
  address: OldAddress;
}

const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2_147_483_647;
const YEAR = /^\d{4}$/;
const TWO = /^\d{2}$/;
const PAGE = /^[1-9]\d{0,5}$/;
const MAX_QUERY_CHARS = 256;

const id = (v: string | null): number | null => (v !== null && ID.test(v) && Number(v) <= MAX_ID ? Number(v) : null);
/** A slug as WordPress puts it in a URL: one segment, no control characters. */
const slugOk = (v: string | null): v is string => v !== null && v.length > 0 && v.length <= 200 && !/[/\u0000-\u001f\u007f]/.test(v);

/**
 * Reads a request Khabar had no page for as an address of the WordPress site it replaced, or
 * null. Pure (no I/O): what the address names is looked up by the OldAddresses service. The
 * edition is found as the router finds it (its host, or its prefix); an address with neither is
 * the default edition's, where the old site lived.
 */
export function oldAddress(rawUrl: string, host: string | undefined, editions: EditionSet): OldRequest | null {
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  let segments: string[];
  let params: URLSearchParams;
  try {
    segments = rawPath.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    params = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  } catch {
    return null;
  }
  if (segments.some((s) => /[\u0000-\u001f\u007f]/.test(s))) return null;

  const hostEdition = editions.forHost(host);
  let edition = hostEdition ?? editions.default;
  let rest = segments;
  const prefixed = !hostEdition && segments.length ? editions.get(segments[0]!) : undefined;
  if (prefixed) {
    edition = prefixed;
    rest = segments.slice(1);
  }
  // PATHINFO permalinks (/index.php/2022/…) and /index.php?p=5.
  if (rest[0] === 'index.php') rest = rest.slice(1);
  const address = rest.length ? fromPath(rest) : fromQuery(params);
  return address && { edition, address };
}

function fromQuery(p: URLSearchParams): OldAddress | null {
  const paged = p.get('paged');
  const page = paged !== null && PAGE.test(paged) ? Number(paged) : 1;
  const archive = archiveFromQuery(p);
  if (archive === 'bad') return null;
  if (p.has('feed')) {
    const f = feedType(p.get('feed')!);
    if (!f) return null;
    if (f.comments) return { kind: 'feed', format: f.format, scope: { kind: 'siteComments' } };
    return { kind: 'feed', format: f.format, scope: archive ? { kind: 'archive', ref: archive } : { kind: 'edition' } };
  }
  // In the order WordPress's query gives them precedence (a single post before an archive).
  if (p.has('p')) {
    const n = id(p.get('p'));
    return n === null ? null : { kind: 'post', ref: { id: n, type: 'post' } };
  }
  if (p.has('page_id')) {
    const n = id(p.get('page_id'));
    return n === null ? null : { kind: 'post', ref: { id: n, type: 'page' } };
  }
  if (p.has('attachment_id')) {
    const n = id(p.get('attachment_id'));
    return n === null ? null : { kind: 'attachment', id: n };
  }
  if (p.has('name') || p.has('pagename')) {
    const path = (p.get('name') ?? p.get('pagename') ?? '').split('/').filter(Boolean);
    return path.length && path.every((s) => slugOk(s)) ? { kind: 'post', ref: { segments: path } } : null;
  }
  if (p.has('s')) return { kind: 'search', q: p.get('s')!.slice(0, MAX_QUERY_CHARS) };
  if (archive) return { kind: 'archive', ref: archive, page };
  if (p.has('m')) return dateFromM(p.get('m')!, page);
  if (paged !== null) return page > 1 ? { kind: 'home', page } : null;
  return null;
}

/** `?cat=5`, `?category_name=x`, `?tag=x`, `?tag_id=5`, `?author=5`, `?author_name=x`; 'bad' for a malformed value. */
function archiveFromQuery(p: URLSearchParams): ArchiveRef | 'bad' | null {
  const byId = [['cat', 'category'], ['tag_id', 'tag'], ['author', 'author']] as const;
  for (const [k, archive] of byId) {
    if (!p.has(k)) continue;
    const n = id(p.get(k));
    return n === null ? 'bad' : { archive, id: n };
  }
  const bySlug = [['category_name', 'category'], ['tag', 'tag'], ['author_name', 'author']] as const;
  for (const [k, archive] of bySlug) {
    if (!p.has(k)) continue;
    // A nested section's name is its path (news/local): the last part is its slug.
    const slug = p.get(k)!.split('/').filter(Boolean).at(-1) ?? null;
    return slugOk(slug) ? { archive, slug } : 'bad';
  }
  return null;
}

/** `?m=2022`, `?m=202202`, `?m=20220225`. */
function dateFromM(m: string, page: number): OldAddress | null {
  const x = /^(\d{4})(\d{2})?(\d{2})?$/.exec(m);
  if (!x) return null;
  return dateOf(x[1]!, x[2], x[3], page);
}

function dateOf(y: string, mo: string | undefined, d: string | undefined, page: number): OldAddress | null {
  const year = Number(y);
  if (year < 1) return null;
  if (mo === undefined) return { kind: 'date', year, page };
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  if (d === undefined) return { kind: 'date', year, month, page };
  const day = Number(d);
  if (day < 1 || day > 31) return null;
  return { kind: 'date', year, month, day, page };
}

/** WordPress's feed types: rss2 (its default), rss, rdf and atom, and their comments forms. */
function feedType(t: string): { format: 'rss' | 'atom'; comments: boolean } | null {
  const comments = t.startsWith('comments-');
  const type = comments ? t.slice('comments-'.length) : t;
  if (type === '' || type === 'feed' || type === 'rss2' || type === 'rss' || type === 'rdf') return { format: 'rss', comments };
  if (type === 'atom') return { format: 'atom', comments };
  return null;
}

function fromPath(path: string[]): OldAddress | null {
  const a = path[0];
  if (a === 'wp-login.php' || a === 'wp-admin' || a === 'wp-signup.php' || a === 'wp-register.php') return { kind: 'signIn' };
  // The sitemap search engines were given: WordPress's own (5.5+) and Yoast's.
  if (path.length === 1 && (a === 'wp-sitemap.xml' || a === 'sitemap_index.xml')) return { kind: 'sitemap' };
  let rest = path;
  let page = 1;
  if (rest.length >= 2 && rest[rest.length - 2] === 'page') {
    if (!PAGE.test(rest[rest.length - 1]!)) return null;
    page = Number(rest[rest.length - 1]);
    rest = rest.slice(0, -2);
  }
  if (!rest.length) return page > 1 ? { kind: 'home', page } : null;

  const feedAt = rest.lastIndexOf('feed');
  if (feedAt >= 0 && feedAt >= rest.length - 2) {
    if (page > 1) return null;
    const after = rest[feedAt + 1];
    const f = after === undefined ? { format: 'rss' as const, comments: false } : feedType(after);
    if (!f) return null;
    const before = rest.slice(0, feedAt);
    // /comments/feed/ and /feed/comments-rss2/: the site's comments.
    if (before.length === 1 && before[0] === 'comments') return { kind: 'feed', format: f.format, scope: { kind: 'siteComments' } };
    if (f.comments) return before.length ? null : { kind: 'feed', format: f.format, scope: { kind: 'siteComments' } };
    if (!before.length) return { kind: 'feed', format: f.format, scope: { kind: 'edition' } };
    const archive = archiveFromPath(before);
    if (archive === 'bad') return null;
    if (archive) return { kind: 'feed', format: f.format, scope: { kind: 'archive', ref: archive } };
    return plausiblePost(before) ? { kind: 'feed', format: f.format, scope: { kind: 'post', ref: { segments: before } } } : null;
  }

  const archive = archiveFromPath(rest);
  if (archive === 'bad') return null;
  if (archive) return { kind: 'archive', ref: archive, page };
  if (rest[0] === 'search' && rest.length === 2) return { kind: 'search', q: rest[1]!.slice(0, MAX_QUERY_CHARS) };
  // Date archives, /2022/, /2022/02/, /2022/02/25/ (a fallback: under an edition's prefix they are Khabar's own).
  if (YEAR.test(rest[0]!) && rest.length <= 3 && rest.slice(1).every((s) => TWO.test(s))) return dateOf(rest[0]!, rest[1], rest[2], page);
  if (page > 1) return null;
  // An AMP copy (/slug/amp/, the AMP plugin's) is the article itself.
  if (rest.length > 1 && rest.at(-1) === 'amp') rest = rest.slice(0, -1);
  // A page of a post's comments (/slug/comment-page-2/) is that page of the article's.
  const comments = rest.length > 1 ? /^comment-page-([1-9]\d{0,5})$/.exec(rest.at(-1)!) : null;
  if (comments) rest = rest.slice(0, -1);
  if (!plausiblePost(rest)) return null;
  // Everything else may be a post's permalink (/archives/N among the structures tried).
  return { kind: 'post', ref: { segments: rest }, ...(comments && { commentPage: Number(comments[1]) }) };
}

/**
 * Could these segments be a post's permalink? What scanners probe (/.env, /xmlrpc.php,
 * /wp-content/…, /wp-includes/…) is no one's post: answered 404 without a lookup.
 */
function plausiblePost(segments: string[]): boolean {
  // /wp-json/ is the WordPress REST API's (its own routes); never read as a permalink.
  if (segments[0] === 'wp-content' || segments[0] === 'wp-includes' || segments[0] === 'wp-json') return false;
  return segments.every((s) => slugOk(s) && !s.startsWith('.') && !/\.php$/i.test(s));
}

/** `/category/news/local/` (a nested section: its own slug is the last), `/tag/x/`, `/author/x/`. */
function archiveFromPath(rest: string[]): ArchiveRef | 'bad' | null {
  const [a, ...more] = rest;
  if (a === 'category') return more.length && more.every(slugOk) ? { archive: 'category', slug: more.at(-1)! } : 'bad';
  if (a === 'tag' || a === 'author') return more.length === 1 && slugOk(more[0]!) ? { archive: a, slug: more[0]! } : 'bad';
  return null;
}
