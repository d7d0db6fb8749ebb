import { createHash } from 'node:crypto';
import type { FeaturedImage } from '../../domain/article.ts';
import type { Clock } from '../../platform/clock.ts';
import { lazyModule } from '../../platform/lazy-module.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { demoPictures, PICTURE_CREDIT, PICTURE_HEIGHT, PICTURE_WIDTH, pictureOf, type DemoPicture } from '../../demo/pictures.ts';
import type { MediaStore } from '../media/media-store.ts';
import { CONTENT_TYPES, mediaName, mediaUrl, objectKey } from '../media/media-urls.ts';
import { DEFAULT_MAX_PIXELS } from '../media/media.ts';
import { loadImage, makeVariants, servedSize } from '../media/variants.ts';
import type SharpFn from 'sharp';

const sharpModule = lazyModule<typeof SharpFn>('sharp');

/**
 * The demo pictures' library names are fixed (a hash of their key, not random like an upload's),
 * so the demo articles can point at them before their files exist: the articles are written at
 * once, the files are drawn afterwards (seedDemoPictures), in the background of a first start.
 */
function pictureName(p: DemoPicture): string {
  const hex = createHash('sha256').update(`khabar-demo-picture:${p.key}`).digest('hex').slice(0, 20);
  const size = servedSize(PICTURE_WIDTH, PICTURE_HEIGHT);
  return mediaName(hex, size.width, size.height);
}

/** The featured image a demo article gets (in its edition's language), or null. */
export function demoFeaturedImage(articleId: number, edition: 'ar' | 'en'): FeaturedImage | null {
  const key = pictureOf(articleId);
  const p = key ? demoPictures.find((x) => x.key === key) : undefined;
  if (!p) return null;
  const size = servedSize(PICTURE_WIDTH, PICTURE_HEIGHT);
  return { url: mediaUrl(pictureName(p), size.width, 'jpg'), alt: p.alt[edition], caption: p.caption[edition], credit: PICTURE_CREDIT[edition] };
}

/**
 * Draws the demo pictures that are missing from the media store and adds them to the library.
 * Drawing is the slow part of a first start (sharp renders each SVG, then the library makes its
 * AVIF, WebP and JPEG variants: seconds per picture on a small machine), which is why the site
 * does not wait for it: `khabar serve` starts this after it listens, and runs it again on every
 * start until every picture is there (a crash, or a wiped media folder, heals). Returns how many
 * were drawn. `signal` stops it between two pictures (the site is shutting down).
 */
export async function seedDemoPictures(deps: { repos: Repositories; clock: Clock; store: MediaStore; signal?: AbortSignal }): Promise<number> {
  const { store } = deps;
  const load = loadImage(DEFAULT_MAX_PIXELS);
  let drawn = 0;
  for (const p of demoPictures) {
    if (deps.signal?.aborted) break;
    const name = pictureName(p);
    // The original is written last: when it is there, the picture is whole.
    if (await store.head(objectKey(name, 'original.png'))) continue;
    const png = await sharpModule()(Buffer.from(p.svg())).png().toBuffer();
    const size = servedSize(PICTURE_WIDTH, PICTURE_HEIGHT);
    // The fastest AVIF effort: flat illustrations lose little, and a first start waits less.
    const variants = await makeVariants(load, png, size, false, 0);
    const row = await deps.repos.media.byName(name);
    if (!row) {
      await deps.repos.write(
        (tx) =>
          deps.repos.media.insert(tx, {
            name,
            format: 'png',
            originalWidth: PICTURE_WIDTH,
            originalHeight: PICTURE_HEIGHT,
            originalBytes: png.length,
            width: size.width,
            height: size.height,
            variants: variants.map((v) => v.variant),
            alt: p.alt.ar,
            caption: p.caption.ar,
            credit: PICTURE_CREDIT.ar,
            uploadedBy: null,
            createdAt: deps.clock.now().toISOString(),
          }),
        // The library is on no public page; the articles already point at the files.
        { invalidates: [] },
      );
    }
    // Another process may be drawing it too: it writes the same bytes under the same keys.
    for (const v of variants) await store.put(objectKey(name, v.file), v.data, CONTENT_TYPES[v.variant.format]);
    await store.put(objectKey(name, 'original.png'), png, 'image/png');
    drawn++;
  }
  return drawn;
}
