import { directedHtml, type Feed, type FeedImage } from './feed-model.ts';
import { el, XML_DECLARATION, xmlAttr } from './xml.ts';

/** RFC 822 dates, as RSS 2.0 requires: «Fri, 25 Feb 2022 15:50:00 GMT». */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** The item's photo as Media RSS (what readers and aggregators show beside the headline). */
function mediaContent(img: FeedImage): string {
  const attrs: Record<string, string> = { url: img.url, medium: 'image' };
  if (img.type) attrs.type = img.type;
  if (img.width && img.height) [attrs.width, attrs.height] = [String(img.width), String(img.height)];
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${xmlAttr(v)}"`).join('');
  return img.alt ? `<media:content${a}>${el('media:description', img.alt)}</media:content>` : `<media:content${a}/>`;
}

/** RSS 2.0 (https://www.rssboard.org/rss-specification) with content:encoded, dc:creator and atom:link. */
export function renderRss(feed: Feed): string {
  const items = feed.items
    .map((i) =>
      [
        '<item>',
        el('title', i.title),
        el('link', i.url),
        el('guid', i.guid, { isPermaLink: 'false' }),
        el('pubDate', rfc822(i.published)),
        ...i.authors.map((a) => el('dc:creator', a)),
        ...i.categories.map((c) => el('category', c)),
        el('description', i.summary),
        i.contentHtml === null ? '' : el('content:encoded', directedHtml(i.contentHtml, feed)),
        i.image ? mediaContent(i.image) : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return (
    XML_DECLARATION +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">\n' +
    '<channel>' +
    el('title', feed.title) +
    el('link', feed.url) +
    `<atom:link href="${xmlAttr(feed.selfUrl)}" rel="self" type="application/rss+xml"/>` +
    el('description', feed.description) +
    el('language', feed.language) +
    el('lastBuildDate', rfc822(feed.updated)) +
    el('generator', feed.generator) +
    (feed.imageUrl ? `<image>${el('url', feed.imageUrl)}${el('title', feed.title)}${el('link', feed.url)}</image>` : '') +
    '\n' +
    items +
    '\n</channel>\n</rss>\n'
  );
}
