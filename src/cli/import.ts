import { readFile } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { importArticles } from '../services/importer/import-json.ts';
import { openRuntime } from './bootstrap.ts';

/** `khabar import FILE`: articles in the seed's JSON shape, all or nothing. */
export async function importFile(config: Config, file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const rt = await openRuntime(config);
  try {
    const r = await importArticles(text, rt);
    const sched = r.scheduled.length ? ` (${r.scheduled.length} scheduled for later: ${r.scheduled.join(', ')})` : '';
    return `imported ${r.imported} article${r.imported === 1 ? '' : 's'}: ${r.ids.join(', ')}${sched}`;
  } finally {
    await rt.close();
  }
}
