import { isReservedPageSlug } from '../../domain/static-page.ts';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Account } from '../../domain/account.ts';
import type { Article, ArticleKind, ArticleStatus, CommentStatus } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import { Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import type { Category } from '../../domain/taxonomy.ts';
import type { Clock } from '../../platform/clock.ts';
import { instantFromZoned, zonedParts } from '../../platform/dates/format.ts';
import { excerptOf, htmlToText, sanitizeArticleHtml } from '../../platform/html/sanitize.ts';
import { slugify } from '../../platform/slug.ts';
import type { EditorState, TranslationChoice } from '../../storage/article-editor.ts';
import type { Revision, RevisionKind } from '../../storage/article-revisions.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Database } from '../../storage/schema.ts';
import { loadEditions } from '../editions/editions.ts';
import { type Actor, type ArticleAction, canDo, canDoTo } from '../users/capabilities.ts';
import { ArticleService } from './articles.ts';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH } from './validate.ts';
import { ArticleWorkflow } from './workflow.ts';
import { type DiffPart, wordDiff } from './word-diff.ts';

/** The buttons of the editor form. */
export type EditorAction = 'draft' | 'submit' | 'publish' | 'update' | 'unpublish' | 'trash' | 'restore';
export const EDITOR_ACTIONS: readonly EditorAction[] = ['draft', 'submit', 'publish', 'update', 'unpublish', 'trash', 'restore'];

export function isEditorAction(s: unknown): s is EditorAction {
  return typeof s === 'string' && (EDITOR_ACTIONS as readonly string[]).includes(s);
}

/** The editor form as typed (strings and ids; nothing checked yet). */
export interface EditorForm {
  /** What a new article becomes (a stored one keeps its kind, whatever the form says). */
  kind: ArticleKind;
  title: string;
  bodyHtml: string;
  excerpt: string;
  slug: string;
  edition: string;
  categoryIds: number[];
  /** Comma-separated tag names (Arabic «،» separates too). */
  tags: string;
  authorIds: number[];
  featuredImageUrl: string;
  featuredImageAlt: string;
  featuredImageCaption: string;
  featuredImageCredit: string;
  commentStatus: CommentStatus;
  /** The same story in other editions (at most one per edition). */
  translationIds: number[];
  /** Wall-clock `YYYY-MM-DDTHH:mm` in the edition's time zone, or '' (now / unchanged). */
  publishAt: string;
}

export const MAX_EXCERPT_LENGTH = 1000;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 100;
const MAX_URL_LENGTH = 2000;
const MAX_CAPTION_LENGTH = 1000;
/** Translation candidates offered per edition. */
export const TRANSLATION_CHOICES = 200;

/** Why a field was refused: stable codes the newsroom turns into a message in the UI language. */
export type FieldProblem =
  | 'required' | 'too_long' | 'invalid' | 'unknown' | 'other_edition' | 'alt_required' | 'one_per_edition' | 'not_allowed' | 'not_applicable';

/** What a save did: saved (the new version), or refused because the article moved on meanwhile. */
export type SaveResult =
  | { kind: 'saved'; id: number; version: number; status: ArticleStatus; savedAt: string }
  | { kind: 'conflict'; id: number; version: number; revisionId: number; savedAt: string };

/** An article's editable state, as the form shows it. */
export interface EditorDocument {
  article: Article;
  kind: ArticleKind;
  version: number;
  translations: TranslationChoice[];
}

interface Plan {
  /** Capabilities the actor needs on the article as stored (all of them). */
  needs: ArticleAction[];
  /** 'keep': the stored status (ArticleService still turns a future date into a schedule). */
  status: ArticleStatus | 'keep';
}

/** Which status an action leads to from the stored one, and what it takes; null: not applicable. */
export function planFor(action: EditorAction, current: ArticleStatus | null): Plan | null {
  const editable = current === null || current === 'draft' || current === 'pending';
  const live = current === 'published' || current === 'scheduled';
  switch (action) {
    case 'draft':
      return editable ? { needs: ['article.edit'], status: 'draft' } : null;
    case 'submit':
      return editable ? { needs: ['article.edit', 'article.submit'], status: 'pending' } : null;
    case 'publish':
      return editable ? { needs: ['article.edit', 'article.publish'], status: 'published' } : null;
    case 'update':
      return live ? { needs: ['article.edit'], status: 'keep' } : null;
    case 'unpublish':
      return live ? { needs: ['article.unpublish'], status: 'draft' } : null;
    case 'trash':
      return current !== null && current !== 'trash' ? { needs: ['article.trash'], status: 'trash' } : null;
    case 'restore':
      return current === 'trash' ? { needs: ['article.restore'], status: 'draft' } : null;
  }
}

/** Static pages are the site's own (about, contact): only those who manage pages write them. */
export function mayWriteKind(actor: Actor, kind: ArticleKind): boolean {
  return kind === 'post' || canDo(actor, 'page.manage');
}

/** Which of the form's buttons this actor gets for an article in this state (new: null). */
export function actionsFor(actor: Actor, current: { status: ArticleStatus; authorIds: readonly number[] } | null, kind: ArticleKind = 'post'): EditorAction[] {
  const facts = current ?? { status: 'draft' as const, authorIds: [actor.id] };
  if (!current && !canDo(actor, 'article.create')) return [];
  if (!mayWriteKind(actor, kind)) return [];
  return EDITOR_ACTIONS.filter((a) => {
    // The trash is the news list's (its bulk workflow); a page leaves the site by being unpublished.
    if (kind === 'page' && (a === 'trash' || a === 'restore')) return false;
    const plan = planFor(a, current?.status ?? null);
    return plan !== null && plan.needs.every((n) => canDoTo(actor, n, facts));
  });
}

/** The wall-clock value of an instant in a zone, as a datetime-local field shows it. */
export function localDateTime(instant: string, timeZone: string): string {
  const z = zonedParts(instant, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${z.year}-${p(z.month)}-${p(z.day)}T${p(z.hour)}:${p(z.minute)}`;
}

/** `YYYY-MM-DDTHH:mm` (seconds allowed) in the zone → a UTC instant; null when not a real date-time. */
export function parseLocalDateTime(s: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(s.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || year < 1900) return null;
  return instantFromZoned({ year, month, day, hour, minute }, timeZone).toISOString();
}

/** Tag names from the field: «،» and «,» separate, blanks dropped, duplicates once. */
export function tagNames(s: string): string[] {
  const seen = new Set<string>();
  return s
    .split(/[,،]/)
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

/** A featured image address: http(s), or a path on this site (the media library's files). */
function isImageUrl(s: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(s) || /^\/(?!\/)[^\s<>"\\]*$/.test(s);
}

/**
 * The newsroom editor's write side: one save per button, checked on the server against the
 * actor's capabilities and the version the form was loaded at; every save leaves a revision.
 * Content goes through ArticleService.save (sanitising, search index, change counter).
 */
export class ArticleEditor {
  private readonly articles: ArticleService;
  private readonly workflow: ArticleWorkflow;

  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {
    this.articles = new ArticleService(deps);
    this.workflow = new ArticleWorkflow(deps);
  }

  private get repos() {
    return this.deps.repos;
  }

  /** The article as the edit form shows it; Forbidden unless the actor may edit it. */
  async load(actor: Actor, id: number): Promise<EditorDocument> {
    const state = await this.repos.articleEditor.state(this.repos.db.kysely, id);
    const article = state && (await this.repos.articles.findById(id));
    if (!state || !article) throw new NotFound('article');
    if (!this.mayOpen(actor, state)) throw new Forbidden('article.edit');
    const linked = article.translationGroup ? await this.repos.articleEditor.groupChoices(article.translationGroup, id) : [];
    return { article, kind: state.kind, version: state.version, translations: linked };
  }

  /** Opening the editor: whoever may do any of its actions (a trashed article shows only Restore). */
  mayOpen(actor: Actor, state: { status: ArticleStatus; authorIds: readonly number[]; kind: ArticleKind }): boolean {
    if (!mayWriteKind(actor, state.kind)) return false;
    return actionsFor(actor, state, state.kind).length > 0 || canDoTo(actor, 'article.edit', state);
  }

  async state(id: number): Promise<EditorState | null> {
    return this.repos.articleEditor.state(this.repos.db.kysely, id);
  }

  /**
   * Saves the form with one of the buttons. `id` null creates an article; otherwise `version` is
   * the one the form was loaded at. Throws Invalid (a field), Forbidden or NotFound; a save
   * against a newer version is not applied: its text is kept as a revision and `conflict` returned.
   */
  async save(actor: Account, id: number | null, version: number | null, action: EditorAction, form: EditorForm): Promise<SaveResult> {
    if (action === 'trash' || action === 'restore') return this.changeStatus(actor, id, action);
    const { repos, clock } = this.deps;
    form = await this.formForKind(actor, id, form);
    const prepared = await this.prepare(actor, form);
    const now = clock.now().toISOString();
    return repos.transaction(async (tx) => {
      const state = id === null ? null : await repos.articleEditor.state(tx, id);
      if (id !== null && !state) throw new NotFound('article');
      const plan = planFor(action, state?.status ?? null);
      if (!plan) throw new Invalid('action', 'not_applicable');
      this.authorise(actor, state, plan.needs, form.kind);
      if (state && version !== null && !(await repos.articleEditor.claimVersion(tx, state.id, version))) {
        // Someone saved first: keep this text as a revision, change nothing else.
        const revisionId = await repos.revisions.add(tx, { articleId: state.id, kind: 'conflict', title: prepared.title, excerpt: form.excerpt.trim(), bodyHtml: prepared.bodyHtml, userId: actor.id }, now);
        const current = await repos.articleEditor.text(tx, state.id);
        return { kind: 'conflict', id: state.id, version: current.version, revisionId, savedAt: now };
      }
      if (state && version === null) await repos.articleEditor.claimVersion(tx, state.id, state.version);
      return this.write(tx, actor, state, plan.status, action, prepared, form, 'save', now);
    });
  }

  /**
   * Autosave: a draft (or an article pending review) is updated in place; a live article only
   * gets an autosave revision, so the public page never changes by itself. `id` null creates a draft.
   */
  async autosave(actor: Account, id: number | null, version: number | null, form: EditorForm): Promise<SaveResult> {
    const { repos, clock } = this.deps;
    if (id === null) return this.save(actor, null, null, 'draft', form);
    form = await this.formForKind(actor, id, form);
    const prepared = await this.prepare(actor, form);
    const now = clock.now().toISOString();
    return repos.transaction(async (tx) => {
      const state = await this.editableState(tx, actor, id);
      await this.keepOriginal(tx, id, now);
      const revisionId = await repos.revisions.autosave(tx, { articleId: id, title: prepared.title, excerpt: form.excerpt.trim(), bodyHtml: prepared.bodyHtml, userId: actor.id }, now);
      const live = state.status === 'published' || state.status === 'scheduled';
      if (live) return { kind: 'saved', id, version: state.version, status: state.status, savedAt: now };
      if (version === null || !(await repos.articleEditor.claimVersion(tx, id, version))) {
        return { kind: 'conflict', id, version: state.version, revisionId, savedAt: now };
      }
      return this.write(tx, actor, state, 'keep', 'draft', prepared, form, null, now);
    });
  }

  /** Restores a revision's title, excerpt and body (a new save, so a new revision). */
  async restoreRevision(actor: Account, articleId: number, revisionId: number): Promise<SaveResult> {
    const { repos, clock } = this.deps;
    const revision = await repos.revisions.get(articleId, revisionId);
    const article = await repos.articles.findById(articleId);
    if (!revision || !article) throw new NotFound('revision');
    const kind = (await this.state(articleId))?.kind ?? 'post';
    if (!mayWriteKind(actor, kind)) throw new Forbidden('page.manage');
    // Everything but the text stays as it is now.
    const form = { ...formOf(article, [], 'UTC', kind), title: revision.title, excerpt: revision.excerpt, bodyHtml: revision.bodyHtml, publishAt: '' };
    const prepared = await this.prepare(actor, form);
    const now = clock.now().toISOString();
    return repos.transaction(async (tx) => {
      const state = await this.editableState(tx, actor, articleId);
      await repos.articleEditor.claimVersion(tx, articleId, state.version);
      return this.write(tx, actor, state, 'keep', 'update', { ...prepared, publishAt: state.publishedAt }, form, 'restore', now, true);
    });
  }

  async revisions(actor: Actor, articleId: number): Promise<{ state: EditorState; revisions: Revision[] }> {
    const state = await this.state(articleId);
    if (!state) throw new NotFound('article');
    if (!this.mayOpen(actor, state)) throw new Forbidden('article.edit');
    return { state, revisions: await this.repos.revisions.list(articleId) };
  }

  /**
   * Two revisions side by side: word-level differences of title, excerpt and body text.
   * `'current'` stands for the article as saved now (a refused save compares against it).
   */
  async compare(actor: Actor, articleId: number, fromId: number | 'current', toId: number | 'current'): Promise<Comparison> {
    const { revisions } = await this.revisions(actor, articleId);
    const pick = async (id: number | 'current'): Promise<Revision | undefined> => {
      if (id !== 'current') return revisions.find((r) => r.id === id);
      const a = await this.repos.articles.findById(articleId);
      return a ? { id: 0, articleId, kind: 'save', title: a.title, excerpt: a.excerpt, bodyHtml: a.bodyHtml, userId: null, userName: null, createdAt: a.updatedAt } : undefined;
    };
    const from = await pick(fromId);
    const to = await pick(toId);
    if (!from || !to) throw new NotFound('revision');
    // Oldest on the first side, whichever order they were picked in (the saved text counts as oldest:
    // a refused save is compared as a change to it).
    const order = (r: Revision) => (r.id === 0 ? -1 : r.id);
    const [a, b] = order(from) <= order(to) ? [from, to] : [to, from];
    return {
      from: a,
      to: b,
      title: wordDiff(a.title, b.title),
      excerpt: wordDiff(a.excerpt, b.excerpt),
      body: wordDiff(htmlToText(a.bodyHtml), htmlToText(b.bodyHtml)),
      markupOnly: htmlToText(a.bodyHtml) === htmlToText(b.bodyHtml) && a.bodyHtml !== b.bodyHtml,
    };
  }

  /** An article written elsewhere (an import) keeps the text it had as its first revision. */
  private async keepOriginal(tx: Kysely<Database>, id: number, now: string): Promise<void> {
    const { repos } = this;
    if (await repos.revisions.hasSaved(tx, id)) return;
    const before = await repos.articleEditor.text(tx, id);
    await repos.revisions.add(tx, { articleId: id, kind: 'original', title: before.title, excerpt: before.excerpt, bodyHtml: before.bodyHtml, userId: null }, now);
  }

  /** Trash and restore are status changes: the article list's bulk workflow does them. */
  private async changeStatus(actor: Account, id: number | null, action: 'trash' | 'restore'): Promise<SaveResult> {
    if (id === null) throw new Invalid('action', 'not_applicable');
    const state = await this.state(id);
    if (!state) throw new NotFound('article');
    if (!mayWriteKind(actor, state.kind)) throw new Forbidden('page.manage');
    const plan = state.kind === 'page' ? null : planFor(action, state.status);
    if (!plan) throw new Invalid('action', 'not_applicable');
    this.authorise(actor, state, plan.needs);
    await this.workflow.bulk(actor, action, [id]);
    const after = await this.state(id);
    return { kind: 'saved', id, version: after!.version, status: after!.status, savedAt: this.deps.clock.now().toISOString() };
  }

  /** An article whose text the actor is about to change: it exists, is not in the trash, and the actor may edit it. */
  private async editableState(tx: Kysely<Database>, actor: Actor, id: number): Promise<EditorState> {
    const state = await this.repos.articleEditor.state(tx, id);
    if (!state) throw new NotFound('article');
    if (state.status === 'trash') throw new Invalid('action', 'not_applicable');
    this.authorise(actor, state, ['article.edit']);
    return state;
  }

  private authorise(actor: Actor, state: EditorState | null, needs: ArticleAction[], kind: ArticleKind = 'post'): void {
    if (!mayWriteKind(actor, state?.kind ?? kind)) throw new Forbidden('page.manage');
    if (!state) {
      if (!canDo(actor, 'article.create')) throw new Forbidden('article.create');
      // A new article is the actor's own draft.
      for (const n of needs) if (!canDoTo(actor, n, { status: 'draft', authorIds: [actor.id] })) throw new Forbidden(n);
      return;
    }
    for (const n of needs) if (!canDoTo(actor, n, state)) throw new Forbidden(n);
  }

  /**
   * The form with the kind the save is for: a stored article's own (the form cannot change it).
   * A page has no sections, tags, translations or comments, and keeps the authors it has
   * (its form shows none); Forbidden before anything is checked when the actor may not write pages.
   */
  private async formForKind(actor: Actor, id: number | null, form: EditorForm): Promise<EditorForm> {
    const known = id === null ? null : await this.state(id);
    if (id !== null && !known) throw new NotFound('article');
    const kind = known?.kind ?? form.kind;
    if (!mayWriteKind(actor, kind)) throw new Forbidden('page.manage');
    if (kind === 'post') return { ...form, kind };
    return { ...form, kind, categoryIds: [], tags: '', translationIds: [], commentStatus: 'closed', authorIds: known?.authorIds.length ? known.authorIds : [actor.id] };
  }

  /** Checks every field before anything is written; throws Invalid naming the first bad one. */
  private async prepare(actor: Actor, form: EditorForm) {
    const editions = await loadEditions(this.repos);
    const edition = editions.get(form.edition);
    if (!edition) throw new Invalid('edition', 'unknown');
    return this.prepareIn(this.repos.db.kysely, actor, form, edition.code, edition);
  }

  private async prepareIn(db: Kysely<Database>, actor: Actor, form: EditorForm, editionCode: string, known?: Edition) {
    const repos = this.repos;
    const edition = known ?? (await repos.editions.all(db)).find((e) => e.code === editionCode);
    if (!edition) throw new Invalid('edition', 'unknown');
    const title = form.title.replace(/\s+/g, ' ').trim();
    if (!title) throw new Invalid('title', 'required');
    if (title.length > MAX_TITLE_LENGTH) throw new Invalid('title', 'too_long');
    let slug = slugify(title);
    if (form.slug.trim()) {
      slug = slugify(form.slug);
      if (!slug) throw new Invalid('slug', 'invalid');
    }
    if (!slug) throw new Invalid('title', 'invalid');
    if (form.kind === 'page' && isReservedPageSlug(slug)) throw new Invalid(form.slug.trim() ? 'slug' : 'title', 'invalid');
    if (form.bodyHtml.length > MAX_BODY_LENGTH) throw new Invalid('body', 'too_long');
    if (form.excerpt.length > MAX_EXCERPT_LENGTH) throw new Invalid('excerpt', 'too_long');

    const categories: Category[] = await repos.taxonomies.categories(edition.code);
    const byId = new Map(categories.map((c) => [c.id, c]));
    if (form.categoryIds.some((id) => !byId.has(id))) throw new Invalid('categories', 'other_edition');

    const tags = tagNames(form.tags);
    if (tags.length > MAX_TAGS || tags.some((t) => t.length > MAX_TAG_LENGTH || !slugify(t))) throw new Invalid('tags', tags.length > MAX_TAGS ? 'too_long' : 'invalid');

    const url = form.featuredImageUrl.trim();
    if (url && (url.length > MAX_URL_LENGTH || !isImageUrl(url))) throw new Invalid('featured_image_url', 'invalid');
    if (url && !form.featuredImageAlt.trim()) throw new Invalid('featured_image_alt', 'alt_required');
    if ([form.featuredImageAlt, form.featuredImageCaption, form.featuredImageCredit].some((s) => s.length > MAX_CAPTION_LENGTH)) throw new Invalid('featured_image_caption', 'too_long');

    let publishAt: string | null = null;
    if (form.publishAt.trim()) {
      publishAt = parseLocalDateTime(form.publishAt, edition.timezone);
      if (!publishAt) throw new Invalid('publish_at', 'invalid');
    }

    const accounts = await repos.accounts.all();
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    if (form.authorIds.some((id) => !accountById.has(id))) throw new Invalid('authors', 'unknown');
    let authorIds = [...new Set(form.authorIds)];
    // Authors and contributors stay on their own articles (they would lock themselves out);
    // only editors and administrators hand an article to someone else, as in WordPress.
    const managesOthers = actor.role === 'administrator' || actor.role === 'editor';
    if (!managesOthers && !authorIds.includes(actor.id)) authorIds = [actor.id, ...authorIds];
    if (!authorIds.length) authorIds = [actor.id];

    const picks = await repos.articleEditor.choicesByIds(db, [...new Set(form.translationIds)]);
    if (picks.length !== new Set(form.translationIds).size) throw new Invalid('translations', 'unknown');
    if (picks.some((p) => p.edition === edition.code)) throw new Invalid('translations', 'other_edition');
    if (new Set(picks.map((p) => p.edition)).size !== picks.length) throw new Invalid('translations', 'one_per_edition');

    return {
      edition,
      title,
      slug,
      // Sanitised here already: revisions (a refused save, an autosave) keep only safe HTML too.
      bodyHtml: sanitizeArticleHtml(form.bodyHtml),
      categorySlugs: form.categoryIds.map((id) => byId.get(id)!.slug),
      tags,
      authorSlugs: authorIds.map((id) => accountById.get(id)!.slug),
      featuredImage: url ? { url, alt: form.featuredImageAlt, caption: form.featuredImageCaption, credit: form.featuredImageCredit } : null,
      publishAt,
      picks,
    };
  }

  /** The write itself, inside the caller's transaction, with the lock already taken. */
  private async write(
    tx: Kysely<Database>,
    actor: Actor,
    state: EditorState | null,
    target: ArticleStatus | 'keep',
    action: EditorAction,
    p: Awaited<ReturnType<ArticleEditor['prepareIn']>>,
    form: EditorForm,
    revisionKind: RevisionKind | null,
    now: string,
    keepTranslations = false,
  ): Promise<SaveResult> {
    const { repos } = this;
    let status: ArticleStatus = target === 'keep' ? state!.status : target;
    let publishedAt = p.publishAt ?? state?.publishedAt ?? null;
    if (status === 'published' || status === 'scheduled') {
      // Publishing without a date: now (an unpublished article returns with the date it had).
      publishedAt ??= now;
      // A live article moved to a date that has come: it is published, which takes that right.
      status = 'published';
      if (state?.status === 'scheduled' && publishedAt <= now) this.authorise(actor, state, ['article.publish']);
    }

    // Translations: after the save the group is this article and the picked ones, nothing else.
    let group = state?.translationGroup ?? null;
    if (!keepTranslations) {
      const pickIds = p.picks.map((x) => x.id);
      group ??= p.picks.find((x) => x.translationGroup)?.translationGroup ?? null;
      if (!group && pickIds.length) group = `tg-${randomUUID()}`;
      const members = group ? (await repos.articleEditor.groupMembers(tx, group)).filter((m) => m !== state?.id) : [];
      const leaving = members.filter((m) => !pickIds.includes(m));
      const joining = p.picks.filter((x) => x.translationGroup !== group).map((x) => x.id);
      // Linking or unlinking another article changes its page (hreflang): that takes editing it.
      for (const mid of [...leaving, ...joining]) {
        const t = await repos.articleEditor.state(tx, mid);
        if (t && !canDoTo(actor, 'article.edit', t)) throw new Invalid('translations', 'not_allowed');
      }
      await repos.articleEditor.setGroup(tx, leaving, null);
      await repos.articleEditor.setGroup(tx, joining, group);
      if (!pickIds.length) group = null;
    }

    if (state) await this.keepOriginal(tx, state.id, now);
    const id = await this.articles.save(
      {
        ...(state && { id: state.id }),
        kind: state?.kind ?? form.kind,
        edition: p.edition.code,
        title: p.title,
        slug: p.slug,
        excerpt: form.excerpt,
        bodyHtml: p.bodyHtml,
        status,
        publishedAt,
        commentStatus: form.commentStatus,
        translationGroup: group,
        authorSlugs: p.authorSlugs,
        categorySlugs: p.categorySlugs,
        tagNames: p.tags,
        featuredImage: p.featuredImage,
      },
      tx,
    );
    const saved = await repos.articleEditor.state(tx, id);
    // A published article's old address keeps answering, with a 301 to the new one
    // (dated addresses: a page's /<edition>/<slug>/ is not one).
    if (state && state.kind === 'post' && state.status === 'published' && state.publishedAt && saved &&
      (saved.slug !== state.slug || saved.edition !== state.edition || saved.publishedAt !== state.publishedAt)) {
      await repos.oldUrls.record(tx, { edition: state.edition, slug: state.slug, publishedAt: state.publishedAt, articleId: id }, now);
    }
    if (state?.status === 'published' && saved?.status === 'published' && action === 'update') await repos.articleEditor.markRevised(tx, id, now);
    const text = await repos.articleEditor.text(tx, id);
    if (revisionKind) await repos.revisions.add(tx, { articleId: id, kind: revisionKind, title: text.title, excerpt: text.excerpt, bodyHtml: text.bodyHtml, userId: actor.id }, now);
    return { kind: 'saved', id, version: text.version, status: text.status, savedAt: now };
  }
}

export interface Comparison {
  from: Revision;
  to: Revision;
  title: DiffPart[];
  excerpt: DiffPart[];
  body: DiffPart[];
  /** The texts are the same and only the HTML (links, emphasis) changed. */
  markupOnly: boolean;
}

/** The form as an article fills it (the edit page, and a restore that keeps everything but the text). */
export function formOf(a: Article, translations: TranslationChoice[], timeZone = 'UTC', kind: ArticleKind = 'post'): EditorForm {
  return {
    kind,
    title: a.title,
    bodyHtml: a.bodyHtml,
    // An excerpt that was made from the body shows empty, so it is made again from the new body.
    excerpt: a.excerpt === excerptOf(a.bodyText) ? '' : a.excerpt,
    slug: a.slug,
    edition: a.edition,
    categoryIds: a.categories.map((c) => c.id),
    tags: a.tags.map((t) => t.name).join('، '),
    authorIds: a.authors.map((x) => x.id),
    featuredImageUrl: a.featuredImageUrl ?? '',
    featuredImageAlt: a.featuredImageAlt,
    featuredImageCaption: a.featuredImageCaption,
    featuredImageCredit: a.featuredImageCredit,
    commentStatus: a.commentStatus,
    translationIds: translations.map((t) => t.id),
    publishAt: a.publishedAt ? localDateTime(a.publishedAt, timeZone) : '',
  };
}
