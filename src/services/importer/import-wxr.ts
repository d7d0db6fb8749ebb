import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { ArticleInput, ArticleStatus, FeaturedImage } from '../../domain/article.ts';
import type { CommentModeration } from '../../domain/comment.ts';
import { DomainError, NotFound } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import { FIELD_META } from '../../domain/site-export.ts';
import type { Clock } from '../../platform/clock.ts';
import { htmlToText } from '../../platform/html/sanitize.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import { isValidSlug, slugify } from '../../platform/slug.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Touch, Tx } from '../../storage/write-path.ts';
import type { ArticleService } from '../articles/articles.ts';
import { insertNewArticles } from '../articles/bulk-articles.ts';
import { FIELD_LIMITS } from '../articles/validate.ts';
import type { NewCommentRow } from '../../storage/bulk-import.ts';
import { emailHash } from '../comments/avatar.ts';
import type { MediaService } from '../media/media.ts';
import { mediaItemUrl } from '../media/media.ts';
import { permalinksSettingKey } from '../wordpress/permalinks.ts';
import { detectPermalinks, isPermalinkStructure, safeDecode } from './permalinks.ts';
import { importable, importedTitle, type PreparedItem, prepareInWorker, preparedItems, uploadStem } from './prepared-items.ts';
import { surveyWxr, type WxrAttachment, type WxrAuthor, type WxrComment, type WxrItem, type WxrSurvey, type WxrTerm } from './wxr.ts';

/** What the report counts, by kind. */
export type ReportKind = 'post' | 'page' | 'attachment' | 'category' | 'tag' | 'author' | 'comment';
export const REPORT_KINDS: readonly ReportKind[] = ['post', 'page', 'attachment', 'category', 'tag', 'author', 'comment'];

export interface WxrReport {
  file: string;
  edition: string;
  wxrVersion: string;
  dryRun: boolean;
  /** The old structure kept for the edition (`wordpress.permalinks.<edition>`), and whether it was detected. */
  permalinks: { structure: string | null; detected: boolean };
  counts: Record<ReportKind, { imported: number; updated: number; skipped: number }>;
  /** Everything not brought over, named, with why. */
  skipped: { kind: string; wpId: number | string; title: string; reason: string }[];
  /** Things brought over differently than they were (a private post as a draft …), named. */
  notes: { kind: string; wpId: number; title: string; note: string }[];
  /** Images that still point at the old site (no `--uploads`, or the file was not in it). */
  externalImages: number;
  /** Attachments the export lists that stay on the old site because no `--uploads` was given. */
  attachmentsLeft: number;
  /** Shortcodes the body converter did not know (kept as text), with how many times each came. */
  unknownShortcodes: Record<string, number>;
}

export interface WxrProgress {
  done: number;
  total: number;
}

export interface WxrImportOptions {
  /** Default: the default edition. */
  edition?: string;
  /** A copy of `wp-content/uploads`. */
  uploads?: string;
  dryRun?: boolean;
  /** The old site's permalink structure; detected from `<link>`s when absent. */
  permalinks?: string;
  /** Items per transaction (each one idempotent, so a killed import is completed by a re-run). */
  batchSize?: number;
  onProgress?: (p: WxrProgress) => void;
  /**
   * Whether the posts are read and converted on a worker thread, ahead of the writes (by default,
   * for a file of a few MiB or more; tests ask for either).
   */
  inWorker?: boolean;
  /** Called after each committed batch (tests stop an import half-way here). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

export interface WxrImportDeps {
  repos: Repositories;
  articles: Pick<ArticleService, 'save'>;
  clock: Clock;
  /** The site secret (comment e-mails are kept with their keyed hash, as posted comments are). */
  secret: string;
  /** Needed with `--uploads`. */
  media?: Pick<MediaService, 'importImage'>;
}

/** The import was refused before anything was written (an unknown edition, a bad option). */
export class WxrImportError extends Error {}

/**
 * The import stopped part-way: a batch's transaction failed and was rolled back. The report
 * counts what landed before it (every earlier batch is committed); running the same command
 * again completes the import.
 */
export class WxrImportStopped extends Error {
  constructor(
    readonly report: WxrReport,
    /** What did not land: the step, and for posts the batch and its WordPress ids. */
    readonly failed: string,
    override readonly cause: unknown,
  ) {
    super(`the import stopped at ${failed}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'WxrImportStopped';
  }
}

/** Thrown through the dry run's one transaction so that it rolls back. */
class DryRunDone extends Error {}

/**
 * Posts and pages per transaction. The worker prepares 200 ahead (prepared-items.ts): with 500 a
 * batch, the writes waited for the worker to fill the batch, then the worker for the writes; with
 * 200 the two overlap (20,000 posts, runs interleaved: 21.1 and 17.4 s → 16.4 and 15.6 s).
 */
const POSTS_PER_BATCH = 200;

const ZERO_DATE = /^0000-00-00/;
/** WordPress's `Y-m-d H:i:s` in UTC as an ISO instant, or null for its "no date". */
function gmt(s: string): string | null {
  if (!s || ZERO_DATE.test(s)) return null;
  const iso = `${s.trim().replace(' ', 'T')}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : new Date(iso).toISOString();
}
/** `pubDate` (RFC 822 with a zone) when the GMT date is missing (WXR 1.0 drafts). */
function rfc822(s: string): string | null {
  const t = Date.parse(s);
  return s && !Number.isNaN(t) && t > 0 ? new Date(t).toISOString() : null;
}

/** A WordPress slug as Khabar keeps it: percent-decoded, else made from the fallback. */
function slugOf(raw: string, fallback: string): string {
  const decoded = safeDecode(raw).trim().toLowerCase();
  if (decoded && isValidSlug(decoded)) return decoded;
  return slugify(decoded || fallback);
}

function commentStatus(approved: string): CommentModeration {
  if (approved === '1' || approved === 'approve' || approved === 'approved') return 'approved';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash' || approved === 'post-trashed') return 'trash';
  return 'pending';
}

const meta = (item: WxrItem, key: string): string | undefined => item.meta.find((m) => m.key === key)?.value;

/**
 * The newsroom fields an item's postmeta carries (services/exporter's keys: Yoast SEO's title and
 * description, Khabar's kicker, dateline and breaking flag), one line each and cut to their
 * limits. A Yoast title with `%%…%%` is a template of the site's, not a title of the post's.
 */
function articleFields(it: WxrItem): Pick<ArticleInput, 'seoTitle' | 'seoDescription' | 'kicker' | 'dateline' | 'breaking'> {
  const text = (key: string, max: number) => [...(meta(it, key) ?? '').replace(/\s+/g, ' ').trim()].slice(0, max).join('');
  const seoTitle = text(FIELD_META.seoTitle, FIELD_LIMITS.seoTitle);
  return {
    seoTitle: seoTitle.includes('%%') ? '' : seoTitle,
    seoDescription: text(FIELD_META.seoDescription, FIELD_LIMITS.seoDescription).replace(/\s*%%[a-z_]+%%/g, '').trim(),
    kicker: text(FIELD_META.kicker, FIELD_LIMITS.kicker),
    dateline: text(FIELD_META.dateline, FIELD_LIMITS.dateline),
    breaking: meta(it, FIELD_META.breaking)?.trim() === '1',
  };
}

/** Comments ordered so that a reply comes after what it answers (WordPress's ids usually do, not always). */
function parentsFirst(comments: readonly WxrComment[]): WxrComment[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const out: WxrComment[] = [];
  const placed = new Set<number>();
  const place = (c: WxrComment, seen: Set<number>) => {
    if (placed.has(c.id) || seen.has(c.id)) return;
    seen.add(c.id);
    const parent = byId.get(c.parent);
    if (parent) place(parent, seen);
    placed.add(c.id);
    out.push(c);
  };
  for (const c of comments) place(c, new Set());
  return out;
}

interface AttachmentInfo {
  url: string;
  alt: string;
  caption: string;
  title: string;
}

/**
 * `khabar import export.xml`: a WordPress export brought into one edition. The file is read twice,
 * streamed: first checked well-formed (nothing is written when it is not), then imported in
 * batches, each its own transaction keyed on WordPress's ids (`wordpress_ids`), so running the
 * same file again updates what is there and completes an import that was stopped half-way.
 */
export async function importWxr(path: string, deps: WxrImportDeps, opts: WxrImportOptions = {}): Promise<WxrReport> {
  const { repos } = deps;
  const editions = await repos.editions.all();
  const edition = opts.edition ?? editions.find((e) => e.isDefault)?.code ?? editions[0]?.code;
  if (!edition || !editions.some((e) => e.code === edition)) {
    throw new WxrImportError(`unknown edition "${opts.edition}" (known: ${editions.map((e) => e.code).join(', ')})`);
  }
  if (opts.permalinks !== undefined && !isPermalinkStructure(opts.permalinks)) {
    throw new WxrImportError(`--permalinks "${opts.permalinks}" is not a WordPress permalink structure (e.g. /%year%/%monthnum%/%day%/%postname%/)`);
  }
  if (opts.uploads !== undefined && !deps.media) throw new WxrImportError('--uploads needs the media library');
  if (opts.uploads !== undefined && !(await stat(opts.uploads).then((s) => s.isDirectory(), () => false))) {
    throw new WxrImportError(`--uploads ${opts.uploads} is not a folder (give a copy of the old site's wp-content/uploads)`);
  }
  // The options are checked before the file is read (twice over a big file takes a while).
  const survey = await surveyWxr(path);
  const detected = opts.permalinks === undefined ? detectPermalinks(survey.channel.link || survey.channel.baseBlogUrl, survey.links) : null;
  const report: WxrReport = {
    file: path,
    edition,
    wxrVersion: survey.channel.wxrVersion,
    dryRun: opts.dryRun === true,
    permalinks: { structure: opts.permalinks ?? detected, detected: opts.permalinks === undefined && detected !== null },
    counts: Object.fromEntries(REPORT_KINDS.map((k) => [k, { imported: 0, updated: 0, skipped: 0 }])) as WxrReport['counts'],
    skipped: [],
    notes: [],
    externalImages: 0,
    attachmentsLeft: opts.uploads === undefined ? survey.attachments.length : 0,
    unknownShortcodes: {},
  };
  const locale = editions.find((e) => e.code === edition)?.locale ?? edition;
  const run = new WxrRun(path, deps, opts, survey, edition, locale, report);
  if (opts.dryRun) {
    // Everything in one transaction that is rolled back: every read and check happens, and what
    // later items would find (terms, parents) is there, but nothing stays.
    await repos.write(async (tx, touch) => {
      await run.all((fn) => fn(tx, touch));
      throw new DryRunDone();
    }, { invalidates: [] }).catch((e: unknown) => {
      if (!(e instanceof DryRunDone)) throw e;
    });
    return report;
  }
  await run.all((fn) => repos.write(fn, { invalidates: [invalidates.edition(edition)] }));
  // A bulk load leaves the planner believing the tables are as small as they were.
  await repos.refreshStatistics();
  return report;
}

type Batch = <T>(fn: (tx: Tx, touch: Touch) => Promise<T>) => Promise<T>;

class WxrRun {
  private readonly users = new Map<string, { id: number; slug: string }>(); // by login
  private readonly usersById = new Map<number, number>(); // WordPress user id → Khabar id
  private readonly attachments = new Map<number, AttachmentInfo>();
  /** Old upload URLs (and their sized copies' stem) → the library's address. */
  private readonly mediaUrls = new Map<string, string>();
  private readonly uploadsPrefix: string;
  private readonly pendingParents: { id: number; parentWpId: number; title: string; wpId: number }[] = [];
  /** Replies imported before the comment they answer (it comes later in the file): set at the end. */
  private readonly pendingCommentParents: { id: number; parentWpId: number; title: string; wpId: number }[] = [];
  private readonly now: string;
  private done = 0;
  private readonly total: number;

  constructor(
    private readonly path: string,
    private readonly deps: WxrImportDeps,
    private readonly opts: WxrImportOptions,
    private readonly survey: WxrSurvey,
    private readonly edition: string,
    /** The edition's: posts' search tokens are analysed for it. */
    private readonly locale: string,
    private readonly report: WxrReport,
  ) {
    this.now = deps.clock.now().toISOString();
    const base = (survey.channel.baseSiteUrl || survey.channel.link).replace(/\/$/, '');
    this.uploadsPrefix = `${base}/wp-content/uploads/`;
    this.total = Object.values(survey.items).reduce((a, b) => a + b, 0);
  }

  private get repos() {
    return this.deps.repos;
  }

  private skip(kind: string, wpId: number | string, title: string, reason: string): void {
    if (kind in this.report.counts) this.report.counts[kind as ReportKind].skipped++;
    this.report.skipped.push({ kind, wpId, title, reason });
  }

  private count(kind: ReportKind, existed: boolean): void {
    this.report.counts[kind][existed ? 'updated' : 'imported']++;
  }

  private progress(n = 1): void {
    this.done += n;
    this.opts.onProgress?.({ done: this.done, total: this.total });
  }

  /**
   * One transaction of the import. When it fails, the report is put back as it was before it
   * (its counts and names never landed) and the import stops with what did land and what did not.
   */
  private async commit(batch: Batch, what: string, fn: (tx: Tx, touch: Touch) => Promise<void>): Promise<void> {
    const r = this.report;
    const before = {
      counts: structuredClone(r.counts), skipped: r.skipped.length, notes: r.notes.length, externalImages: r.externalImages,
      unknownShortcodes: { ...r.unknownShortcodes }, pendingParents: this.pendingParents.length, pendingCommentParents: this.pendingCommentParents.length,
    };
    try {
      await batch(fn);
    } catch (e) {
      if (e instanceof DryRunDone || e instanceof WxrImportStopped) throw e;
      Object.assign(r, { counts: before.counts, externalImages: before.externalImages, unknownShortcodes: before.unknownShortcodes });
      r.skipped.length = before.skipped;
      r.notes.length = before.notes;
      this.pendingParents.length = before.pendingParents;
      this.pendingCommentParents.length = before.pendingCommentParents;
      throw new WxrImportStopped(r, what, e);
    }
  }

  async all(batch: Batch): Promise<void> {
    await this.commit(batch, 'the authors and terms (the first step)', async (tx) => {
      await this.authors(tx);
      await this.terms(tx);
      if (this.report.permalinks.structure) await this.repos.settings.set(permalinksSettingKey(this.edition), this.report.permalinks.structure, tx);
    });
    await this.attachmentsStep(batch);
    await this.items(batch);
    if (this.pendingParents.length) {
      await this.commit(batch, 'setting parent pages (the last steps)', async (tx) => {
        const found = await this.repos.wordpressIds.findMany(this.edition, 'page', this.pendingParents.map((p) => p.parentWpId), tx);
        for (const p of this.pendingParents) {
          const parent = found.get(p.parentWpId);
          if (parent !== undefined) await this.repos.articles.setParent(tx, p.id, parent);
          else this.report.notes.push({ kind: 'page', wpId: p.wpId, title: p.title, note: `its parent page (WordPress id ${p.parentWpId}) is not in the file: imported without a parent` });
        }
      });
    }
    if (this.pendingCommentParents.length) {
      await this.commit(batch, 'linking replies to comments that came after them (the last step)', async (tx) => {
        const found = await this.repos.wordpressIds.findMany(this.edition, 'comment', this.pendingCommentParents.map((p) => p.parentWpId), tx);
        for (const p of this.pendingCommentParents) {
          const parent = found.get(p.parentWpId);
          if (parent !== undefined) await this.repos.comments.setParent(tx, p.id, parent);
          else this.report.notes.push({ kind: 'comment', wpId: p.wpId, title: p.title, note: `its parent comment ${p.parentWpId} is not in the file: imported as a new thread` });
        }
      });
    }
  }

  // ---- people -------------------------------------------------------------------------------

  private async authors(tx: Tx): Promise<void> {
    const declared = new Map(this.survey.authors.filter((a) => a.login).map((a) => [a.login, a]));
    // WXR 1.0 lists no authors: the logins items name are people too.
    for (const login of this.survey.creators) {
      if (!declared.has(login)) declared.set(login, { id: null, login, email: '', displayName: login, firstName: '', lastName: '' });
    }
    for (const a of declared.values()) await this.author(tx, a);
    for (const a of this.survey.authors) if (!a.login) this.skip('author', a.id ?? '?', a.displayName, 'no login name');
  }

  /**
   * A byline account: display name, no password (cannot sign in until an administrator invites
   * them: a password reset sets one). Keyed on the WordPress user id, else the e-mail.
   */
  private async author(tx: Tx, a: WxrAuthor): Promise<void> {
    const { repos } = this;
    const email = (a.email || `${slugify(a.login) || 'author'}@wordpress-import.invalid`).toLowerCase();
    const name = a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || a.login;
    let id = a.id !== null ? await repos.wordpressIds.find(this.edition, 'user', a.id, tx) : null;
    if (id !== null && !(await repos.users.profile(id, tx))) id = null;
    id ??= (await repos.accounts.byEmail(email, tx))?.id ?? null;
    const existed = id !== null;
    if (id === null) {
      const base = slugify(safeDecode(a.login)) || 'author';
      let slug = base;
      for (let n = 2; (await repos.users.idsBySlugs(tx, [slug])).size; n++) slug = `${base}-${n}`;
      id = await repos.users.upsert(tx, { email, slug, name, role: 'author', bio: '', passwordHash: null }, this.now);
    } else {
      const p = await repos.users.profile(id, tx);
      await repos.users.setProfile(tx, id, name, p?.bio ?? '');
    }
    const account = await repos.accounts.byId(id, tx);
    this.users.set(a.login, { id, slug: account!.slug });
    if (a.id !== null) {
      this.usersById.set(a.id, id);
      await repos.wordpressIds.set(tx, this.edition, 'user', a.id, id);
    }
    this.count('author', existed);
  }

  // ---- sections and tags --------------------------------------------------------------------

  private async terms(tx: Tx): Promise<void> {
    // A term declared twice (as wp:category and wp:term, say) is one term.
    const terms: WxrTerm[] = [...new Map(this.survey.terms.map((t) => [`${t.taxonomy}\0${t.id ?? t.slug}`, t])).values()];
    const declared = new Set(terms.map((t) => `${t.taxonomy}\0${t.slug}`));
    for (const t of this.survey.itemTerms.values()) {
      const taxonomy = t.domain === 'tag' ? 'post_tag' : t.domain;
      if ((taxonomy === 'category' || taxonomy === 'post_tag') && !declared.has(`${taxonomy}\0${t.nicename}`)) {
        declared.add(`${taxonomy}\0${t.nicename}`);
        terms.push({ id: null, taxonomy, slug: t.nicename, name: t.name, parentSlug: '', description: '' });
      }
    }
    const categoryIds = new Map<string, number>(); // by slug as in the file
    for (const t of terms) {
      const kind = t.taxonomy === 'category' ? 'category' : t.taxonomy === 'post_tag' ? 'tag' : null;
      if (!kind) {
        this.skip('term', t.id ?? t.slug, t.name, `taxonomy "${t.taxonomy}": Khabar has sections and tags only`);
        continue;
      }
      const name = t.name.trim() || safeDecode(t.slug);
      const slug = slugOf(t.slug, name);
      if (!slug) {
        this.skip(kind, t.id ?? t.slug, name, 'no slug and no name to make one from');
        continue;
      }
      const known = t.id !== null ? await this.repos.wordpressIds.find(this.edition, kind, t.id, tx) : null;
      const existed = known !== null || (kind === 'category' ? (await this.repos.taxonomies.categoryIdsBySlugs(tx, this.edition, [slug])).size > 0 : (await this.repos.taxonomies.tagIdsBySlugs(tx, this.edition, [slug])).size > 0);
      const id = await this.repos.taxonomies.putImportedTerm(tx, kind, known, { edition: this.edition, slug, name, description: t.description.trim() });
      if (t.id !== null) await this.repos.wordpressIds.set(tx, this.edition, kind, t.id, id);
      if (kind === 'category') categoryIds.set(t.slug, id);
      this.count(kind, existed);
    }
    // The hierarchy, once every section exists (a child may come before its parent).
    for (const t of terms) {
      if (t.taxonomy !== 'category') continue;
      const id = categoryIds.get(t.slug);
      if (id === undefined) continue;
      const parent = t.parentSlug ? categoryIds.get(t.parentSlug) : undefined;
      if (t.parentSlug && parent === undefined) this.report.notes.push({ kind: 'category', wpId: t.id ?? 0, title: t.name, note: `its parent "${t.parentSlug}" is not in the file: imported at the top level` });
      await this.repos.taxonomies.setCategoryParent(tx, id, parent ?? null);
    }
  }

  // ---- media --------------------------------------------------------------------------------

  private async attachmentsStep(batch: Batch): Promise<void> {
    const list = this.survey.attachments;
    for (const a of list) {
      this.attachments.set(a.id, { url: a.url, alt: a.alt, caption: htmlToText(a.caption).trim(), title: a.title });
    }
    const size = Math.max(1, Math.min(this.opts.batchSize ?? 50, 50));
    for (let i = 0; i < list.length; i += size) {
      const slice = list.slice(i, i + size);
      await this.commit(batch, `attachments ${i + 1}–${i + slice.length} of ${list.length}`, async (tx) => {
        for (const a of slice) await this.attachment(tx, a);
      });
      this.progress(slice.length);
    }
  }

  private async attachment(tx: Tx, a: WxrAttachment): Promise<void> {
    const info = this.attachments.get(a.id)!;
    if (!this.opts.uploads) return; // kept at the old address (counted where an article uses it)
    const media = this.deps.media!;
    const file = this.uploadedFile(a, info.url);
    if (!file) {
      this.skip('attachment', a.id, a.title, `no file for ${info.url} under --uploads`);
      return;
    }
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      this.skip('attachment', a.id, a.title, `${file} cannot be read`);
      return;
    }
    const known = await this.repos.wordpressIds.find(this.edition, 'attachment', a.id, tx);
    const existing = known !== null ? await this.repos.media.byId(known, tx) : null;
    let item = existing;
    if (existing) {
      await this.repos.media.updateText(tx, existing.id, { alt: info.alt.slice(0, 500), caption: info.caption.slice(0, 2000), credit: existing.credit, updatedAt: this.now });
    } else if (this.opts.dryRun) {
      // Not made (no files are written): its address is a stand-in, so the report counts as the real run does.
      this.mediaUrls.set(info.url, `/media/dry-run-${a.id}`);
      this.mediaUrls.set(this.stem(info.url), `/media/dry-run-${a.id}`);
    } else {
      const author = this.users.get(a.creator)?.id ?? null;
      item = await media.importImage(tx, data, { alt: info.alt, caption: info.caption, credit: '' }, author, gmt(a.dateGmt) ?? this.now);
      if (!item) {
        this.skip('attachment', a.id, a.title, 'not an image (the media library holds JPEG, PNG, WebP, AVIF and GIF images)');
        return;
      }
      await this.repos.wordpressIds.set(tx, this.edition, 'attachment', a.id, item.id);
    }
    if (item) {
      const url = mediaItemUrl(item);
      this.mediaUrls.set(info.url, url);
      this.mediaUrls.set(this.stem(info.url), url);
    }
    this.count('attachment', existing !== null);
  }

  /** The file under `--uploads` an attachment was (its `_wp_attached_file`, else its URL's path under uploads/). */
  private uploadedFile(a: WxrAttachment, url: string): string | null {
    const root = normalize(this.opts.uploads!);
    let rel = a.attachedFile;
    if (!rel) {
      const at = url.indexOf('/wp-content/uploads/');
      if (at < 0) return null;
      rel = safeDecode(url.slice(at + '/wp-content/uploads/'.length).split(/[?#]/)[0]!);
    }
    const full = normalize(join(root, rel));
    return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
  }

  /** An upload URL without WordPress's `-300x200` size suffix: sized copies map to the same image. */
  private stem(url: string): string {
    return uploadStem(url);
  }

  private attachmentsByParent(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const a of this.survey.attachments) {
      const list = out.get(a.parent);
      if (list) list.push(a.id);
      else out.set(a.parent, [a.id]);
    }
    return out;
  }

  private mediaUrl = (old: string): string | undefined => this.mediaUrls.get(old) ?? this.mediaUrls.get(this.stem(old));

  // ---- posts, pages and their comments ------------------------------------------------------

  private async items(batch: Batch): Promise<void> {
    const size = Math.max(1, this.opts.batchSize ?? POSTS_PER_BATCH);
    let pending: PreparedItem[] = [];
    let n = 0;
    const flush = async () => {
      if (!pending.length) return;
      const items = pending;
      pending = [];
      await this.commit(batch, `posts and pages batch ${n + 1} (${items.length} items, WordPress ids ${items[0]!.item.id}–${items[items.length - 1]!.item.id})`,
        (tx, touch) => this.itemBatch(tx, touch, items));
      this.progress(items.length);
      n++;
      await this.opts.afterBatch?.(n);
    };
    // Attachments were done before: the rest of the items, their bodies converted (on a worker thread, ahead of the writes, for a big file).
    const ctx = {
      locale: this.locale,
      attachments: [...this.attachments].map(([id, a]) => [id, { id, url: a.url, alt: a.alt, caption: a.caption }] as [number, { id: number; url: string; alt: string; caption: string }]),
      postAttachments: [...this.attachmentsByParent()],
      mediaUrls: this.opts.uploads ? [...this.mediaUrls] : null,
    };
    const inWorker = this.opts.inWorker ?? (await prepareInWorker(this.path));
    for await (const p of preparedItems(this.path, ctx, inWorker)) {
      const it = p.item;
      if (it.type !== 'post' && it.type !== 'page') {
        this.skip(it.type, it.id, it.title, `post type "${it.type}": Khabar has posts and pages only`);
        this.progress();
        continue;
      }
      if (it.status === 'auto-draft' || it.status === 'inherit') {
        this.skip(it.type, it.id, it.title, `status "${it.status}": WordPress's own working copy, never written by a person`);
        this.progress();
        continue;
      }
      if (!p.prepared || !importable(it)) throw new Error(`item ${it.id} was not prepared`); // importable() decided both
      pending.push(p);
      if (pending.length >= size) await flush();
    }
    await flush();
  }

  /**
   * One batch of posts and pages with their comments, in the caller's one transaction. New
   * articles go through the bulk writer (the save's rules, multi-row INSERTs, the search index in
   * a few statements); articles a re-run finds again are saved one by one by `ArticleService.save`,
   * which also keeps a moved post's old address answering.
   */
  private async itemBatch(tx: Tx, touch: Touch, batch: PreparedItem[]): Promise<void> {
    const { repos, edition } = this;
    const items = batch.map((p) => p.item);
    const prepared = new Map(batch.map((p) => [p.item, p.prepared!]));
    const posts = await repos.wordpressIds.findMany(edition, 'post', items.filter((i) => i.type === 'post').map((i) => i.id), tx);
    const pages = await repos.wordpressIds.findMany(edition, 'page', items.filter((i) => i.type === 'page').map((i) => i.id), tx);
    const parents = await repos.wordpressIds.findMany(edition, 'page', items.filter((i) => i.type === 'page' && i.parent).map((i) => i.parent), tx);
    // The batch's mappings, written together at its end (in the same transaction).
    const mapped = { post: [] as [number, number][], page: [] as [number, number][], comment: [] as [number, number][] };
    const landed: { it: WxrItem; id: number }[] = [];
    const fresh: { it: WxrItem; input: ArticleInput }[] = [];
    const refused = (it: WxrItem, e: unknown) => {
      if (!(e instanceof DomainError) || e instanceof NotFound) throw e;
      const why = e.problems.length ? e.problems.map((p) => `${p.field}: ${problemMessage('en', p)}`).join('; ') : e.message;
      this.skip(it.type, it.id, it.title, why);
      this.skipComments(it, 'its article was not imported');
    };
    const known = new Map<number, number>();
    for (const it of items) {
      const k = (it.type === 'page' ? pages : posts).get(it.id);
      if (k !== undefined) known.set(it.id, k);
    }
    // A mapping to an article someone deleted since: imported afresh.
    const stored = await repos.bulkImport.existingArticles(tx, [...known.values()]);
    for (const it of items) {
      const k = known.get(it.id);
      const existing = k !== undefined && stored.has(k) ? k : undefined;
      const input = this.articleInput(it, prepared.get(it)!, existing);
      if (it.type === 'page') input.parentId = it.parent ? (parents.get(it.parent) ?? null) : null;
      if (existing === undefined) {
        fresh.push({ it, input });
        continue;
      }
      try {
        landed.push({ it, id: await this.deps.articles.save(input, tx, touch) });
      } catch (e) {
        refused(it, e);
      }
    }
    // Every body is convertWordPressContent's, already sanitised: not cleaned a second time, its text and tokens made.
    const clean = new Map(fresh.map((f) => {
      const p = prepared.get(f.it)!;
      return [f.input.bodyHtml, { bodyText: p.bodyText, ...(p.tokens && { tokens: p.tokens }) }];
    }));
    const outcomes = await insertNewArticles(repos, tx, this.deps.clock.now().toISOString(), fresh.map((f) => f.input), clean);
    outcomes.forEach((o, i) => ('id' in o ? landed.push({ it: fresh[i]!.it, id: o.id }) : refused(fresh[i]!.it, o.error)));
    for (const { it, id } of landed) {
      mapped[it.type as 'post' | 'page'].push([it.id, id]);
      // A parent later in the file (or in this batch) is set once every page exists.
      if (it.type === 'page' && it.parent && !parents.has(it.parent)) this.pendingParents.push({ id, parentWpId: it.parent, title: it.title, wpId: it.id });
      this.count(it.type as 'post' | 'page', known.has(it.id) && stored.has(known.get(it.id)!));
    }
    const texts = new Map<WxrComment, string>();
    for (const { it } of landed) it.comments.forEach((c, k) => texts.set(c, prepared.get(it)!.commentTexts[k]!));
    await this.batchComments(tx, landed, texts, mapped.comment);
    for (const kind of ['post', 'page', 'comment'] as const) await repos.wordpressIds.setMany(tx, edition, kind, mapped[kind]);
  }

  private articleInput(it: WxrItem, prepared: NonNullable<PreparedItem['prepared']>, existing: number | undefined): ArticleInput {
    const kind = it.type as 'post' | 'page';
    const note = (text: string) => this.report.notes.push({ kind, wpId: it.id, title: it.title, note: text });
    const { converted } = prepared;
    for (const s of converted.unknownShortcodes) this.report.unknownShortcodes[s] = (this.report.unknownShortcodes[s] ?? 0) + 1;
    for (const u of converted.unconverted) note(`left out of the body: ${u}`);
    this.report.externalImages += this.countExternal(converted.html);

    const publishedAt = gmt(it.dateGmt) ?? (it.status === 'publish' || it.status === 'future' || it.status === 'private' ? rfc822(it.pubDate) : null);
    let status: ArticleStatus;
    switch (it.status) {
      case 'publish':
      case 'future':
        status = 'published'; // the service schedules a date still to come
        break;
      case 'pending':
        status = 'pending';
        break;
      case 'trash':
        status = 'trash';
        break;
      case 'private':
        status = 'draft';
        note('private in WordPress: imported as a draft, never public');
        break;
      default:
        status = 'draft';
        if (it.status !== 'draft') note(`status "${it.status}": imported as a draft`);
    }
    if (it.password && (status === 'published' || status === 'pending')) {
      status = 'draft';
      note('password-protected in WordPress, and Khabar has no post passwords: imported as a draft, not public');
    }
    if (status === 'published' && !publishedAt) {
      status = 'draft';
      note('published in WordPress without a date: imported as a draft');
    }
    const title = it.title.trim() || `(${kind} ${it.id})`;
    if (!it.title.trim()) note(`no title in WordPress: titled “${title}”`);
    const categorySlugs: string[] = [];
    const tagSlugs: string[] = [];
    for (const t of it.terms) {
      const slug = slugOf(t.nicename, t.name);
      if (!slug) continue;
      if (t.domain === 'category' && !categorySlugs.includes(slug)) categorySlugs.push(slug);
      else if ((t.domain === 'post_tag' || t.domain === 'tag') && !tagSlugs.includes(slug)) tagSlugs.push(slug);
    }
    const author = this.users.get(it.creator);
    const thumb = Number(meta(it, '_thumbnail_id') ?? 0);
    let featuredImage: FeaturedImage | null = null;
    if (thumb) {
      const a = this.attachments.get(thumb);
      if (!a) note(`its featured image (attachment ${thumb}) is not in the file`);
      else {
        const url = this.mediaUrl(a.url);
        if (!url) this.report.externalImages++;
        // A Khabar export's focal point ("x,y" per cent); anything else leaves the centre.
        const focus = /^(\d{1,3}),(\d{1,3})$/.exec(meta(it, '_khabar_focal_point') ?? '');
        const fx = Number(focus?.[1]);
        const fy = Number(focus?.[2]);
        featuredImage = { url: url ?? a.url, alt: a.alt || a.title, caption: a.caption, credit: '', ...(focus && fx <= 100 && fy <= 100 && { focus: { x: fx, y: fy } }) };
      }
    }
    const modified = gmt(it.modifiedGmt) ?? publishedAt ?? undefined;
    const slug = it.name ? slugOf(it.name, title) : undefined;
    const input: ArticleInput = {
      ...(existing !== undefined && { id: existing }),
      kind,
      edition: this.edition,
      title: importedTitle(it), // the title above, cut to its limit
      ...(slug && { slug }),
      excerpt: prepared.excerpt,
      bodyHtml: converted.html,
      publishedAt,
      status,
      commentStatus: it.commentStatus === 'closed' ? 'closed' : 'open',
      authorSlugs: author ? [author.slug] : [],
      categorySlugs,
      tagSlugs,
      featuredImage,
      sticky: it.sticky,
      ...articleFields(it),
      ...(publishedAt && { createdAt: publishedAt }),
      ...(modified && { updatedAt: modified }),
    };
    return input;
  }

  /** Images in a converted body that still load from the old site's uploads. */
  private countExternal(html: string): number {
    let n = 0;
    for (const m of html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/g)) if (/\/wp-content\/uploads\//.test(m[1]!) || m[1]!.startsWith(this.uploadsPrefix)) n++;
    return n;
  }

  /** Commenters come back (a newsroom's regulars): their keyed hash is made once per import. */
  private readonly hashes = new Map<string, string>();
  private emailHash(email: string): string {
    let h = this.hashes.get(email);
    if (h === undefined) {
      h = emailHash(this.deps.secret, email);
      if (this.hashes.size >= 50_000) this.hashes.clear(); // bounded: memory stays flat on any archive
      this.hashes.set(email, h);
    }
    return h;
  }

  private skipComments(it: WxrItem, reason: string): void {
    for (const c of it.comments) this.skip('comment', c.id, `${c.author} on “${it.title}”`, reason);
  }

  /**
   * The comments of a batch's articles: new ones in a few multi-row INSERTs (ids reserved first,
   * so a reply names its parent's id in the same statement; parents are ordered before replies),
   * ones a re-run finds again rewritten in place. A reply whose parent comment is not yet
   * imported (it comes later in the file) gets its parent once the whole file is in.
   */
  private async batchComments(tx: Tx, landed: readonly { it: WxrItem; id: number }[], texts: ReadonlyMap<WxrComment, string>, mapped: [number, number][]): Promise<void> {
    const { repos, edition } = this;
    const on = new Map<number, { it: WxrItem; articleId: number }>();
    const plans: { c: WxrComment; it: WxrItem; articleId: number; body: string; createdAt: string }[] = [];
    for (const { it, id } of landed) for (const c of it.comments) on.set(c.id, { it, articleId: id });
    for (const c of parentsFirst(landed.flatMap((l) => l.it.comments))) {
      const { it, articleId } = on.get(c.id)!;
      if (c.type === 'pingback' || c.type === 'trackback') {
        this.skip('comment', c.id, `${c.type} from ${c.authorUrl || c.author}`, `a ${c.type}: Khabar keeps reader comments only`);
        continue;
      }
      const body = texts.get(c) || c.content.trim();
      if (!body) {
        this.skip('comment', c.id, `${c.author} on “${it.title}”`, 'empty');
        continue;
      }
      plans.push({ c, it, articleId, body, createdAt: gmt(c.dateGmt) ?? gmt(c.date) ?? this.now });
    }
    if (!plans.length) return;
    const inBatch = new Set(plans.map((p) => p.c.id));
    const known = await repos.wordpressIds.findMany(edition, 'comment', [...new Set([...inBatch, ...plans.map((p) => p.c.parent).filter((id) => id && !inBatch.has(id))])], tx);
    const reserved = await repos.bulkImport.reserveIds(tx, 'comments', plans.filter((p) => !known.has(p.c.id)).length);
    const ids = new Map<number, number>();
    let next = 0;
    for (const p of plans) ids.set(p.c.id, known.get(p.c.id) ?? reserved[next++]!);
    const rows: NewCommentRow[] = [];
    for (const { c, it, articleId, body, createdAt } of plans) {
      let id = ids.get(c.id)!;
      let parentId: number | null = null;
      if (c.parent) {
        parentId = ids.get(c.parent) ?? known.get(c.parent) ?? null;
        if (parentId === null) this.pendingCommentParents.push({ id, parentWpId: c.parent, wpId: c.id, title: `${c.author} on “${it.title}”` });
      }
      const record = {
        articleId, parentId, authorName: c.author.trim().slice(0, 245) || '—', authorEmail: c.authorEmail, authorUrl: c.authorUrl, body,
        status: commentStatus(c.approved), ip: c.authorIp, userAgent: '', createdAt,
        emailHash: this.emailHash(c.authorEmail), bodyHash: createHash('sha256').update(body).digest('hex'),
        userId: c.userId ? (this.usersById.get(c.userId) ?? null) : null,
      };
      const existing = known.has(c.id);
      if (existing) {
        // A comment deleted since is made again (with a new id its replies then point at).
        id = await repos.comments.putImported(tx, id, record);
        ids.set(c.id, id);
      } else rows.push({ ...record, id });
      mapped.push([c.id, id]);
      this.count('comment', existing);
    }
    await repos.bulkImport.insertComments(tx, rows);
  }
}
