import type { Edition } from '../../domain/edition.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import { MEDIA_PATH } from '../media/media-urls.ts';

/**
 * Every public URL is built here. Path segments are percent-encoded, so an Arabic slug is
 * always ASCII on the wire (a non-ASCII Location header would throw in Node).
 */
export class Urls {
  private readonly protocol: string;

  /**
   * `siteUrl` is the site's public origin, e.g. https://example.org (no trailing slash);
   * `mediaPublicUrl` (MEDIA_PUBLIC_URL) where the library's files are read from instead of the
   * site's own /media/ (a CDN, a bucket's public address).
   */
  constructor(readonly siteUrl: string, readonly mediaPublicUrl: string | null = null) {
    this.protocol = new URL(siteUrl).protocol;
  }

  /** The edition's root: `/ar/`, or `https://host/` for an edition with a host of its own. */
  editionRoot(e: Edition): string {
    return e.host ? `${this.protocol}//${e.host}/` : `/${e.code}/`;
  }

  private path(e: Edition, ...segments: (string | number)[]): string {
    return this.editionRoot(e) + segments.map((s) => `${encodeURIComponent(String(s))}/`).join('');
  }

  private paged(base: string, page: number): string {
    return page > 1 ? `${base}page/${page}/` : base;
  }

  home(e: Edition, page = 1): string {
    return this.paged(this.editionRoot(e), page);
  }

  article(e: Edition, a: { slug: string; publishedAt: string }): string {
    const d = zonedParts(a.publishedAt, e.timezone);
    return this.path(e, d.year, pad2(d.month), pad2(d.day), a.slug);
  }

  /** The short link WordPress readers know: `/?p=<id>`, answered with a 301 to the permalink. */
  shortLink(id: number): string {
    return `/?p=${id}`;
  }

  /** A static page (about, contact): `/ar/<slug>/`. */
  staticPage(e: Edition, slug: string): string {
    return this.path(e, slug);
  }

  category(e: Edition, slug: string, page = 1): string {
    return this.paged(this.path(e, 'category', slug), page);
  }

  tag(e: Edition, slug: string, page = 1): string {
    return this.paged(this.path(e, 'tag', slug), page);
  }

  author(e: Edition, slug: string, page = 1): string {
    return this.paged(this.path(e, 'author', slug), page);
  }

  date(e: Edition, year: number, month?: number, day?: number, page = 1): string {
    const segs: (string | number)[] = [year];
    if (month !== undefined) segs.push(pad2(month));
    if (month !== undefined && day !== undefined) segs.push(pad2(day));
    return this.paged(this.path(e, ...segs), page);
  }

  /** The search page; empty parameters are left out so the URL stays short. */
  search(e: Edition, params: { q: string; page?: number; category?: string; from?: string; to?: string; sort?: 'date' }): string {
    const p = new URLSearchParams();
    p.set('q', params.q);
    if (params.category) p.set('category', params.category);
    if (params.from) p.set('from', params.from);
    if (params.to) p.set('to', params.to);
    if (params.sort) p.set('sort', params.sort);
    if (params.page && params.page > 1) p.set('paged', String(params.page));
    return `${this.path(e, 'search')}?${p.toString()}`;
  }

  /** WordPress's feed URLs: `/ar/feed/`, `/ar/feed/atom/`, `/ar/category/x/feed/`, `/ar/comments/feed/`, `<permalink>feed/` (an article's comments). */
  feed(
    e: Edition,
    format: 'rss' | 'atom',
    scope: { kind: 'edition' } | { kind: 'siteComments' } | { kind: 'category' | 'tag' | 'author'; slug: string } | { kind: 'comments'; article: { slug: string; publishedAt: string } },
  ): string {
    const base =
      scope.kind === 'edition'
        ? this.editionRoot(e)
        : scope.kind === 'siteComments'
          ? this.path(e, 'comments')
          : scope.kind === 'comments'
            ? this.article(e, scope.article)
            : this.path(e, scope.kind, scope.slug);
    return `${base}feed/${format === 'atom' ? 'atom/' : ''}`;
  }

  sitemapIndex(): string {
    return '/sitemap.xml';
  }

  sitemapMonth(month: string): string {
    return `/sitemaps/${month}.xml`;
  }

  newsSitemap(): string {
    return '/news-sitemap.xml';
  }

  asset(name: string): string {
    return `/assets/${name}`;
  }

  /** Absolute form of a site-relative URL (share links, canonical, Open Graph). */
  /** The edition's WordPress REST API root (`/ar/wp-json/`, or `https://host/wp-json/`). */
  restApiRoot(e: Edition): string {
    return `${this.editionRoot(e)}wp-json/`;
  }

  /** Where a library file's address (`/media/<name>/<file>`, as articles keep it) is fetched from. */
  media(url: string): string {
    return this.mediaPublicUrl && url.startsWith(MEDIA_PATH) ? `${this.mediaPublicUrl}/${url.slice(MEDIA_PATH.length)}` : url;
  }

  absolute(url: string): string {
    return /^https?:\/\//.test(url) ? url : this.siteUrl + url;
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
