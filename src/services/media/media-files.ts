import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMediaFile } from './media-urls.ts';

/**
 * The media folder on disk: one folder per image. A new image's files are written into a
 * hidden temporary folder that is renamed into place in one step, so a half-written image is
 * never served and a failed upload leaves nothing behind.
 */
export class MediaFiles {
  constructor(readonly dir: string) {}

  /** Writes `files` as the folder `name`; throws if it exists (names are never reused). */
  async write(name: string, files: { file: string; data: Buffer }[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.incoming-${randomBytes(8).toString('hex')}`);
    try {
      await mkdir(tmp);
      for (const f of files) await writeFile(join(tmp, f.file), f.data, { flag: 'wx' });
      await rename(tmp, join(this.dir, name));
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  /**
   * Removes temporary folders a crash left behind. Only old ones: another instance sharing the
   * folder may be writing a new one right now.
   */
  async sweep(now: Date, olderThanMs = 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    for (const e of entries.filter((x) => x.startsWith('.incoming-'))) {
      const s = await stat(join(this.dir, e)).catch(() => null);
      if (s && now.getTime() - s.mtimeMs > olderThanMs) {
        await rm(join(this.dir, e), { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  async remove(name: string): Promise<void> {
    if (!/^[0-9a-f]{20}-\d+x\d+$/.test(name)) return;
    await rm(join(this.dir, name), { recursive: true, force: true });
  }

  /** A served file's path and size, or null (unknown name, the original, or no such file). */
  async find(name: string, file: string): Promise<{ path: string; size: number; format: string } | null> {
    const p = parseMediaFile(name, file);
    if (!p) return null;
    const path = join(this.dir, p.name, file);
    try {
      const s = await stat(path);
      return s.isFile() ? { path, size: s.size, format: p.format } : null;
    } catch {
      return null;
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await stat(join(this.dir, name));
      return true;
    } catch {
      return false;
    }
  }
}
