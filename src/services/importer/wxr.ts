import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { detached } from '../../platform/detached-string.ts';
import { moduleWorker } from '../../platform/module-worker.ts';
import { XmlReader } from './xml-read.ts';
import { type XmlHandler, XmlScanner, XmlSyntaxError } from './xml-scan.ts';

/**
 * A WordPress export (WXR 1.0–1.2) read as a stream of plain records: the channel's facts, its
 * authors, its terms, and each item with its postmeta and comments. The file is never held in
 * memory: the parser is fed chunk by chunk and each record is handed over when its element closes.
 * Elements are matched by namespace (any `http://wordpress.org/export/1.x/`), not by prefix, so a
 * file that binds `wp:` to something else is not mistaken for WordPress's.
 */

export interface WxrChannel {
  title: string;
  link: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
}

export interface WxrAuthor {
  id: number | null;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/** `wp:category`, `wp:tag` and `wp:term` as one shape; `taxonomy` is WordPress's name (`category`, `post_tag`, …). */
export interface WxrTerm {
  id: number | null;
  taxonomy: string;
  /** As in the file (may be percent-encoded). */
  slug: string;
  name: string;
  parentSlug: string;
  description: string;
}

export interface WxrComment {
  id: number;
  author: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  date: string;
  dateGmt: string;
  content: string;
  /** `1`, `0`, `spam`, `trash`, `post-trashed`. */
  approved: string;
  type: string;
  parent: number;
  userId: number;
}

export interface WxrItemTerm {
  /** `category`, `post_tag`, `post_format`, … */
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrItem {
  id: number;
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  date: string;
  dateGmt: string;
  modified: string;
  modifiedGmt: string;
  commentStatus: string;
  /** `post_name`, as in the file (may be percent-encoded). */
  name: string;
  status: string;
  parent: number;
  menuOrder: number;
  type: string;
  password: string;
  sticky: boolean;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: { key: string; value: string }[];
  comments: WxrComment[];
}

export type WxrRecord =
  | { kind: 'channel'; channel: WxrChannel }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

/** The file is not well-formed XML, or not a WordPress export: where and why. */
export class WxrError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(line !== null ? `the file is not well-formed XML: line ${line}, column ${column}: ${reason}` : reason);
    this.name = 'WxrError';
  }
}

const WP = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const EXCERPT = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/;
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const DC = 'http://purl.org/dc/elements/1.1/';

/** An element as the scanner and the reader report it. */
interface Tag {
  uri: string;
  local: string;
  attributes: Record<string, string | { value: string }>;
}

/** An element's name with WordPress's usual prefix, whatever prefix the file bound the namespace to. */
function keyOf(t: Tag): string {
  const uri = t.uri;
  if (!uri) return t.local;
  if (WP.test(uri)) return `wp:${t.local}`;
  if (EXCERPT.test(uri)) return `excerpt:${t.local}`;
  if (uri === CONTENT) return `content:${t.local}`;
  if (uri === DC) return `dc:${t.local}`;
  return `?${t.local}`; // another namespace: never one of ours
}

const int = (s: string | undefined): number => {
  const n = Number.parseInt((s ?? '').trim(), 10);
  return Number.isFinite(n) ? n : 0;
};
const intOrNull = (s: string | undefined): number | null => (s !== undefined && s.trim() !== '' && Number.isFinite(Number(s.trim())) ? Number(s.trim()) : null);

type Fields = Record<string, string>;

function author(f: Fields): WxrAuthor {
  return {
    id: intOrNull(f['wp:author_id']),
    login: (f['wp:author_login'] ?? '').trim(),
    email: (f['wp:author_email'] ?? '').trim(),
    displayName: (f['wp:author_display_name'] ?? '').trim(),
    firstName: (f['wp:author_first_name'] ?? '').trim(),
    lastName: (f['wp:author_last_name'] ?? '').trim(),
  };
}

function term(element: string, f: Fields): WxrTerm {
  if (element === 'wp:category') {
    return { id: intOrNull(f['wp:term_id']), taxonomy: 'category', slug: (f['wp:category_nicename'] ?? '').trim(), name: f['wp:cat_name'] ?? '', parentSlug: (f['wp:category_parent'] ?? '').trim(), description: f['wp:category_description'] ?? '' };
  }
  if (element === 'wp:tag') {
    return { id: intOrNull(f['wp:term_id']), taxonomy: 'post_tag', slug: (f['wp:tag_slug'] ?? '').trim(), name: f['wp:tag_name'] ?? '', parentSlug: '', description: f['wp:tag_description'] ?? '' };
  }
  return { id: intOrNull(f['wp:term_id']), taxonomy: (f['wp:term_taxonomy'] ?? '').trim(), slug: (f['wp:term_slug'] ?? '').trim(), name: f['wp:term_name'] ?? '', parentSlug: (f['wp:term_parent'] ?? '').trim(), description: f['wp:term_description'] ?? '' };
}

function comment(f: Fields): WxrComment {
  return {
    id: int(f['wp:comment_id']),
    author: f['wp:comment_author'] ?? '',
    authorEmail: (f['wp:comment_author_email'] ?? '').trim(),
    authorUrl: (f['wp:comment_author_url'] ?? '').trim(),
    authorIp: (f['wp:comment_author_IP'] ?? '').trim(),
    date: (f['wp:comment_date'] ?? '').trim(),
    dateGmt: (f['wp:comment_date_gmt'] ?? '').trim(),
    content: f['wp:comment_content'] ?? '',
    approved: (f['wp:comment_approved'] ?? '1').trim(),
    type: (f['wp:comment_type'] ?? '').trim(),
    parent: int(f['wp:comment_parent']),
    userId: int(f['wp:comment_user_id']),
  };
}

/** Builds records from a parser's elements and text, and calls `on` for each as its element closes. */
class WxrReader implements XmlHandler {
  private readonly stack: string[] = [];
  private buffered = '';
  private channel: Fields = {};
  private channelDone = false;
  private record: Fields | null = null;
  private terms: WxrItemTerm[] = [];
  private meta: { key: string; value: string }[] = [];
  private comments: WxrComment[] = [];
  private sub: Fields | null = null;
  private termAttrs: { domain: string; nicename: string } | null = null;
  sawWordPress = false;
  rootName = '';
  /** The current element's text is not kept (a body, in a pass that does not read bodies). */
  private skipping = false;

  constructor(
    private readonly on: (r: WxrRecord) => void,
    /** false: items come without their bodies and comments' texts (`content` and `comments[].content` empty). */
    private readonly bodies = true,
  ) {}

  get wantsText(): boolean {
    return !this.skipping;
  }

  text(s: string): void {
    if (!this.skipping) this.buffered += s;
  }

  open(t: Tag): void {
    const key = keyOf(t);
    const depth = this.stack.length;
    if (depth === 0) this.rootName = key;
    if (key.startsWith('wp:')) this.sawWordPress = true;
    this.stack.push(key);
    this.buffered = '';
    const parent = this.stack[depth - 1];
    this.skipping = !this.bodies && (key === 'content:encoded' || key === 'wp:comment_content');
    if (parent === 'channel' && (key === 'item' || key === 'wp:author' || key === 'wp:category' || key === 'wp:tag' || key === 'wp:term')) {
      this.record = {};
      this.terms = [];
      this.meta = [];
      this.comments = [];
    } else if (this.record && (key === 'wp:postmeta' || key === 'wp:comment')) {
      this.sub = {};
    } else if (this.record && parent === 'item' && key === 'category') {
      const attr = (n: string) => {
        const a = t.attributes[n];
        return detached(typeof a === 'string' ? a : (a?.value ?? ''));
      };
      this.termAttrs = { domain: attr('domain'), nicename: attr('nicename') };
    }
  }

  close(): void {
    const key = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    // Copied out of the parser's chunk: what the import keeps to the end (links, e-mails, titles)
    // must not keep the chunks of the file with it.
    const text = detached(this.buffered);
    this.buffered = '';
    this.skipping = false;
    if (parent === 'channel' && this.record && (key === 'item' || key === 'wp:author' || key === 'wp:category' || key === 'wp:tag' || key === 'wp:term')) {
      this.flushChannel();
      const f = this.record;
      this.record = null;
      if (key === 'wp:author') this.on({ kind: 'author', author: author(f) });
      else if (key === 'item') this.on({ kind: 'item', item: this.item(f) });
      else this.on({ kind: 'term', term: term(key, f) });
      return;
    }
    if (this.sub && (key === 'wp:postmeta' || key === 'wp:comment')) {
      const f = this.sub;
      this.sub = null;
      if (key === 'wp:postmeta') this.meta.push({ key: f['wp:meta_key'] ?? '', value: f['wp:meta_value'] ?? '' });
      else this.comments.push(comment(f));
      return;
    }
    if (this.sub && (parent === 'wp:postmeta' || parent === 'wp:comment')) {
      this.sub[key] = text;
      return;
    }
    if (this.record && key === 'category' && this.termAttrs) {
      this.terms.push({ ...this.termAttrs, name: text });
      this.termAttrs = null;
      return;
    }
    const owner = this.stack[this.stack.length - 1];
    if (this.record && (owner === 'item' || owner === 'wp:author' || owner === 'wp:category' || owner === 'wp:tag' || owner === 'wp:term')) {
      this.record[key] = text;
      return;
    }
    if (owner === 'channel' && !this.channelDone) this.channel[key] = text;
    if (key === 'channel') this.flushChannel();
  }

  /** The channel's own facts come before its first author, term or item: handed over once. */
  private flushChannel(): void {
    if (this.channelDone) return;
    this.channelDone = true;
    const c = this.channel;
    this.on({
      kind: 'channel',
      channel: {
        title: c.title ?? '',
        link: (c.link ?? '').trim(),
        language: (c.language ?? '').trim(),
        wxrVersion: (c['wp:wxr_version'] ?? '').trim(),
        baseSiteUrl: (c['wp:base_site_url'] ?? '').trim(),
        baseBlogUrl: (c['wp:base_blog_url'] ?? '').trim(),
      },
    });
  }

  private item(f: Fields): WxrItem {
    return {
      id: int(f['wp:post_id']),
      title: f.title ?? '',
      link: (f.link ?? '').trim(),
      pubDate: (f.pubDate ?? '').trim(),
      creator: (f['dc:creator'] ?? '').trim(),
      guid: (f.guid ?? '').trim(),
      content: f['content:encoded'] ?? '',
      excerpt: f['excerpt:encoded'] ?? '',
      date: (f['wp:post_date'] ?? '').trim(),
      dateGmt: (f['wp:post_date_gmt'] ?? '').trim(),
      modified: (f['wp:post_modified'] ?? '').trim(),
      modifiedGmt: (f['wp:post_modified_gmt'] ?? '').trim(),
      commentStatus: (f['wp:comment_status'] ?? '').trim(),
      name: (f['wp:post_name'] ?? '').trim(),
      status: (f['wp:status'] ?? '').trim(),
      parent: int(f['wp:post_parent']),
      menuOrder: int(f['wp:menu_order']),
      type: (f['wp:post_type'] ?? 'post').trim() || 'post',
      password: f['wp:post_password'] ?? '',
      sticky: (f['wp:is_sticky'] ?? '').trim() === '1',
      attachmentUrl: (f['wp:attachment_url'] ?? '').trim(),
      terms: this.terms,
      meta: this.meta,
      comments: this.comments,
    };
  }

  /** After the parser's end: a non-WordPress file is refused. */
  finish(): void {
    if (this.rootName !== 'rss' || !this.sawWordPress) {
      throw new WxrError('this is XML but not a WordPress export (WXR): no <rss> with elements in the http://wordpress.org/export/ namespace');
    }
    this.flushChannel();
  }
}

/**
 * Bytes read at a time. MUST stay well under 64 KiB because V8 puts a string over 128 KiB (64 Ki
 * UTF-16 units, which Arabic text decodes to) in its large-object space, one mapping each: at
 * 256 KiB the reading alone cost more than the parsing (measured: 38 MB/s at 256 KiB, 65 MB/s at
 * 32 KiB through saxes, in CPU time).
 */
const CHUNK_BYTES = 32 * 1024;

/**
 * Every record of the file, in order, streamed: read `chunkBytes` at a time. Without `bodies`
 * (the first pass) the file is checked by the XML scanner, which skips bodies several times
 * faster than a parser reads them and refuses what saxes refuses, at the same line and column:
 * a WxrError at the first place the file stops being well-formed XML (records before it were
 * already yielded). With them, it is read by the reader for checked files (xml-read.ts): only a
 * file the first pass (`surveyWxr`) found well-formed.
 */
export async function* readWxr(path: string, chunkBytes = CHUNK_BYTES, bodies = true): AsyncGenerator<WxrRecord> {
  let pending: WxrRecord[] = [];
  const reader = new WxrReader((r) => pending.push(r), bodies);
  const parser = bodies ? checkedFeeding(reader) : scannerFeeding(new XmlScanner(reader));
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.write(chunk);
      if (pending.length) {
        const out = pending;
        pending = [];
        yield* out;
      }
    }
    parser.end();
    reader.finish();
    yield* pending;
  } finally {
    stream.destroy();
  }
}

interface Parser {
  write(chunk: Buffer): void;
  end(): void;
}

function checkedFeeding(reader: WxrReader): Parser {
  const r = new XmlReader(reader);
  // Twice as fast as a StringDecoder (the stream's `encoding`) on Arabic text; a character cut
  // by a chunk's end waits for the next chunk as well.
  const utf8 = new TextDecoder('utf-8');
  return {
    write: (chunk) => asWxrError(() => r.write(utf8.decode(chunk, { stream: true }))),
    end: () => asWxrError(() => {
      r.write(utf8.decode());
      r.end();
    }),
  };
}

function scannerFeeding(s: XmlScanner): Parser {
  return { write: (chunk) => asWxrError(() => s.write(chunk)), end: () => asWxrError(() => s.end()) };
}

/** A fault of the file's XML, as the importer names it. */
function asWxrError(f: () => void): void {
  try {
    f();
  } catch (e) {
    throw e instanceof XmlSyntaxError ? new WxrError(e.reason, e.line, e.column) : e;
  }
}

/** An attachment as the importer keeps it between its two passes. */
export interface WxrAttachment {
  id: number;
  /** The post it was uploaded to (a [gallery] without ids shows these). */
  parent: number;
  url: string;
  title: string;
  /** `_wp_attachment_image_alt`. */
  alt: string;
  /** The excerpt (WordPress keeps the caption there), as HTML. */
  caption: string;
  creator: string;
  dateGmt: string;
  /** `_wp_attached_file`: its path under uploads/. */
  attachedFile: string;
}

/** What the first pass learns: counts for the progress bar, and the attachments items refer to. */
export interface WxrSurvey {
  channel: WxrChannel;
  authors: WxrAuthor[];
  terms: WxrTerm[];
  /** Items by `post_type`. */
  items: Record<string, number>;
  comments: number;
  /**
   * Every attachment, by what the import needs of it only (featured images and galleries refer
   * to attachments that may come after them in the file): a few short strings each, never a body
   * or the postmeta.
   */
  attachments: WxrAttachment[];
  /** Some posts' and pages' `<link>`s with what they were built from, to detect the permalink structure. */
  links: { link: string; id: number; type: string; name: string; date: string }[];
  /** dc:creator logins used by items (WXR 1.0 has no wp:author list). */
  creators: Set<string>;
  /** Terms items carry that the channel does not declare, by taxonomy and slug. */
  itemTerms: Map<string, WxrItemTerm>;
}

/** A survey with nothing in it yet. */
function emptySurvey(): WxrSurvey {
  return {
    channel: { title: '', link: '', language: '', wxrVersion: '', baseSiteUrl: '', baseBlogUrl: '' },
    authors: [], terms: [], items: {}, comments: 0, attachments: [], links: [], creators: new Set(), itemTerms: new Map(),
  };
}

/** Adds a record of the file (read without bodies) to the survey. */
function survey(s: WxrSurvey, r: WxrRecord): void {
  if (r.kind === 'channel') s.channel = r.channel;
  else if (r.kind === 'author') s.authors.push(r.author);
  else if (r.kind === 'term') s.terms.push(r.term);
  else {
    const it = r.item;
    s.items[it.type] = (s.items[it.type] ?? 0) + 1;
    s.comments += it.comments.length;
    if (it.type === 'attachment') {
      const meta = (key: string) => it.meta.find((m) => m.key === key)?.value ?? '';
      s.attachments.push({
        id: it.id, parent: it.parent, url: it.attachmentUrl || it.guid, title: it.title, alt: meta('_wp_attachment_image_alt'),
        caption: it.excerpt, creator: it.creator, dateGmt: it.dateGmt, attachedFile: meta('_wp_attached_file'),
      });
    }
    else if ((it.type === 'post' || it.type === 'page') && it.status === 'publish' && s.links.length < 200) {
      s.links.push({ link: it.link, id: it.id, type: it.type, name: it.name, date: it.date });
    }
    if (it.creator) s.creators.add(it.creator);
    for (const t of it.terms) if (t.nicename) s.itemTerms.set(`${t.domain}\0${t.nicename}`, t);
  }
}

/** The survey of the file's rest (from the other thread) added to `s`, as if read after it. */
function surveyAfter(s: WxrSurvey, rest: WxrSurvey): void {
  s.authors.push(...rest.authors);
  s.terms.push(...rest.terms);
  for (const [type, n] of Object.entries(rest.items)) s.items[type] = (s.items[type] ?? 0) + n;
  s.comments += rest.comments;
  s.attachments.push(...rest.attachments);
  s.links.push(...rest.links.slice(0, 200 - s.links.length));
  for (const c of rest.creators) s.creators.add(c);
  for (const [k, t] of rest.itemTerms) s.itemTerms.set(k, t);
}

/**
 * Files this large are surveyed on two threads: this one reads up to an `<item>` near the middle,
 * another from there on (the first pass otherwise ran on one core while the other waited: 10 of
 * the 110 s of a 200,000-post import).
 */
const SURVEY_APART_BYTES = 64 * 1024 * 1024;
/** Bytes looked through for an `<item>` at the start of the file and at its middle. */
const ITEM_SEARCH_BYTES = 1024 * 1024;
const SURVEY_ROLE = 'khabar:wxr-survey';

/**
 * The first pass: the whole file checked well-formed (WxrError with line and column otherwise)
 * and what the import needs before it writes anything. A large file (`apartFrom` bytes or more;
 * tests lower it, and hear from `apart` whether it was) is surveyed in two parts at once: the other
 * thread scans the file's head up to its first `<item>` and then the rest from an `<item>` near
 * the middle, which this thread reaches last. Only where both scanners stand between constructs
 * inside the channel at those two places (so the rest reads as it would in one pass) is the other
 * thread's survey used, and its faults are named at their place in the whole file; else this
 * thread reads the rest itself.
 */
export async function surveyWxr(path: string, opts: { apartFrom?: number; apart?: (used: boolean) => void } = {}): Promise<WxrSurvey> {
  const apartFrom = opts.apartFrom ?? SURVEY_APART_BYTES;
  const s = emptySurvey();
  const reader = new WxrReader((r) => survey(s, r), false);
  const scanner = new XmlScanner(reader);
  const parser = scannerFeeding(scanner);
  const cuts = (await stat(path)).size >= apartFrom ? await itemsApart(path) : null;
  const rest = cuts && surveyRestApart(path, cuts);
  try {
    // Without the bodies: this pass checks them well-formed and counts, and copies none of them.
    for await (const chunk of bytesOf(path, 0, cuts?.middle)) parser.write(chunk);
    const atMiddle = scanner.position;
    const other = rest && scanner.between(2) ? await rest.result : null;
    opts.apart?.(other !== null && ('survey' in other || 'fault' in other));
    if (other && 'survey' in other) {
      surveyAfter(s, other.survey);
      reader.sawWordPress ||= other.sawWordPress;
    } else if (other && 'fault' in other) {
      // The other scanner counted lines from the head it read before the middle.
      const { reason, line, column, head } = other.fault;
      const sameLine = line === head.line;
      throw new WxrError(reason, atMiddle.line + line - head.line, sameLine ? atMiddle.column + column - head.column : column);
    } else {
      // Cut where the rest would not read as in one pass, or the other thread failed: read here.
      if (cuts) for await (const chunk of bytesOf(path, cuts.middle)) parser.write(chunk);
      parser.end();
    }
  } finally {
    await rest?.stop();
  }
  reader.finish();
  if (!/^\d+\.\d+$/.test(s.channel.wxrVersion)) {
    throw new WxrError(s.channel.wxrVersion ? `unknown WXR version "${s.channel.wxrVersion}" (Khabar reads 1.0 to 1.2)` : 'this WordPress export has no <wp:wxr_version>: it is not a complete WXR file');
  }
  return s;
}

/** The file's bytes from `start` up to `end` (or its end), a chunk at a time. */
async function* bytesOf(path: string, start: number, end?: number): AsyncGenerator<Buffer> {
  if (end !== undefined && end <= start) return;
  const stream = createReadStream(path, { start, ...(end !== undefined && { end: end - 1 }), highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } finally {
    stream.destroy();
  }
}

/** The first `<item>` of the file and one near its middle, or null when either is not found. */
async function itemsApart(path: string): Promise<{ first: number; middle: number } | null> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const find = async (from: number) => {
      const buf = Buffer.alloc(ITEM_SEARCH_BYTES);
      const { bytesRead } = await handle.read(buf, 0, buf.length, from);
      const at = buf.subarray(0, bytesRead).indexOf('<item>');
      return at === -1 ? null : from + at;
    };
    const first = await find(0);
    const middle = await find(Math.floor(size / 2));
    return first !== null && middle !== null && middle > first ? { first, middle } : null;
  } finally {
    await handle.close();
  }
}

/** A scanner's fault, at its line and column, and where that scanner stood when it skipped to the middle. */
interface Fault { reason: string; line: number; column: number; head: { line: number; column: number } }
type RestResult = { survey: WxrSurvey; sawWordPress: boolean } | { fault: Fault } | { error: string } | { cut: true };

/** The survey of the file from `cuts.middle` on, on another thread (see surveyWxr). */
function surveyRestApart(path: string, cuts: { first: number; middle: number }): { result: Promise<RestResult>; stop: () => Promise<number> } {
  const worker = moduleWorker(import.meta.url, { role: SURVEY_ROLE, path, cuts });
  const result = new Promise<RestResult>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (e) => resolve({ error: `surveying the file failed: ${e.message}` }));
    worker.once('exit', () => resolve({ error: 'surveying the file stopped before its end' }));
  });
  return { result, stop: () => worker.terminate() };
}

/** The other thread's part: the head up to the first item (for the channel's namespaces), then the rest. */
async function surveyRest(path: string, cuts: { first: number; middle: number }): Promise<RestResult> {
  let s = emptySurvey();
  const reader = new WxrReader((r) => survey(s, r), false);
  const scanner = new XmlScanner(reader);
  let head = { line: 1, column: 0 };
  try {
    for await (const chunk of bytesOf(path, 0, cuts.first)) scanner.write(chunk);
    if (!scanner.between(2)) return { cut: true };
    head = scanner.position;
    s = emptySurvey(); // what the head holds is this thread's to survey
    for await (const chunk of bytesOf(path, cuts.middle)) scanner.write(chunk);
    scanner.end();
    return { survey: s, sawWordPress: reader.sawWordPress };
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { fault: { reason: e.reason, line: e.line, column: e.column, head } };
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

// This module is the survey's other thread too (in dist/, the whole bundle is; only surveyWxr starts it).
if (!isMainThread && (workerData as { role?: string } | null)?.role === SURVEY_ROLE) {
  const { path, cuts } = workerData as { path: string; cuts: { first: number; middle: number } };
  void surveyRest(path, cuts).then((r) => parentPort!.postMessage(r));
}
