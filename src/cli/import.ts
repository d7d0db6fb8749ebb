import { open, readFile } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { importArticles } from '../services/importer/import-json.ts';
import { importWxr, WxrImportError, type WxrImportOptions, WxrImportStopped } from '../services/importer/import-wxr.ts';
import { WxrError } from '../services/importer/wxr.ts';
import { MediaService } from '../services/media/media.ts';
import { configuredMediaStore } from '../services/media/open-media-store.ts';
import { openRuntime } from './bootstrap.ts';
import { recordCli } from './cli-audit.ts';
import { type Command, type CommandOutcome, CommandError, str, UsageError } from './command-line.ts';
import { formatWxrReport, progressReporter, wxrExitCode } from './import-report.ts';

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
    await recordCli(rt, { action: 'import.json', target: file, detail: `${r.imported} articles` });
    const sched = r.scheduled.length ? ` (${r.scheduled.length} scheduled for later: ${r.scheduled.join(', ')})` : '';
    return `imported ${r.imported} article${r.imported === 1 ? '' : 's'}: ${r.ids.join(', ')}${sched}`;
  } finally {
    await rt.close();
  }
}

/** What the file is, by its first bytes: XML (a WordPress export) or anything else (JSON). */
async function looksLikeXml(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return false; // readText says why
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('<');
  } finally {
    await handle.close();
  }
}

/** `khabar import export.xml`: a WordPress export, with the report and the exit code (0, 2, or 1 when nothing was written). */
export async function importWordPress(config: Config, file: string, opts: WxrImportOptions & { json?: boolean; tty?: boolean }): Promise<CommandOutcome> {
  // Checkpoints (copying the log into the database file, and its fsyncs) on another thread: run
  // at commits they stalled the import (4.7 of its 10 s of SQL, 20,000 posts).
  const rt = await openRuntime(config, { bulkLoad: true, backgroundCheckpoints: true });
  try {
    const media = new MediaService({ repos: rt.repos, clock: rt.clock, store: configuredMediaStore(config), maxBytes: config.mediaMaxBytes });
    const progress = progressReporter(process.stderr, opts.tty ?? process.stderr.isTTY === true, rt.clock);
    const report = await importWxr(file, { repos: rt.repos, articles: rt.articles, clock: rt.clock, secret: rt.secret, media }, { ...opts, onProgress: progress.update });
    progress.end();

    if (!opts.dryRun) await recordCli(rt, { action: 'import.wordpress', target: file, detail: `exit ${wxrExitCode(report)}` });
    return { output: opts.json ? JSON.stringify(report, null, 2) : formatWxrReport(report), exitCode: wxrExitCode(report) };
  } catch (e) {
    if (e instanceof WxrError || e instanceof WxrImportError) throw new CommandError(`${e.message}; nothing was imported`);
    if (e instanceof WxrImportStopped) return stoppedOutcome(e, opts.json === true);
    throw e;
  } finally {
    await rt.close();
  }
}

/**
 * An import that stopped part-way (a batch's transaction failed): the report of what landed — every
 * batch before the failed one is committed — and what did not, and exit code 3.
 */
function stoppedOutcome(e: WxrImportStopped, json: boolean): CommandOutcome {
  const r = e.report;
  const landed = r.dryRun
    ? 'nothing was written (dry run)'
    : `what is counted below landed (every batch before it is committed); ${e.failed} and everything after it did not. Running the same command again completes the import`;
  const message = `khabar: ${e.message}\n${landed}`;
  if (json) {
    process.stderr.write(`${message}\n`);
    return { output: JSON.stringify({ ...r, stopped: { failed: e.failed, reason: e.cause instanceof Error ? e.cause.message : String(e.cause) } }, null, 2), exitCode: 3 };
  }
  return { output: `${formatWxrReport(r)}\n\n${message}`, exitCode: 3 };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a WordPress export (WXR) or articles from a JSON file',
  help: `usage: khabar import FILE [--edition CODE] [--uploads DIR] [--permalinks STRUCTURE] [--dry-run] [--json]

A WordPress export (Tools → Export → All content, a WXR 1.0–1.2 .xml file) or Khabar's JSON,
told apart by what the file holds.

A WordPress export brings posts, pages, comments (every status, with their threads), authors (as
byline accounts that cannot sign in until an administrator invites them), sections and tags,
featured images and attachments into one edition. The file is checked whole first: a file that is
not well-formed XML is refused at its line and column and nothing is written. Running the same file
again updates what came before and adds nothing twice; an import that was stopped is completed by
running it again. Progress goes to standard error; at the end a table of what was imported,
updated and skipped, and every skipped item with its reason. Exit code 0: everything came over;
2: finished, with skipped items; 1: nothing was written; 3: stopped part-way by an error (what
landed and what did not are reported; each batch of 200 posts is one transaction).

JSON: one article, or an array of them, in this shape (other fields are ignored):

  { "id": 14525, "edition": "ar", "title": "…", "published": "2022-02-25T18:50:00+03:00",
    "paragraphs": ["…", "…"], "comments_open": true }

Ids are kept (and unique across editions); importing an id again updates that article; a
date in the future is imported as scheduled. The whole file or nothing: when anything is
wrong, every problem is listed (article, field, reason) and nothing is written; a file that
is not JSON is reported at the line and column where it stops being JSON.`,
  options: {
    edition: { type: 'string', arg: 'CODE', help: 'the edition a WordPress export goes into (the default edition)' },
    uploads: { type: 'string', arg: 'DIR', help: 'a copy of the old site\'s wp-content/uploads: its images go into the media library' },
    permalinks: { type: 'string', arg: 'S', help: 'the old site\'s permalink structure, e.g. /%year%/%monthnum%/%day%/%postname%/ (detected)' },
    'dry-run': { type: 'boolean', help: 'read and check everything, write nothing, print the same report' },
    json: { type: 'boolean', help: 'the report as JSON on standard output' },
  },
  async run(config, args, values) {
    if (args.length !== 1) throw new UsageError(args.length ? 'import takes one FILE' : 'import needs a FILE', 'import');
    const file = args[0]!;
    if (await looksLikeXml(file)) {
      return importWordPress(config, file, {
        ...(str(values.edition) !== undefined && { edition: str(values.edition) }),
        ...(str(values.uploads) !== undefined && { uploads: str(values.uploads) }),
        ...(str(values.permalinks) !== undefined && { permalinks: str(values.permalinks) }),
        dryRun: values['dry-run'] === true,
        json: values.json === true,
      });
    }
    for (const o of ['edition', 'uploads', 'permalinks', 'dry-run', 'json']) {
      if (values[o] !== undefined) throw new UsageError(`--${o} is for a WordPress export; ${file} is not XML`, 'import');
    }
    return `khabar: ${await importFile(config, file)}`;
  },
};
