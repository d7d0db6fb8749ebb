import type SanitizeHtml from 'sanitize-html';
import { lazyModule } from '../lazy-module.ts';
import { canonicalEmbeds, embedOf } from './embeds.ts';

const sanitizer = lazyModule<typeof SanitizeHtml>('sanitize-html');

/**
 * The allowlist for stored article HTML: structure and emphasis, links and images over
 * http(s), direction attributes for mixed Arabic/Latin text. Everything else is dropped.
 */
const options = (lib: typeof SanitizeHtml): SanitizeHtml.IOptions => ({
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark', 'small',
    'a', 'ul', 'ol', 'li', 'blockquote', 'q', 'cite', 'figure', 'figcaption', 'img', 'code', 'pre',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'span', 'bdi', 'bdo', 'abbr', 'time',
  ],
  allowedAttributes: {
    '*': ['dir', 'lang', 'title'],
    a: ['href', 'rel', 'hreflang'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'srcset', 'sizes'],
    time: ['datetime'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    bdo: ['dir'],
    // Only a valid (provider, id) pair survives (transformTags below); see embeds.ts.
    figure: ['data-embed', 'data-embed-id'],
  },
  // A gallery (imported from WordPress) is a figure of figures; the theme lays it out as a grid.
  allowedClasses: { figure: ['gallery'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leaving the site must not hand it window.opener.
    a: lib.simpleTransform('a', { rel: 'noopener' }, true),
    img: lib.simpleTransform('img', { loading: 'lazy' }, true),
    // An embed placeholder keeps its two data attributes and nothing else; an invalid pair
    // makes it a plain figure. canonicalEmbeds then rebuilds its content.
    figure: (tagName, attribs) => {
      const embed = embedOf(attribs['data-embed'], attribs['data-embed-id']);
      if (embed) return { tagName, attribs: { 'data-embed': embed.provider, 'data-embed-id': embed.id } };
      const { 'data-embed': _p, 'data-embed-id': _i, ...rest } = attribs;
      return { tagName, attribs: rest };
    },
  },
});
let OPTIONS: SanitizeHtml.IOptions | undefined;

export function sanitizeArticleHtml(html: string): string {
  // What was just sanitised, handed back to be saved (the importer converts, then the article
  // service saves), is not cleaned twice: it is already this function's output.
  if (html === lastClean) return html;
  const lib = sanitizer();
  OPTIONS ??= options(lib);
  lastClean = canonicalEmbeds(lib(html, OPTIONS));
  return lastClean;
}
let lastClean: string | null = null;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The readable text of stored HTML: blocks become paragraphs (for search and excerpts). */
export function htmlToText(html: string): string {
  return html
    // Table cells are words apart, not run together ("السوقالمحلات").
    .replace(/<\/t[hd]>/gi, ' ')
    .replace(/<\/(p|h[1-6]|li|blockquote|figure|tr|pre)>|<br\s*\/?>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .split(/\n{2,}/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain-text paragraphs (the import format) as article HTML. */
export function paragraphsToHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p.trim())}</p>`).join('\n');
}

/** A short excerpt cut at a word boundary: «…» marks the cut. */
export function excerptOf(text: string, maxChars = 220): string {
  // The start of the text is enough when its flattening is longer than the excerpt (the same
  // first characters as the whole text's): a bulk import flattened every whole body for 220 of them.
  const head = text.length > maxChars * 2 ? text.slice(0, maxChars * 2).replace(/\s+/g, ' ').trim() : '';
  const flat = head.length > maxChars ? head : text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s،,.؛;:]+$/u, '')}…`;
}
