import { el, XML_DECLARATION, xmlAttr } from './xml.ts';

/** Sitemaps (https://www.sitemaps.org/protocol.html) and Google News sitemaps, from plain values. */
export interface SitemapRef {
  url: string;
  lastModified: string;
}

export function renderSitemapIndex(maps: SitemapRef[]): string {
  const body = maps.map((m) => `<sitemap>${el('loc', m.url)}${el('lastmod', m.lastModified)}</sitemap>`).join('\n');
  return `${XML_DECLARATION}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

export interface UrlEntry {
  url: string;
  lastModified: string;
  /** Other language versions (hreflang), including this one. */
  alternates?: { lang: string; url: string }[];
}

export function renderUrlSet(urls: UrlEntry[]): string {
  const body = urls
    .map(
      (u) =>
        `<url>${el('loc', u.url)}${el('lastmod', u.lastModified)}` +
        (u.alternates ?? []).map((a) => `<xhtml:link rel="alternate" hreflang="${xmlAttr(a.lang)}" href="${xmlAttr(a.url)}"/>`).join('') +
        '</url>',
    )
    .join('\n');
  return `${XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${body}\n</urlset>\n`;
}

export interface NewsEntry {
  url: string;
  title: string;
  published: string;
  publicationName: string;
  language: string;
}

/** Google News sitemap: articles of the last two days (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). */
export function renderNewsSitemap(entries: NewsEntry[]): string {
  const body = entries
    .map(
      (e) =>
        `<url>${el('loc', e.url)}<news:news><news:publication>${el('news:name', e.publicationName)}${el('news:language', e.language)}</news:publication>` +
        `${el('news:publication_date', e.published)}${el('news:title', e.title)}</news:news></url>`,
    )
    .join('\n');
  return `${XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${body}\n</urlset>\n`;
}

export function renderRobots(sitemaps: string[]): string {
  return ['User-agent: *', 'Disallow: /wp-admin/', 'Disallow: /admin/', ...sitemaps.map((s) => `Sitemap: ${s}`), ''].join('\n');
}
