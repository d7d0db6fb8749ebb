import { stat } from 'node:fs/promises';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { excerptOf, htmlToText } from '../../platform/html/sanitize.ts';
import { moduleWorker } from '../../platform/module-worker.ts';
import { type PreparedTokens, searchTokens } from '../search/indexer.ts';
import { type ConvertedContent, convertWordPressContent, type WordPressAttachment } from './wordpress-content.ts';
import { readWxr, WxrError, type WxrItem } from './wxr.ts';

/**
 * The second pass's pure work on each post and page — reading it out of the file, converting and
 * sanitising its body, the text of its body, excerpt and comments, and its search tokens — apart
 * from the writes, so that it can run on another thread while the importer's thread writes the
 * batches before (services/importer/import-wxr.ts). What it makes is what the importer made
 * itself before: the same functions, called with the same inputs.
 */

/** What the conversion of a body needs to know of the rest of the export. */
export interface PrepareContext {
  /** The locale of the edition the posts go into (their search tokens are analysed for it). */
  locale: string;
  /** Every attachment of the export by WordPress id, as galleries and featured images show it. */
  attachments: [number, WordPressAttachment][];
  /** Attachment ids by their parent post, in file order (a `[gallery]` without ids shows these). */
  postAttachments: [number, number[]][];
  /** Old upload URLs (and their sized copies' stem) → the library's address (with `--uploads`), else null. */
  mediaUrls: [string, string][] | null;
}

/** An item of the file, and, for a post or page to import, its body converted and its texts. */
export interface PreparedItem {
  /** As read; a prepared item's `content` is emptied (its converted body is in `converted`). */
  item: WxrItem;
  prepared: {
    converted: ConvertedContent;
    /** `htmlToText` of the converted body, as the article service stores it. */
    bodyText: string;
    /** The excerpt as text, as the importer gives it to the article service. */
    excerpt: string;
    /** A post's search tokens, made from the title, excerpt and text the article will have. */
    tokens: PreparedTokens | null;
    /** Each comment's content as text (trimmed), in order. */
    commentTexts: string[];
  } | null;
}

/** Whether the importer brings an item over (a post or page, not WordPress's own working copy). */
export function importable(it: WxrItem): boolean {
  return (it.type === 'post' || it.type === 'page') && it.status !== 'auto-draft' && it.status !== 'inherit';
}

/** An article's title as the importer makes it (the article service then trims it). */
export function importedTitle(it: WxrItem): string {
  return (it.title.trim() || `(${it.type} ${it.id})`).slice(0, 500);
}

/** An upload URL without WordPress's `-300x200` size suffix: sized copies map to the same image. */
export function uploadStem(url: string): string {
  return url.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
}

/** Prepares items one by one with a context (the inline path, and the worker's own loop). */
export function itemPreparer(ctx: PrepareContext): (it: WxrItem) => PreparedItem {
  const attachments = new Map(ctx.attachments);
  const byParent = new Map(ctx.postAttachments);
  const media = ctx.mediaUrls && new Map(ctx.mediaUrls);
  const mediaUrl = media ? (old: string) => media.get(old) ?? media.get(uploadStem(old)) : undefined;
  const attachment = (id: number) => attachments.get(id);
  return (it) => {
    if (!importable(it)) return { item: it, prepared: null };
    // Galleries name their pictures by attachment id ([gallery ids="…"]) or take the post's own.
    const converted = convertWordPressContent(it.content, {
      ...(mediaUrl && { mediaUrl }),
      attachment,
      postAttachments: () => (byParent.get(it.id) ?? []).flatMap((id) => attachments.get(id) ?? []),
    });
    const bodyText = htmlToText(converted.html);
    const excerpt = htmlToText(it.excerpt).trim();
    // The title, excerpt and text the article service stores (article-record.ts): the indexer
    // checks that they are, and uses these tokens only then.
    const title = importedTitle(it).trim();
    const storedExcerpt = excerpt.trim() || excerptOf(bodyText);
    const tokens = it.type === 'post'
      ? { locale: ctx.locale, title, excerpt: storedExcerpt, bodyText, tokens: searchTokens({ title, excerpt: storedExcerpt, bodyText }, ctx.locale) }
      : null;
    const commentTexts = it.comments.map((c) => htmlToText(c.content).trim());
    return { item: { ...it, content: '' }, prepared: { converted, bodyText, excerpt, tokens, commentTexts } };
  };
}

/**
 * Items (not attachments) prepared per message, and how many messages may wait unread: memory
 * stays flat. Few per message, because a message copies its items when it is sent: until then
 * they are garbage-in-waiting, and fifty outlived the worker's young generation (about ten posts
 * of allocation), so V8 moved every prepared post to the old generation and collected it there
 * (101 full collections in the worker for 20,000 posts). Five at a time: 33, and the import's
 * CPU 28 → 21 s (npm run bench:import-wxr -- --posts 20000, runs interleaved). The same 200 ahead.
 */
const ITEMS_PER_MESSAGE = 5;
const MESSAGES_AHEAD = 40;
/** The worker's heap: a few messages of items, the file's chunks, and the bundle's code. */
const WORKER_HEAP_MIB = 96;
/**
 * Its young generation: V8's default let the import peak at 257 MiB resident, 237 with 8 MiB (the
 * same CPU). 16 MiB: a 20,000-post import 2 % faster (fewer collections), 272 MiB at 200,000 posts.
 */
const WORKER_YOUNG_MIB = 16;
const ROLE = 'khabar:wxr-prepare';

type FromWorker = { items: PreparedItem[] } | { done: true } | { error: string; wxr: boolean };

/**
 * The file's items (attachments left out, done before), prepared, in file order: on a worker
 * thread when `inWorker` (it reads and converts ahead of the caller, a few messages at most),
 * else here, as they are read. An error of the worker's is thrown here with what it said.
 */
export async function* preparedItems(path: string, ctx: PrepareContext, inWorker: boolean): AsyncGenerator<PreparedItem> {
  if (!inWorker) {
    const prepare = itemPreparer(ctx);
    for await (const r of readWxr(path)) if (r.kind === 'item' && r.item.type !== 'attachment') yield prepare(r.item);
    return;
  }
  const worker = moduleWorker(import.meta.url, { role: ROLE, path, ctx }, { maxOldGenerationSizeMb: WORKER_HEAP_MIB, maxYoungGenerationSizeMb: WORKER_YOUNG_MIB });
  const queue: FromWorker[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: FromWorker) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (e: Error & { code?: string }) => {
    failure = new Error(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `preparing the posts ran out of its ${WORKER_HEAP_MIB} MiB of heap (one post's body is too large?)`
      : `preparing the posts failed: ${e.message}`);
    notify();
  });
  worker.on('exit', (code) => {
    ended = true;
    if (code !== 0 && !failure) failure = new Error(`preparing the posts stopped (its thread exited with ${code})`);
    notify();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        if (ended) throw new Error('preparing the posts stopped before the end of the file');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if ('error' in m) throw m.wxr ? new WxrError(m.error) : new Error(`preparing the posts failed: ${m.error}`);
      if ('done' in m) return;
      worker.postMessage('more'); // this message is read: the worker may send another
      for (const p of m.items) if (p.prepared?.tokens) p.prepared.tokens.bodyText = p.prepared.bodyText; // sent once (see runWorker)
      yield* m.items;
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's loop: reads and prepares, at most MESSAGES_AHEAD messages ahead of the importer. */
async function runWorker(path: string, ctx: PrepareContext): Promise<void> {
  const port = parentPort!;
  let credit = MESSAGES_AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credit++;
    wake?.();
    wake = null;
  });
  try {
    const prepare = itemPreparer(ctx);
    let items: PreparedItem[] = [];
    const send = async () => {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      port.postMessage({ items } satisfies FromWorker);
      items = [];
    };
    for await (const r of readWxr(path)) {
      if (r.kind !== 'item' || r.item.type === 'attachment') continue;
      const p = prepare(r.item);
      // The body's text goes once: a message copies each string it holds, however often it holds it.
      if (p.prepared?.tokens) p.prepared.tokens.bodyText = '';
      items.push(p);
      if (items.length >= ITEMS_PER_MESSAGE) await send();
    }
    if (items.length) await send();
    port.postMessage({ done: true } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e), wxr: e instanceof WxrError } satisfies FromWorker);
  }
  // The importer ends this thread once it has read the last message.
}

/** Whether an import of this file prepares its posts on a worker thread: worth its start-up for a file of some size. */
export async function prepareInWorker(path: string): Promise<boolean> {
  return (await stat(path)).size >= 2 * 1024 * 1024;
}

// This module is the worker's code too (in dist/, the whole bundle is; only this starts it).
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const { path, ctx } = workerData as { path: string; ctx: PrepareContext };
  void runWorker(path, ctx);
}
