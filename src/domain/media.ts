/** The image formats the media library accepts (checked by content, never by file name). */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

/** The file types variants are written in: modern formats plus a fallback every browser shows. */
export type VariantFormat = 'avif' | 'webp' | 'jpg' | 'png';

export interface MediaVariant {
  width: number;
  height: number;
  format: VariantFormat;
  bytes: number;
}

/** An image in the media library. */
export interface MediaItem {
  id: number;
  /** The folder of its files and the stable part of its URLs: `<random hex>-<width>x<height>`. */
  name: string;
  /** The uploaded file's format. */
  format: ImageFormat;
  /** The upload's size, upright (after its EXIF orientation). */
  originalWidth: number;
  originalHeight: number;
  originalBytes: number;
  /** The largest served size (the upload's, capped at the largest variant width). */
  width: number;
  height: number;
  variants: MediaVariant[];
  alt: string;
  caption: string;
  credit: string;
  uploadedBy: { id: number; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** What an <img>/<picture> needs for one of our images: responsive sources and its size. */
export interface ResponsiveImage {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  /** Modern formats first (for <picture><source>): AVIF, then WebP. */
  sources: { type: string; srcset: string }[];
}
