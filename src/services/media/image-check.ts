import type { Sharp } from 'sharp';
import type { ImageFormat } from '../../domain/media.ts';

/**
 * The format an upload's first bytes announce, or null. The client's file name and
 * Content-Type are never consulted; SVG (a document that can carry script) is not an image here.
 */
export function sniffImageFormat(b: Buffer): ImageFormat | null {
  if (b.length < 12) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  const ascii = (from: number, to: number) => b.toString('latin1', from, to);
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  // ISO-BMFF: a box size, "ftyp", the major brand, a minor version, then compatible brands.
  if (ascii(4, 8) === 'ftyp') {
    const size = Math.min(b.readUInt32BE(0), b.length, 64);
    const brands = [ascii(8, 12)];
    for (let i = 16; i + 4 <= size; i += 4) brands.push(ascii(i, i + 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  }
  return null;
}

export type ImageCheck =
  | { ok: true; format: ImageFormat; width: number; height: number; hasAlpha: boolean }
  | { ok: false; reason: 'not_image' | 'too_many_pixels' };

/** What sharp calls each accepted format (AVIF is decoded by libheif). */
const SHARP_FORMAT: Record<ImageFormat, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', avif: 'heif' };

/**
 * Checks an upload by its content: the magic bytes must name an accepted format, the decoder
 * must agree, and the picture must have at most `maxPixels` pixels (a small file can declare a
 * huge canvas: a decompression bomb). Width and height are upright (EXIF orientation applied).
 */
export async function checkImage(data: Buffer, maxPixels: number, load: (data: Buffer) => Sharp): Promise<ImageCheck> {
  const format = sniffImageFormat(data);
  if (!format) return { ok: false, reason: 'not_image' };
  let m;
  try {
    m = await load(data).metadata();
  } catch (e) {
    // sharp refuses to even describe an image over limitInputPixels.
    return { ok: false, reason: /pixel limit/i.test((e as Error).message) ? 'too_many_pixels' : 'not_image' };
  }
  if (m.format !== SHARP_FORMAT[format] || !m.width || !m.height) return { ok: false, reason: 'not_image' };
  if (format === 'avif' && m.compression !== 'av1') return { ok: false, reason: 'not_image' };
  if (m.width * m.height > maxPixels) return { ok: false, reason: 'too_many_pixels' };
  const upright = m.autoOrient ?? { width: m.width, height: m.height };
  return { ok: true, format, width: upright.width, height: upright.height, hasAlpha: Boolean(m.hasAlpha) };
}
