import { parseMediaUrl } from './media-urls.ts';

const IMG = /<img\b[^>]*>/gi;
const ATTR = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i');

/** The few entities the sanitiser writes in attribute values, decoded (alt text is stored as text). */
function decode(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const LIBRARY_IMAGE = /\/media\/([0-9a-f]{20}-[1-9]\d{0,4}x[1-9]\d{0,4})\/[1-9]\d{0,4}\.(?:avif|webp|jpg|png)\b/g;

/** The names of the library images an article shows: its featured image and every one its body uses. */
export function libraryImageNames(featuredUrl: string | null | undefined, bodyHtml: string): string[] {
  const out = new Set<string>();
  for (const text of [featuredUrl ?? '', bodyHtml]) for (const m of text.matchAll(LIBRARY_IMAGE)) out.add(m[1]!);
  return [...out];
}

/**
 * The picture lists show for an article: its featured image when set, else the first image of
 * its (sanitised) body that is one of the media library's (a fallback URL, which is what the
 * library hands out): an outside image's size and rights are unknown, so it is never promoted.
 */
export function cardImage(featured: { url: string; alt: string } | null, bodyHtml: string): { url: string; alt: string } | null {
  if (featured?.url) return { url: featured.url, alt: featured.alt };
  if (!bodyHtml.includes('/media/')) return null;
  for (const tag of bodyHtml.match(IMG) ?? []) {
    const src = ATTR('src').exec(tag)?.[1];
    const p = src ? parseMediaUrl(decode(src)) : null;
    if (p && (p.format === 'jpg' || p.format === 'png')) return { url: decode(src!), alt: decode(ATTR('alt').exec(tag)?.[1] ?? '') };
  }
  return null;
}
