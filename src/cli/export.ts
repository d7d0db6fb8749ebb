import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Config } from '../config.ts';
import { Urls } from '../services/editions/urls.ts';
import { type ExportCounts, exportWxr } from '../services/exporter/wxr-export.ts';
import { openRuntime } from './bootstrap.ts';
import { type Command, CommandError, str, UsageError } from './command-line.ts';

/**
 * `khabar export FILE.xml`: one edition as a WordPress export. Written to FILE.xml.partial and
 * renamed at the end, so a failed or interrupted export never leaves a file that looks whole.
 */
export async function exportFile(config: Config, file: string, edition: string | undefined): Promise<ExportCounts> {
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new CommandError(`${file} is a folder, not a file`);
  const partial = `${file}.partial`;
  const rt = await openRuntime(config);
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([e]) => {
    throw e;
  });
  failed.catch(() => {});
  try {
    const urls = new Urls(config.siteUrl ?? `http://localhost:${config.port}`, config.mediaPublicUrl);
    const counts = await exportWxr(rt.repos, urls, {
      edition,
      now: rt.clock.now(),
      // Waits when the disk is slower than the database: the reading never runs ahead of the file.
      write: async (chunk) => {
        if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      },
    });
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await rename(partial, file);
    return counts;
  } catch (e) {
    // The file may still be opening: removed only once the stream has closed, or it comes back.
    if (!out.closed) {
      const closed = once(out, 'close');
      out.destroy();
      await closed;
    }
    await rm(partial, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CommandError(`cannot write ${file}: no such folder`);
    if (code === 'EACCES') throw new CommandError(`cannot write ${file}: permission denied`);
    throw e;
  } finally {
    await rt.close();
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write an edition as a WordPress export file (WXR)',
  help: `usage: khabar export FILE.xml [--edition CODE]

Writes one edition — a WordPress file holds one site — as a WordPress eXtended RSS file
(WXR 1.2), which WordPress's importer (Tools → Import → WordPress) reads:
posts and pages of every status with their dates, slugs, excerpts and stickiness; their
authors (display name and login only, no e-mail or password); sections and tags; comments
of every status with their threads; the media library as attachments at their public
addresses, and featured images. What came from WordPress keeps its WordPress ids.

The file holds commenters' e-mail and IP addresses: keep it as private as the database.
It is written while the database is read (any size), to FILE.xml.partial first.`,
  options: {
    edition: { type: 'string', arg: 'CODE', help: 'the edition to write (default: the default edition)' },
  },
  async run(config, args, values) {
    if (args.length !== 1) throw new UsageError(args.length ? 'export takes one FILE' : 'export needs a FILE', 'export');
    const c = await exportFile(config, args[0]!, str(values.edition));
    return `khabar: exported the ${c.edition} edition to ${args[0]}: ${plural(c.posts, 'post')}, ${plural(c.pages, 'page')}, ${plural(c.comments, 'comment')}, ${plural(c.attachments, 'attachment')}, ${plural(c.categories, 'category', 'categories')}, ${plural(c.tags, 'tag')}, ${plural(c.authors, 'author')}`;
  },
};
