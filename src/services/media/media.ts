import { createHash, randomBytes } from 'node:crypto';
import type { Sharp } from 'sharp';
import type { Account } from '../../domain/account.ts';
import { Forbidden, Invalid, NotFound, type Problem } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { MediaItem, VariantFormat } from '../../domain/media.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PublishedMedia, PublishedMediaQuery } from '../../storage/published-queries.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Touch, Tx } from '../../storage/write-path.ts';
import { canDo, canDoToMedia, type MediaAction } from '../users/capabilities.ts';
import { checkImage, type ImageCheck } from './image-check.ts';
import type { MediaStore } from './media-store.ts';
import { CONTENT_TYPES, mediaName, mediaUrl, objectKey, parseMediaFile } from './media-urls.ts';
import { loadImage, makeVariants, servedSize } from './variants.ts';

/** 40 megapixels: any camera's photo, far below a decompression bomb. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
export const TEXT_LIMITS = { alt: 500, caption: 2000, credit: 200 } as const;

/**
 * The fields an upload or an edit is refused on (the `field` of its problems): every problem is
 * reported at once, so the form shows each beside its field.
 */
export type MediaField = 'file' | 'alt' | 'caption' | 'credit';

type CheckedImage = Extract<ImageCheck, { ok: true }>;

export interface MediaText {
  alt: string;
  caption: string;
  credit: string;
}

export interface Upload extends MediaText {
  /** The file's bytes; null when no file was sent. */
  data: Buffer | null;
  /** The file went over the size limit (its bytes were not all read). */
  tooLarge: boolean;
}

export interface MediaPage {
  items: MediaItem[];
  total: number;
  page: number;
  pages: number;
}

/** The URL the library hands out for an image (its largest fallback file): what articles store. */
export function mediaItemUrl(m: MediaItem): string {
  const fallback: VariantFormat = m.variants.some((v) => v.format === 'png') ? 'png' : 'jpg';
  return mediaUrl(m.name, m.width, fallback);
}

/** The smallest fallback file: the library's thumbnail. */
export function mediaThumbUrl(m: MediaItem): string {
  const fallback = m.variants.filter((v) => v.format === 'png' || v.format === 'jpg').sort((a, b) => a.width - b.width)[0];
  return fallback ? mediaUrl(m.name, fallback.width, fallback.format) : mediaItemUrl(m);
}

/**
 * The media library: uploads checked by content and turned into responsive variants, listing
 * and search, alt text / caption / credit edits, deletion. Capabilities are checked here, so
 * every entry point (pages, JSON) gets the same answers.
 */
export class MediaService {
  readonly store: MediaStore;
  private readonly load: (data: Buffer) => Sharp;
  private readonly maxPixels: number;

  constructor(
    private readonly deps: {
      repos: Repositories;
      clock: Clock;
      store: MediaStore;
      maxBytes: number;
      maxPixels?: number;
      log?: (msg: string) => void;
    },
  ) {
    this.store = deps.store;
    this.maxPixels = deps.maxPixels ?? DEFAULT_MAX_PIXELS;
    this.load = loadImage(this.maxPixels);
  }

  get maxBytes(): number {
    return this.deps.maxBytes;
  }

  /** The upload limit in megabytes, as the messages give it (one decimal). */
  get maxMegabytes(): number {
    return Math.round((this.deps.maxBytes / 1024 / 1024) * 10) / 10;
  }

  /** Trimmed text fields and their problems (alt text is required: images must be described). */
  private text(input: MediaText): { text: MediaText; problems: Problem[] } {
    const text = { alt: input.alt.trim(), caption: input.caption.trim(), credit: input.credit.trim() };
    const problems: Problem[] = [];
    if (!text.alt) problems.push({ field: 'alt', code: 'required' });
    for (const f of ['alt', 'caption', 'credit'] as const) if (text[f].length > TEXT_LIMITS[f]) problems.push({ field: f, code: 'too_long', params: { max: TEXT_LIMITS[f] } });
    return { text, problems };
  }

  /** Half-written uploads a crash left behind: removed (the app does it in the background at start). */
  async sweepUnfinished(): Promise<number> {
    return (await this.store.sweep?.(this.deps.clock.now())) ?? 0;
  }

  async upload(actor: Account, input: Upload): Promise<MediaItem> {
    if (!canDo(actor, 'media.upload')) throw new Forbidden('media.upload');
    const { text, problems } = this.text(input);
    const file = await this.checkFile(input);
    if ('code' in file) problems.unshift(file);
    if (problems.length || 'code' in file) throw new Invalid(problems);
    const { data, image } = file;
    const { name, size, variants, keys } = await this.storeFiles(data, image);
    const now = this.deps.clock.now().toISOString();
    try {
      // The library is on no public page (articles keep their own copy of an image's address and alt).
      const id = await this.deps.repos.write((tx) =>
        this.deps.repos.media.insert(tx, {
          name,
          format: image.format,
          originalWidth: image.width,
          originalHeight: image.height,
          originalBytes: data.length,
          width: size.width,
          height: size.height,
          variants: variants.map((v) => v.variant),
          ...text,
          uploadedBy: actor.id,
          createdAt: now,
        }),
      { invalidates: [] });
      return (await this.deps.repos.media.byId(id))!;
    } catch (e) {
      // No row, no files: a failed write leaves nothing in the store.
      await this.store.delete(keys).catch(() => {});
      throw e;
    }
  }

  /**
   * An image brought from elsewhere (the WordPress import's `--uploads`): checked and turned into
   * variants like an upload, its row written in the caller's transaction (`tx`) so it lands with
   * whatever records where it came from. Alt text may be empty: the old site may have had none.
   * Null when the bytes are not an image the library takes.
   */
  async importImage(tx: Tx, data: Buffer, text: MediaText, uploadedBy: number | null, createdAt: string): Promise<MediaItem | null> {
    const file = await this.checkFile({ data, tooLarge: false, alt: '', caption: '', credit: '' });
    if ('code' in file) return null;
    const { image } = file;
    const { name, size, variants } = await this.storeFiles(data, image);
    const trimmed = { alt: text.alt.trim().slice(0, TEXT_LIMITS.alt), caption: text.caption.trim().slice(0, TEXT_LIMITS.caption), credit: text.credit.trim().slice(0, TEXT_LIMITS.credit) };
    const id = await this.deps.repos.media.insert(tx, {
      name, format: image.format, originalWidth: image.width, originalHeight: image.height, originalBytes: data.length,
      width: size.width, height: size.height, variants: variants.map((v) => v.variant), ...trimmed, uploadedBy, createdAt,
    });
    return this.deps.repos.media.byId(id, tx);
  }

  /**
   * The image's variants made and written with its original, under a new name. When the store
   * fails part-way, what was written is removed (as far as the store lets us) and `Unavailable`
   * is thrown: the row is only written after every file is in place.
   */
  private async storeFiles(data: Buffer, image: CheckedImage) {
    const size = servedSize(image.width, image.height);
    const variants = await makeVariants(this.load, data, size, image.hasAlpha);
    // Random (unguessable) and content-derived; two uploads of one file stay independent.
    const hex = createHash('sha256').update(data).update(randomBytes(16)).digest('hex').slice(0, 20);
    const name = mediaName(hex, size.width, size.height);
    const ext = image.format === 'jpeg' ? 'jpg' : image.format;
    // The original (with whatever metadata it had) is kept for regenerating, never served.
    const files = [{ file: `original.${ext}`, data, type: `image/${image.format}` }, ...variants.map((v) => ({ file: v.file, data: v.data, type: CONTENT_TYPES[v.variant.format] }))];
    const keys = files.map((f) => objectKey(name, f.file));
    try {
      // A few at a time: a bucket answers each PUT in a round trip.
      // Each batch settles whole before the clean-up: a PUT still in flight would land after it.
      for (let i = 0; i < files.length; i += 4) {
        const done = await Promise.allSettled(files.slice(i, i + 4).map((f) => this.store.put(objectKey(name, f.file), f.data, f.type)));
        const failed = done.find((d) => d.status === 'rejected');
        if (failed) throw failed.reason;
      }
    } catch (e) {
      await this.store.delete(keys).catch(() => {});
      throw e;
    }
    return { name, size, variants, keys };
  }

  /** Every stored key of an image (its original and variants), as listed by the store. */
  async keysOf(name: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const o of this.store.list(`${name}/`)) keys.push(o.key);
    return keys;
  }

  /**
   * A served file (a variant, never the original) read from the store: null for a name of
   * another shape or a file that is not there; `Unavailable` when the store cannot answer.
   */
  async file(name: string, file: string) {
    const p = parseMediaFile(name, file);
    if (!p) return null;
    const o = await this.store.get(objectKey(name, file));
    return o && { body: o.body, size: o.size, type: CONTENT_TYPES[p.format] };
  }

  /** The file's problem, or the checked image. */
  private async checkFile(input: Upload): Promise<Problem | { data: Buffer; image: CheckedImage }> {
    if (input.tooLarge || (input.data && input.data.length > this.deps.maxBytes)) return { field: 'file', code: 'file_too_large', params: { max: this.maxMegabytes } };
    if (!input.data || input.data.length === 0) return { field: 'file', code: 'required' };
    const c = await checkImage(input.data, this.maxPixels, this.load);
    if (c.ok) return { data: input.data, image: c };
    return c.reason === 'too_many_pixels' ? { field: 'file', code: 'image_too_large', params: { max: this.maxPixels / 1_000_000 } } : { field: 'file', code: 'not_an_image' };
  }

  async list(actor: Account, q: { text?: string; page?: number; perPage: number }): Promise<MediaPage> {
    if (!canDo(actor, 'media.upload')) throw new Forbidden('media.upload');
    const page = Math.max(1, Math.min(q.page ?? 1, 10_000));
    const text = q.text?.trim().slice(0, 200);
    const r = await this.deps.repos.media.list({ ...(text && { text }), limit: q.perPage, offset: (page - 1) * q.perPage });
    return { items: r.items, total: r.total, page, pages: Math.max(1, Math.ceil(r.total / q.perPage)) };
  }

  /** Images that published articles of the edition lead with, each with its article (the WordPress REST API). */
  async published(q: PublishedMediaQuery): Promise<{ items: PublishedMedia[]; total: number }> {
    return this.deps.repos.published.media(q);
  }

  /** Library ids by image name (an article's featured image address names its image). */
  async idsByNames(names: readonly string[]): Promise<Map<string, number>> {
    return this.deps.repos.published.mediaIdsByNames(names);
  }

  async get(actor: Account, id: number): Promise<MediaItem> {
    if (!canDo(actor, 'media.upload')) throw new Forbidden('media.upload');
    const m = await this.deps.repos.media.byId(id);
    if (!m) throw new NotFound('media');
    return m;
  }

  /** May `actor` edit or delete this image (the UI only hides what would be refused). */
  may(actor: Account, action: MediaAction, m: MediaItem): boolean {
    return canDo(actor, 'media.upload') && canDoToMedia(actor, action, { uploaderId: m.uploadedBy?.id ?? null });
  }

  async update(actor: Account, id: number, input: MediaText): Promise<MediaItem> {
    const m = await this.get(actor, id);
    if (!this.may(actor, 'media.edit', m)) throw new Forbidden('media.edit');
    const { text, problems } = this.text(input);
    if (problems.length) throw new Invalid(problems);
    const now = this.deps.clock.now().toISOString();
    await this.deps.repos.write(async (tx, touch) => {
      await this.deps.repos.media.updateText(tx, id, { ...text, updatedAt: now });
      await this.touchShowing(tx, touch, m.name);
    }, { invalidates: [] });
    return (await this.deps.repos.media.byId(id))!;
  }

  /**
   * Removes the row, then the files. Articles that still point at the image keep their HTML
   * (the image stops loading), as in WordPress; the row goes first so a crash in between
   * leaves unreferenced files, never a row whose files are gone.
   */
  async delete(actor: Account, id: number): Promise<void> {
    const m = await this.get(actor, id);
    if (!this.may(actor, 'media.delete', m)) throw new Forbidden('media.delete');
    await this.deps.repos.write(async (tx, touch) => {
      await this.deps.repos.media.delete(tx, id);
      await this.touchShowing(tx, touch, m.name);
    }, { invalidates: [] });
    try {
      await this.store.delete(await this.keysOf(m.name));
    } catch (e) {
      // Left for `khabar media check` to list (objects with no row).
      this.deps.log?.(`media ${m.name}: files not removed: ${(e as Error).message}`);
    }
  }

  /**
   * An image's text shows in the REST API's objects of it (alt, caption, credit): the articles
   * that show it are touched, so their answers are purged. Their pages keep their own copy of the
   * text, so an article's key costs a page render at most.
   */
  private async touchShowing(tx: Tx, touch: Touch, name: string): Promise<void> {
    for (const id of await this.deps.repos.articles.showingMedia(tx, name)) touch(invalidates.article(id));
  }
}
