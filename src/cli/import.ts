import { readFile } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { importArticles } from '../services/importer/import-json.ts';
import { openRuntime } from './bootstrap.ts';
import { type Command, CommandError, UsageError } from './command-line.ts';

/** The file's text, or one line saying why it cannot be read. */
async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CommandError(`no such file: ${file}`);
    if (code === 'EISDIR') throw new CommandError(`${file} is a folder, not a file`);
    if (code === 'EACCES') throw new CommandError(`cannot read ${file}: permission denied`);
    throw new CommandError(`cannot read ${file}: ${code ?? (e as Error).message}`);
  }
}

/** `khabar import FILE`: articles in the seed's JSON shape, all or nothing. */
export async function importFile(config: Config, file: string): Promise<string> {
  // Read before the database is opened: a mistyped path should not create a database.
  const text = await readText(file);
  const rt = await openRuntime(config);
  try {
    const r = await importArticles(text, rt);
    const sched = r.scheduled.length ? ` (${r.scheduled.length} scheduled for later: ${r.scheduled.join(', ')})` : '';
    return `imported ${r.imported} article${r.imported === 1 ? '' : 's'}: ${r.ids.join(', ')}${sched}`;
  } finally {
    await rt.close();
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import articles from a JSON file',
  help: `usage: khabar import FILE

Imports articles from a JSON file: one article, or an array of them, in this shape
(other fields are ignored):

  { "id": 14525, "edition": "ar", "title": "…", "published": "2022-02-25T18:50:00+03:00",
    "paragraphs": ["…", "…"], "comments_open": true }

Ids are kept (and unique across editions); importing an id again updates that article; a
date in the future is imported as scheduled. The whole file or nothing: when anything is
wrong, every problem is listed (article, field, reason) and nothing is written; a file that
is not JSON is reported at the line and column where it stops being JSON.`,
  options: {},
  async run(config, args) {
    if (args.length !== 1) throw new UsageError(args.length ? 'import takes one FILE' : 'import needs a FILE', 'import');
    return `khabar: ${await importFile(config, args[0]!)}`;
  },
};
