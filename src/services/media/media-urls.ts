import type { VariantFormat } from '../../domain/media.ts';

/**
 * How media files are named, on disk and in URLs: `/media/<name>/<width>.<ext>`, where
 * `<name>` is `<20 hex>-<W>x<H>` (random and content-derived hex, then the largest served size).
 * Because the name carries the size and the widths follow from it (variantWidths), a page can
 * build a srcset from the URL alone, with no database query. Changing VARIANT_WIDTHS therefore
 * means regenerating the variants of existing images.
 */
export const MEDIA_PATH = '/media/';

/** Widths generated for each image (never wider than the upload: no upscaling). */
export const VARIANT_WIDTHS: readonly number[] = [480, 800, 1200, 1600];
export const MAX_WIDTH = 1600;

const EXTS: readonly VariantFormat[] = ['avif', 'webp', 'jpg', 'png'];
const NAME = /^[0-9a-f]{20}-([1-9]\d{0,4})x([1-9]\d{0,4})$/;
const FILE = /^([1-9]\d{0,4})\.(avif|webp|jpg|png)$/;

/** The widths of an image whose largest served width is `w`: the standard ones clearly below it, and `w`. */
export function variantWidths(w: number): number[] {
  return [...VARIANT_WIDTHS.filter((x) => x <= w * 0.9), w];
}

/** The height of the `w`-wide variant of a W×H image. */
export function heightAt(w: number, width: number, height: number): number {
  return Math.max(1, Math.round((height * w) / width));
}

export function mediaName(hex: string, width: number, height: number): string {
  return `${hex}-${width}x${height}`;
}

export function variantFile(width: number, format: VariantFormat): string {
  return `${width}.${format}`;
}

export function mediaUrl(name: string, width: number, format: VariantFormat): string {
  return `${MEDIA_PATH}${name}/${variantFile(width, format)}`;
}

/** A stored file's key in a media store: `<name>/<file>` (the original and every variant). */
export function objectKey(name: string, file: string): string {
  return `${name}/${file}`;
}

const KEY = /^([0-9a-f]{20}-[1-9]\d{0,4}x[1-9]\d{0,4})\/((?:original|[1-9]\d{0,4})\.[a-z0-9]{3,4})$/;

/** A key's image name and file, or null for any key the library never writes. */
export function parseObjectKey(key: string): { name: string; file: string } | null {
  const m = KEY.exec(key);
  return m ? { name: m[1]!, file: m[2]! } : null;
}

export interface ParsedMediaFile {
  name: string;
  /** The image's largest served size. */
  width: number;
  height: number;
  /** This file's width and format. */
  fileWidth: number;
  format: VariantFormat;
}

/**
 * A served file's name and folder, or null for anything else. Only these two strict shapes
 * reach the file system, so `..`, encoded slashes and the stored original can never be served.
 */
export function parseMediaFile(name: string, file: string): ParsedMediaFile | null {
  const n = NAME.exec(name);
  const f = FILE.exec(file);
  if (!n || !f) return null;
  const format = f[2] as VariantFormat;
  if (!EXTS.includes(format)) return null;
  return { name, width: Number(n[1]), height: Number(n[2]), fileWidth: Number(f[1]), format };
}

/** A URL path (or an absolute URL at `origin`) of one of our media files, parsed; else null. */
export function parseMediaUrl(url: string, origin?: string): ParsedMediaFile | null {
  let path = url;
  if (origin && url.startsWith(`${origin}/`)) path = url.slice(origin.length);
  if (!path.startsWith(MEDIA_PATH)) return null;
  const parts = path.slice(MEDIA_PATH.length).split('/');
  if (parts.length !== 2) return null;
  return parseMediaFile(parts[0]!, parts[1]!);
}

export const CONTENT_TYPES: Record<VariantFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
};
