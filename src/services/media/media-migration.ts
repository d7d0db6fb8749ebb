import { invalidates } from '../../domain/invalidation.ts';
import type { ImageFormat, MediaVariant } from '../../domain/media.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { canonicalMediaReferences } from './media-references.ts';
import type { MediaStore } from './media-store.ts';
import { CONTENT_TYPES, objectKey, parseObjectKey, variantFile } from './media-urls.ts';

const PAGE = 100;

/** The files the library keeps for one image: its original and every variant the row lists. */
export function expectedFiles(m: { format: ImageFormat; variants: readonly MediaVariant[] }): { file: string; type: string }[] {
  const ext = m.format === 'jpeg' ? 'jpg' : m.format;
  return [...m.variants.map((v) => ({ file: variantFile(v.width, v.format), type: CONTENT_TYPES[v.format] })), { file: `original.${ext}`, type: `image/${m.format}` }];
}

async function readAll(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

export interface MediaMigrationReport {
  from: string;
  to: string;
  images: number;
  /** Files written to the new store by this run. */
  copied: number;
  /** Files the new store already had (an earlier run, or a shared folder): left as they were. */
  present: number;
  bytes: number;
  /** Files a row expects that the old store does not have (`khabar media check` lists them too). */
  missing: string[];
  /** Rows rewritten so that they keep the store-independent form of an image's address. */
  articles: number;
  revisions: number;
  editions: number;
}

/**
 * Copies every image of the library (originals and variants) from one store to another, then
 * turns every address of a library image kept in articles (bodies, lead and card images, saved
 * revisions) and editions (logo, share image) that names an old place (`bases`) into the form
 * that names none. Re-runnable: a file the new store has is skipped, an address already in
 * that form is left alone. The old store is not emptied: instances still reading it keep
 * working until they are pointed at the new one.
 */
export async function migrateMedia(deps: {
  repos: Repositories;
  from: MediaStore;
  to: MediaStore;
  bases: readonly string[];
  onProgress?: (done: number, total: number) => void;
}): Promise<MediaMigrationReport> {
  const { repos, from, to } = deps;
  const refs = repos.mediaReferences;
  const report: MediaMigrationReport = { from: from.name, to: to.name, images: 0, copied: 0, present: 0, bytes: 0, missing: [], articles: 0, revisions: 0, editions: 0 };
  const total = await refs.countImages();
  deps.onProgress?.(0, total);
  for (let after = 0; ;) {
    const page = await refs.images(after, PAGE);
    if (!page.length) break;
    for (const m of page) {
      await Promise.all(expectedFiles(m).map(async (f) => {
        const key = objectKey(m.name, f.file);
        if (await to.head(key)) {
          report.present++;
          return;
        }
        const o = await from.get(key);
        if (!o) {
          report.missing.push(key);
          return;
        }
        const data = await readAll(o.body);
        await to.put(key, data, f.type);
        report.copied++;
        report.bytes += data.length;
      }));
      report.images++;
      deps.onProgress?.(report.images, total);
    }
    after = page[page.length - 1]!.id;
  }

  const bases = deps.bases;
  const fix = (url: string | null) => (url === null ? null : canonicalMediaReferences(url, bases));
  for (let after = 0; ;) {
    const page = await refs.articles(bases, after, PAGE);
    if (!page.length) break;
    const changed = page.map((a) => ({ ...a, bodyHtml: canonicalMediaReferences(a.bodyHtml, bases), featuredImageUrl: fix(a.featuredImageUrl), cardImageUrl: fix(a.cardImageUrl) }))
      .filter((a, i) => a.bodyHtml !== page[i]!.bodyHtml || a.featuredImageUrl !== page[i]!.featuredImageUrl || a.cardImageUrl !== page[i]!.cardImageUrl);
    if (changed.length) {
      // A bulk change: each touched edition's pages at once, not an article's keys each.
      await repos.write(async (tx) => {
        for (const a of changed) await refs.updateArticle(tx, a);
      }, { invalidates: [...new Set(changed.map((a) => a.edition))].map(invalidates.edition) });
      report.articles += changed.length;
    }
    after = page[page.length - 1]!.id;
  }
  for (let after = 0; ;) {
    const page = await refs.revisions(bases, after, PAGE);
    if (!page.length) break;
    const changed = page.map((r) => ({ id: r.id, bodyHtml: canonicalMediaReferences(r.bodyHtml, bases) })).filter((r, i) => r.bodyHtml !== page[i]!.bodyHtml);
    if (changed.length) {
      // Saved revisions are on no public page.
      await repos.write(async (tx) => {
        for (const r of changed) await refs.updateRevision(tx, r.id, r.bodyHtml);
      }, { invalidates: [] });
      report.revisions += changed.length;
    }
    after = page[page.length - 1]!.id;
  }
  const editions = (await refs.editionImages())
    .map((e) => ({ before: e, after: { code: e.code, logoUrl: fix(e.logoUrl), shareImageUrl: fix(e.shareImageUrl) } }))
    .filter((e) => e.after.logoUrl !== e.before.logoUrl || e.after.shareImageUrl !== e.before.shareImageUrl);
  if (editions.length) {
    await repos.write(async (tx) => {
      for (const e of editions) await refs.updateEditionImages(tx, e.after);
    }, { invalidates: editions.map((e) => invalidates.edition(e.after.code)) });
    report.editions = editions.length;
  }
  return report;
}

export interface MediaCheckReport {
  store: string;
  images: number;
  objects: number;
  /** Keys in the store that belong to no image of the library (another shape, or a name with no row). */
  orphans: string[];
  /** Keys a row expects that the store does not have. */
  missing: string[];
}

/** Compares the store with the library: objects with no row, rows with files missing. */
export async function checkMedia(deps: { repos: Repositories; store: MediaStore }): Promise<MediaCheckReport> {
  const { repos, store } = deps;
  const expected = new Set<string>();
  let images = 0;
  for (let after = 0; ;) {
    const page = await repos.mediaReferences.images(after, 1000);
    if (!page.length) break;
    for (const m of page) for (const f of expectedFiles(m)) expected.add(objectKey(m.name, f.file));
    images += page.length;
    after = page[page.length - 1]!.id;
  }
  const names = await repos.mediaReferences.names();
  const orphans: string[] = [];
  let objects = 0;
  for await (const o of store.list()) {
    objects++;
    const k = parseObjectKey(o.key);
    // A file of a known image that its row does not list (regenerated sizes) is not an orphan.
    if (expected.delete(o.key) || (k && names.has(k.name))) continue;
    orphans.push(o.key);
  }
  return { store: store.name, images, objects, orphans, missing: [...expected].sort() };
}
