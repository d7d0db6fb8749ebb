import { directedHtml, type Feed } from './feed-model.ts';
import { el, XML_DECLARATION, xmlAttr } from './xml.ts';

/** Atom 1.0 (RFC 4287). xml:lang carries the language; HTML content is wrapped with its dir. */
export function renderAtom(feed: Feed): string {
  const entries = feed.items
    .map((i) =>
      [
        '<entry>',
        el('title', i.title),
        `<link rel="alternate" type="text/html" href="${xmlAttr(i.url)}"/>`,
        el('id', i.guid),
        el('published', i.published),
        el('updated', i.updated),
        ...i.authors.map((a) => `<author>${el('name', a)}</author>`),
        ...i.categories.map((c) => `<category term="${xmlAttr(c)}"/>`),
        el('summary', i.summary),
        i.contentHtml === null ? '' : el('content', directedHtml(i.contentHtml, feed), { type: 'html' }),
        // The photo as an enclosure link (RFC 4287 §4.2.7.2).
        i.image ? `<link rel="enclosure" href="${xmlAttr(i.image.url)}"${i.image.type ? ` type="${xmlAttr(i.image.type)}"` : ''}/>` : '',
        '</entry>',
      ].join(''),
    )
    .join('\n');
  return (
    XML_DECLARATION +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttr(feed.language)}">\n` +
    el('title', feed.title) +
    el('subtitle', feed.description) +
    `<link rel="alternate" type="text/html" href="${xmlAttr(feed.url)}"/>` +
    `<link rel="self" type="application/atom+xml" href="${xmlAttr(feed.selfUrl)}"/>` +
    el('id', feed.selfUrl) +
    el('updated', feed.updated) +
    el('generator', feed.generator) +
    (feed.imageUrl ? el('logo', feed.imageUrl) : '') +
    // Atom requires an author for the feed when an entry has none.
    `<author>${el('name', feed.title)}</author>` +
    '\n' +
    entries +
    '\n</feed>\n'
  );
}
