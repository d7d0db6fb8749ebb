import type { Edition } from '../../domain/edition.ts';
import { isValidSlug } from '../../platform/slug.ts';
import type { EditionSet } from '../../services/editions/editions.ts';
import { hasOldQuery } from './old-address-router.ts';

export type ArchiveKind = 'category' | 'tag' | 'author';

export type Route =
  | { kind: 'home'; edition: Edition; page: number }
  | { kind: ArchiveKind; edition: Edition; slug: string; page: number }
  | { kind: 'date'; edition: Edition; year: number; month?: number; day?: number; page: number }
  | { kind: 'article'; edition: Edition; year: number; month: number; day: number; slug: string }
  | { kind: 'staticPage'; edition: Edition; slug: string }
  | { kind: 'shortlink'; edition: Edition; id: number }
  | { kind: 'search'; edition: Edition; search: SearchQuery }
  | { kind: 'feed'; edition: Edition; format: FeedFormat; scope: FeedScope }
  | { kind: 'redirect'; location: string; permanent: boolean }
  | { kind: 'notFound'; edition: Edition }
  | { kind: 'badRequest'; edition: Edition };

export type FeedFormat = 'rss' | 'atom';
/** What a feed follows: the edition, one archive, or one article's comments (WordPress's /feed/ URLs). */
export type FeedScope =
  | { kind: 'edition' }
  | { kind: ArchiveKind; slug: string }
  | { kind: 'comments'; year: number; month: number; day: number; slug: string }
  | { kind: 'siteComments' };

/** The search page's parameters as typed by the reader (`q` verbatim; the service cleans it). */
export interface SearchQuery {
  q: string;
  page: number;
  category?: string;
  from?: string; // YYYY-MM-DD
  to?: string; // YYYY-MM-DD, inclusive
  /** Newest first instead of the most relevant first. */
  sort?: 'date';
}

/** Longer URLs are refused outright: no page of ours needs one, and they only cost. */
export const MAX_URL_LENGTH = 2048;
export const MAX_SEARCH_URL_LENGTH = 8192;

const YEAR = /^\d{4}$/;
const TWO_DIGITS = /^\d{2}$/;
const PAGE = /^[1-9]\d{0,5}$/;

/**
 * Maps a public request (raw URL as sent, and Host) to what to serve. Pure: no I/O, so every
 * URL shape is unit-tested here and the handler stays thin.
 */
export function route(rawUrl: string, host: string | undefined, editions: EditionSet): Route {
  const hostEdition = editions.forHost(host);
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q);
  // Even a refused URL gets its answer in the language of the edition it points into.
  const fallback = hostEdition ?? editions.get(rawPath.split('/')[1] ?? '') ?? editions.default;
  // A search may carry a long pasted query (cut to 256 characters later): it gets results, not a 400.
  const limit = /\/search\/?$/.test(rawPath) ? MAX_SEARCH_URL_LENGTH : MAX_URL_LENGTH;
  if (rawUrl.length > limit) return { kind: 'badRequest', edition: fallback };

  let segments: string[];
  try {
    segments = rawPath.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'badRequest', edition: fallback }; // malformed %-encoding or invalid UTF-8
  }
  if (segments.some((s) => /[\u0000-\u001f\u007f]/.test(s))) return { kind: 'badRequest', edition: fallback };

  let edition: Edition;
  let rest: string[];
  if (hostEdition) {
    edition = hostEdition;
    rest = segments;
  } else {
    if (!segments.length) {
      const p = shortlinkParam(query);
      if (p !== null) return shortlink(p, editions.default);
      // /?cat=5, /?feed=rss2, /?s=…: WordPress's home addresses, answered by the old-address fallback.
      if (hasOldQuery(query)) return { kind: 'notFound', edition: editions.default };
      return { kind: 'redirect', location: `/${encodeURIComponent(editions.default.code)}/`, permanent: false };
    }
    const found = editions.get(segments[0]!);
    if (!found) return { kind: 'notFound', edition: editions.default };
    edition = found;
    rest = segments.slice(1);
  }

  if (!rest.length) {
    const p = shortlinkParam(query);
    if (p !== null) return shortlink(p, edition);
    if (hasOldQuery(query)) return { kind: 'notFound', edition };
  }
  // WordPress's canonical form ends in a slash; send the reader there once, keeping the query.
  // Rebuilt from the decoded segments: the raw path could start with «//» (an open redirect).
  if (!rawPath.endsWith('/')) return { kind: 'redirect', location: pathOf(segments) + asciiOnly(query), permanent: true };

  return routeInEdition(edition, rest, segments, asciiOnly(query));
}

function routeInEdition(edition: Edition, rest: string[], segments: string[], query: string): Route {
  const notFound: Route = { kind: 'notFound', edition };
  // A trailing page/N applies to every listing.
  let page = 1;
  if (rest.length >= 2 && rest[rest.length - 2] === 'page') {
    const n = rest[rest.length - 1]!;
    if (!PAGE.test(n)) return notFound;
    page = Number(n);
    if (page === 1) {
      return { kind: 'redirect', location: pathOf(segments.slice(0, -2)) + query, permanent: true };
    }
    rest = rest.slice(0, -2);
  }

  // WordPress's feed URLs: …/feed/ is RSS 2.0, …/feed/atom/ is Atom.
  const feedAt = rest.lastIndexOf('feed');
  if (feedAt >= 0 && page === 1) return feedRoute(edition, rest.slice(0, feedAt), rest.slice(feedAt + 1));
  const [a, b, c, d, ...more] = rest;
  if (a === undefined) return { kind: 'home', edition, page };
  if (a === 'search' && b === undefined) return { kind: 'search', edition, search: searchQuery(query, page) };
  if (a === 'category' || a === 'tag' || a === 'author') {
    if (b === undefined || c !== undefined || !isValidSlug(b)) return notFound;
    return { kind: a, edition, slug: b, page };
  }
  // One segment that is not a year: a static page (/ar/about/). The words above are taken first.
  if (b === undefined && !YEAR.test(a)) return page === 1 && a !== 'page' && isValidSlug(a) ? { kind: 'staticPage', edition, slug: a } : notFound;
  if (!YEAR.test(a) || more.length) return notFound;
  const year = Number(a);
  if (b === undefined) return { kind: 'date', edition, year, page };
  if (!TWO_DIGITS.test(b) || Number(b) < 1 || Number(b) > 12) return notFound;
  const month = Number(b);
  if (c === undefined) return { kind: 'date', edition, year, month, page };
  if (!TWO_DIGITS.test(c) || Number(c) < 1 || Number(c) > 31) return notFound;
  const day = Number(c);
  if (d === undefined) return { kind: 'date', edition, year, month, day, page };
  if (page !== 1 || !isValidSlug(d)) return notFound;
  return { kind: 'article', edition, year, month, day, slug: d };
}

function feedRoute(edition: Edition, before: string[], after: string[]): Route {
  const notFound: Route = { kind: 'notFound', edition };
  if (after.length > 1 || (after.length === 1 && after[0] !== 'atom')) return notFound;
  const format: FeedFormat = after.length ? 'atom' : 'rss';
  const [a, b, c, d, ...more] = before;
  if (a === undefined) return { kind: 'feed', edition, format, scope: { kind: 'edition' } };
  // The edition's newest comments, at WordPress's address for them.
  if (a === 'comments' && b === undefined) return { kind: 'feed', edition, format, scope: { kind: 'siteComments' } };
  if ((a === 'category' || a === 'tag' || a === 'author') && b !== undefined && c === undefined && isValidSlug(b)) {
    return { kind: 'feed', edition, format, scope: { kind: a, slug: b } };
  }
  if (YEAR.test(a) && b !== undefined && TWO_DIGITS.test(b) && c !== undefined && TWO_DIGITS.test(c) && d !== undefined && !more.length && isValidSlug(d)) {
    return { kind: 'feed', edition, format, scope: { kind: 'comments', year: Number(a), month: Number(b), day: Number(c), slug: d } };
  }
  return notFound;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function searchQuery(query: string, page: number): SearchQuery {
  const p = new URLSearchParams(query.slice(1));
  const day = (k: string) => {
    const v = p.get(k) ?? '';
    return ISO_DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined;
  };
  const category = p.get('category') ?? '';
  const from = day('from');
  const to = day('to');
  // ?paged=N as well as /page/N/: the search form submits a query string.
  const paged = p.get('paged') ?? '';
  return {
    q: p.get('q') ?? p.get('s') ?? '',
    page: PAGE.test(paged) ? Number(paged) : page,
    ...(category && isValidSlug(category) && { category }),
    ...(from && { from }),
    ...(to && { to }),
    ...(p.get('sort') === 'date' && { sort: 'date' as const }),
  };
}

/** `?p=` as WordPress reads it: absent → null; present but not a positive id → NaN. */
function shortlinkParam(query: string): number | null {
  if (!query) return null;
  const p = new URLSearchParams(query.slice(1)).get('p');
  if (p === null) return null;
  return /^[1-9]\d{0,15}$/.test(p) ? Number(p) : Number.NaN;
}

function shortlink(id: number, edition: Edition): Route {
  return Number.isSafeInteger(id) ? { kind: 'shortlink', edition, id } : { kind: 'badRequest', edition };
}

function pathOf(segments: string[]): string {
  return `/${segments.map((s) => `${encodeURIComponent(s)}/`).join('')}`;
}

/** A Location header must be ASCII: percent-encode anything else a client sent raw. */
function asciiOnly(s: string): string {
  return s.replace(/[^\x21-\x7e]+/g, (m) => encodeURIComponent(m));
}
