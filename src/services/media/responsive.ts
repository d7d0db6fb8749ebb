import type { ResponsiveImage, VariantFormat } from '../../domain/media.ts';
import { CONTENT_TYPES, heightAt, mediaUrl, parseMediaUrl, variantWidths } from './media-urls.ts';

/** An article column is at most 42rem wide (theme: --measure), the full screen below that. */
export const ARTICLE_IMAGE_SIZES = '(min-width: 44rem) 42rem, calc(100vw - 2rem)';

/**
 * Sources for one of our images, from its URL alone (pure: no query, no file access), or null
 * for any other image. The URL must be a fallback file (.jpg or .png) — the URL the library
 * hands out — since the fallback's format is only known from it.
 */
export interface ResponsiveOptions {
  sizes?: string;
  /** The site's origin: its absolute addresses are ours too. */
  origin?: string;
  /** Where a library file is fetched from (MEDIA_PUBLIC_URL); the site's own /media/ without it. */
  at?: (path: string) => string;
}

export function responsiveImage(url: string, options: ResponsiveOptions = {}): ResponsiveImage | null {
  const p = parseMediaUrl(url, options.origin);
  if (!p || (p.format !== 'jpg' && p.format !== 'png')) return null;
  const at = options.at ?? ((path: string) => path);
  const widths = variantWidths(p.width);
  const set = (format: VariantFormat) => widths.map((w) => `${at(mediaUrl(p.name, w, format))} ${w}w`).join(', ');
  return {
    src: at(mediaUrl(p.name, p.width, p.format)),
    srcset: set(p.format),
    sizes: options.sizes ?? ARTICLE_IMAGE_SIZES,
    width: p.width,
    height: heightAt(p.width, p.width, p.height),
    sources: (['avif', 'webp'] as const).map((f) => ({ type: CONTENT_TYPES[f], srcset: set(f) })),
  };
}

const IMG = /<img\b[^>]*>/gi;
const SRC = /\ssrc="([^"]*)"/i;
/** Attributes the responsive markup sets itself. */
const OWN_ATTRS = /\s(?:src|srcset|sizes|width|height|loading|decoding)="[^"]*"/gi;

/**
 * Article HTML with each <img> of ours turned into a <picture> (AVIF, WebP, then the fallback
 * with srcset, width and height). Runs at render time on HTML that went through the sanitiser
 * (double-quoted attributes, no `>` inside them); the public page cache keeps the result, and
 * since it only reads URLs it needs no query. Other images and the rest of the HTML are untouched.
 */
export function responsiveBodyImages(html: string, options: ResponsiveOptions = {}): string {
  if (!html.includes('/media/')) return html;
  return html.replace(IMG, (tag) => {
    const src = SRC.exec(tag)?.[1];
    const r = src === undefined ? null : responsiveImage(src, options);
    if (!r) return tag;
    // What is left (alt, dir, lang, title) is kept as the sanitiser wrote it.
    const rest = tag.replace(/^<img/i, '').replace(/\s*\/?>$/, '').replace(OWN_ATTRS, '');
    const sources = r.sources.map((s) => `<source type="${s.type}" srcset="${s.srcset}" sizes="${r.sizes}">`).join('');
    return `<picture>${sources}<img src="${r.src}" srcset="${r.srcset}" sizes="${r.sizes}" width="${r.width}" height="${r.height}"${rest} loading="lazy" decoding="async"></picture>`;
  });
}
