import type SharpFn from 'sharp';
import type { Sharp } from 'sharp';
import type { MediaVariant, VariantFormat } from '../../domain/media.ts';
import { lazyModule } from '../../platform/lazy-module.ts';
import { heightAt, MAX_WIDTH, variantFile, variantWidths } from './media-urls.ts';

// libvips costs tens of megabytes: loaded by the first upload, not by every process.
const sharpModule = lazyModule<typeof SharpFn>('sharp');

/** sharp over untrusted bytes: pixel limit (decompression bombs) and strict decoding. */
export function loadImage(maxPixels: number): (data: Buffer) => Sharp {
  return (data) => sharpModule()(data, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true });
}

export interface VariantFile {
  file: string;
  data: Buffer;
  variant: MediaVariant;
}

/** The largest served size of a W×H upload: capped at MAX_WIDTH, never upscaled. */
export function servedSize(width: number, height: number): { width: number; height: number } {
  const w = Math.min(width, MAX_WIDTH);
  return { width: w, height: heightAt(w, width, height) };
}

/**
 * Every served file of one image: at each width, AVIF and WebP, and a JPEG (or a PNG when the
 * image has transparency) that every browser shows. Upright (EXIF orientation applied by
 * loadImage), and without metadata: sharp writes none unless asked, so EXIF, GPS and camera
 * data never leave the original. An animated GIF or WebP gives its first frame.
 */
export async function makeVariants(
  load: (data: Buffer) => Sharp,
  data: Buffer,
  size: { width: number; height: number },
  hasAlpha: boolean,
  /** AVIF's encoder effort (0-9): 2 for uploads; the demo's pictures, drawn at a first start, take 0. */
  avifEffort = 2,
): Promise<VariantFile[]> {
  const fallback: VariantFormat = hasAlpha ? 'png' : 'jpg';
  const out: VariantFile[] = [];
  // One width at a time: each step decodes the upload once and keeps the machine responsive.
  for (const w of variantWidths(size.width)) {
    const h = heightAt(w, size.width, size.height);
    const base = load(data).resize(w, h, { fit: 'fill' });
    const encoded = await Promise.all(
      (['avif', 'webp', fallback] as const).map(async (format) => {
        const img = base.clone();
        const encoder =
          format === 'avif' ? img.avif({ quality: 55, effort: avifEffort })
          : format === 'webp' ? img.webp({ quality: 80 })
          : format === 'png' ? img.png({ compressionLevel: 9 })
          : img.flatten({ background: '#fff' }).jpeg({ quality: 82, mozjpeg: true });
        const buf = await encoder.toBuffer();
        return { file: variantFile(w, format), data: buf, variant: { width: w, height: h, format, bytes: buf.length } };
      }),
    );
    out.push(...encoded);
  }
  return out;
}
