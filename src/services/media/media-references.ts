import { MEDIA_PATH, parseMediaFile } from './media-urls.ts';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Articles keep one form of a library image's address, `/media/<name>/<file>`: it names the
 * image, not where its bytes are, so pages point it at MEDIA_PUBLIC_URL or at Khabar itself at
 * render time, and a move between stores changes no article. Other forms get in (the site's
 * absolute address pasted back, a CDN or bucket address copied from a page); this turns every
 * one of them at `bases` into that form. Addresses that name no library file are left alone.
 */
export function canonicalMediaReferences(text: string, bases: readonly string[]): string {
  let out = text;
  for (const base of bases) {
    if (!out.includes(base)) continue;
    const re = new RegExp(`${escapeRegExp(base.replace(/\/+$/, ''))}/([0-9a-f]{20}-[0-9]+x[0-9]+)/([0-9]+\\.[a-z]+)`, 'g');
    out = out.replace(re, (whole, name: string, file: string) => (parseMediaFile(name, file) ? `${MEDIA_PATH}${name}/${file}` : whole));
  }
  return out;
}

/**
 * The addresses a library image may have been copied from: the site's own `/media/` at its
 * origin, MEDIA_PUBLIC_URL, and each store's own public address.
 */
export function mediaBases(o: { siteUrl: string | null; mediaPublicUrl: string | null; storeAddresses: readonly (string | null)[] }): string[] {
  const bases = [o.siteUrl && `${o.siteUrl}${MEDIA_PATH.replace(/\/$/, '')}`, o.mediaPublicUrl, ...o.storeAddresses];
  return [...new Set(bases.filter((b): b is string => Boolean(b)).map((b) => b.replace(/\/+$/, '')))];
}
