import type { Config } from '../config.ts';
import { reindexAll } from '../services/search/indexer.ts';
import { openRuntime } from './bootstrap.ts';
import { type Command, UsageError } from './command-line.ts';

const WIDTH = 30;

/** A one-line progress bar on a terminal; on a pipe, a line per tenth (logs stay readable). */
export function progressBar(out: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown }) {
  let lastTenth = -1;
  return (done: number, total: number) => {
    const ratio = total ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * WIDTH);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}`;
    if (out.isTTY) out.write(`\r${line}`);
    else if (Math.floor(ratio * 10) > lastTenth) {
      lastTenth = Math.floor(ratio * 10);
      out.write(`${line}\n`);
    }
  };
}

/** `khabar reindex`: rebuilds the search index from the articles, in one transaction. */
export async function reindex(config: Config, out: NodeJS.WriteStream = process.stderr): Promise<string> {
  const rt = await openRuntime(config);
  try {
    const started = Date.now();
    const n = await reindexAll(rt.repos, progressBar(out));
    if (out.isTTY) out.write('\n');
    return `indexed ${n} article${n === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  } finally {
    await rt.close();
  }
}

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'rebuild the search index',
  help: `usage: khabar reindex [options]

Rebuilds the search index from the articles, in one transaction: a progress bar on a terminal
(on standard error; a line per tenth when it is not a terminal), then how many were indexed.
The site keeps answering searches from the old index until the new one is committed.`,
  options: {},
  async run(config, args) {
    if (args.length) throw new UsageError('reindex takes no arguments', 'reindex');
    return `khabar: ${await reindex(config)}`;
  },
};
