import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storeUnavailable, type MediaStore, type StoredObject } from './media-store.ts';
import { parseObjectKey } from './media-urls.ts';

const TEMP = /^\.(incoming-|tmp-)/;
const missing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

/**
 * The media folder on disk (MEDIA_STORE=file:<dir>, MEDIA_DIR): a folder per image, its files
 * inside. Each file is written under a hidden temporary name and renamed into place, so a
 * half-written file is never served. Only keys of the library's own shape reach the disk.
 */
export class FileStore implements MediaStore {
  readonly name: string;
  readonly address = null;

  constructor(readonly dir: string) {
    this.name = `file:${dir}`;
  }

  private path(key: string): string {
    const k = parseObjectKey(key);
    if (!k) throw new Error(`not a media key: ${key}`);
    return join(this.dir, k.name, k.file);
  }

  private fail(e: unknown): never {
    throw storeUnavailable({ kind: 'file', dir: this.dir }, e);
  }

  async put(key: string, data: Buffer, _contentType?: string): Promise<void> {
    const path = this.path(key);
    const folder = join(path, '..');
    const tmp = join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(tmp, data, { flag: 'wx' });
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => {});
      this.fail(e);
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    const path = this.path(key);
    try {
      const s = await stat(path);
      return s.isFile() ? { key, size: s.size } : null;
    } catch (e) {
      if (missing(e)) return null;
      this.fail(e);
    }
  }

  async get(key: string) {
    const found = await this.head(key);
    if (!found) return null;
    return { ...found, body: createReadStream(this.path(key)) };
  }

  async delete(keys: readonly string[]): Promise<void> {
    const folders = new Set<string>();
    try {
      for (const key of keys) {
        const path = this.path(key);
        await rm(path, { force: true });
        folders.add(join(path, '..'));
      }
    } catch (e) {
      this.fail(e);
    }
    // An image's folder goes with its last file.
    for (const f of folders) await rmdir(f).catch(() => {});
  }

  async *list(prefix = ''): AsyncIterable<StoredObject> {
    let names: string[];
    try {
      // One image's files (`<name>/`, what a deletion asks for) are one folder: no need to read the rest.
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.indexOf('/')) : null;
      names = folder !== null ? [folder] : (await readdir(this.dir)).sort();
    } catch (e) {
      if (missing(e)) return;
      this.fail(e);
    }
    for (const name of names) {
      if (TEMP.test(name) || name.includes('..') || !`${name}/`.startsWith(prefix.slice(0, name.length + 1))) continue;
      const files = await readdir(join(this.dir, name)).catch(() => [] as string[]);
      for (const file of files.sort()) {
        const key = `${name}/${file}`;
        if (TEMP.test(file) || !key.startsWith(prefix)) continue;
        const s = await stat(join(this.dir, name, file)).catch(() => null);
        if (s?.isFile()) yield { key, size: s.size };
      }
    }
  }

  /**
   * Removes temporary files (and the older code's temporary folders) a crash left behind. Only
   * old ones: another instance sharing the folder may be writing one right now.
   */
  async sweep(now: Date, olderThanMs = 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    const old = async (path: string) => {
      const s = await stat(path).catch(() => null);
      return s !== null && now.getTime() - s.mtimeMs > olderThanMs;
    };
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    for (const e of entries) {
      const path = join(this.dir, e);
      if (TEMP.test(e)) {
        if (await old(path)) {
          await rm(path, { recursive: true, force: true });
          removed++;
        }
        continue;
      }
      for (const f of (await readdir(path).catch(() => [] as string[])).filter((x) => TEMP.test(x))) {
        if (await old(join(path, f))) {
          await rm(join(path, f), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}
