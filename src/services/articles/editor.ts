import { randomUUID } from 'node:crypto';
import type { Account } from '../../domain/account.ts';
import type { ArticleKind, ArticleRef, ArticleState, ArticleStatus } from '../../domain/article.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import type { RevisionKind } from '../../domain/revision.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Touch, Tx } from '../../storage/write-path.ts';
import { loadEditions } from '../editions/editions.ts';
import { type Actor, type ArticleAction, canDo, canDoTo } from '../users/capabilities.ts';
import { ArticleService } from './articles.ts';
import { EditorReads } from './editor-reads.ts';
import { blankForm, checkCoAuthors, checkForm, type EditorForm, formOf, type PreparedArticle } from './editor-form.ts';
import { type EditorAction, mayWriteKind, planFor } from './editor-rules.ts';
import { ArticleWorkflow } from './workflow.ts';

/** How long an untouched auto-draft is kept (WordPress: 7 days). */
export const AUTO_DRAFT_DAYS = 7;

/** What a save did: saved (the new version), or refused because the article moved on meanwhile. */
export type SaveResult =
  | { kind: 'saved'; id: number; version: number; status: ArticleStatus; savedAt: string }
  | { kind: 'conflict'; id: number; version: number; revisionId: number; savedAt: string };

/**
 * The newsroom editor's write side: one save per button, checked on the server against the
 * actor's capabilities and the version the form was loaded at; every save leaves a revision.
 * Content goes through ArticleService.save (sanitising, search index, what readers must re-read).
 * What the editor's pages show is read by `EditorReads` (`reads`).
 */
export class ArticleEditor {
  private readonly articles: ArticleService;
  private readonly workflow: ArticleWorkflow;
  readonly reads: EditorReads;

  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {
    this.articles = new ArticleService(deps);
    this.workflow = new ArticleWorkflow(deps);
    this.reads = new EditorReads(deps);
  }

  private get repos() {
    return this.deps.repos;
  }

  /** The form for a new article of `kind` in the edition `edition` names (else the default). */
  async blank(actor: Actor, edition: string | undefined, kind: ArticleKind): Promise<EditorForm> {
    if (!canDo(actor, 'article.create')) throw new Forbidden('article.create');
    if (!mayWriteKind(actor, kind)) throw new Forbidden('page.manage');
    const editions = await loadEditions(this.repos);
    return blankForm(actor, (editions.get(edition ?? '') ?? editions.default).code, kind);
  }

  /**
   * Saves the form with one of the buttons. `id` null creates an article; otherwise `version` is
   * the one the form was loaded at. Throws Invalid (every bad field), Forbidden or NotFound; a save
   * against a newer version is not applied: its text is kept as a revision and `conflict` returned.
   */
  async save(actor: Account, id: number | null, version: number | null, action: EditorAction, form: EditorForm): Promise<SaveResult> {
    return this.saveAs(actor, id, version, action, form, false);
  }

  /** `autoDraft`: the save is an autosave's first, which makes an auto-draft (no slug, not listed). */
  private async saveAs(actor: Account, id: number | null, version: number | null, action: EditorAction, form: EditorForm, autoDraft: boolean): Promise<SaveResult> {
    if (action === 'trash' || action === 'restore') return this.changeStatus(actor, id, action);
    const { repos, clock } = this.deps;
    form = await this.formForKind(actor, id, form);
    const prepared = await this.prepare(actor, form);
    const now = clock.now().toISOString();
    // What readers see changes only through ArticleService.save (it touches the keys itself).
    return repos.write(async (tx, touch) => {
      const state = id === null ? null : await repos.articleEditor.state(id, tx);
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
      return this.write(tx, touch, actor, state, plan.status, action, prepared, form, 'save', now, { autoDraft });
    }, { invalidates: [] });
  }

  /**
   * Autosave: a draft (or an article pending review) is updated in place; a live article only
   * gets an autosave revision, so the public page never changes by itself. `id` null creates a draft.
   */
  async autosave(actor: Account, id: number | null, version: number | null, form: EditorForm): Promise<SaveResult> {
    const { repos, clock } = this.deps;
    // The first autosave of a new article makes an auto-draft: WordPress's, which holds no slug
    // and no list shows until the writer saves it for real (abandoned ones are deleted later).
    if (id === null) return this.saveAs(actor, null, null, 'draft', form, true);
    const stored = await repos.articleEditor.state(id);
    if (!stored) throw new NotFound('article');
    // An autosave cannot move the article to another edition.
    form = await this.formForKind(actor, id, { ...form, edition: stored.edition });
    const prepared = await this.prepare(actor, form);
    const now = clock.now().toISOString();
    return repos.write(async (tx, touch) => {
      const state = await this.editableState(tx, actor, id);
      await this.keepOriginal(tx, id, now);
      const revisionId = await repos.revisions.autosave(tx, { articleId: id, title: prepared.title, excerpt: form.excerpt.trim(), bodyHtml: prepared.bodyHtml, userId: actor.id }, now);
      const live = state.status === 'published' || state.status === 'scheduled';
      if (live) return { kind: 'saved', id, version: state.version, status: state.status, savedAt: now };
      if (version === null || !(await repos.articleEditor.claimVersion(tx, id, version))) {
        return { kind: 'conflict', id, version: state.version, revisionId, savedAt: now };
      }
      return this.write(tx, touch, actor, state, 'keep', 'draft', prepared, form, null, now, { autoDraft: state.autoDraft });
    }, { invalidates: [] });
  }

  /**
   * Deletes auto-drafts no one has touched for `AUTO_DRAFT_DAYS` days, as WordPress does
   * (wp_delete_auto_drafts): an autosave made them, no one saved them, no list shows them.
   * No reader ever saw one, so the write invalidates nothing. Returns how many went.
   */
  async deleteOldAutoDrafts(): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - AUTO_DRAFT_DAYS * 86_400_000).toISOString();
    return this.repos.write((tx) => this.repos.articleEditor.deleteAutoDrafts(tx, before), { invalidates: [] });
  }

  /**
   * Restores a revision's title, excerpt and body (a new save, so a new revision). A revision
   * that cannot be restored (into a trashed article, or a text that no longer passes the checks)
   * is a Conflict: there is no form to correct.
   */
  async restoreRevision(actor: Account, articleId: number, revisionId: number): Promise<SaveResult> {
    try {
      return await this.restore(actor, articleId, revisionId);
    } catch (e) {
      if (e instanceof Invalid) throw new Conflict(e.message, e.problems[0]);
      throw e;
    }
  }

  private async restore(actor: Account, articleId: number, revisionId: number): Promise<SaveResult> {
    const { repos, clock } = this.deps;
    const revision = await repos.revisions.get(articleId, revisionId);
    const article = await repos.articles.findById(articleId);
    if (!revision || !article) throw new NotFound('revision');
    const kind = (await repos.articleEditor.state(articleId))?.kind ?? 'post';
    if (!mayWriteKind(actor, kind)) throw new Forbidden('page.manage');
    // Everything but the text stays as it is now.
    const form = { ...formOf(article, [], 'UTC', kind), title: revision.title, excerpt: revision.excerpt, bodyHtml: revision.bodyHtml, publishAt: '' };
    const prepared = await this.prepare(actor, form);
    const now = clock.now().toISOString();
    return repos.write(async (tx, touch) => {
      const state = await this.editableState(tx, actor, articleId);
      await repos.articleEditor.claimVersion(tx, articleId, state.version);
      return this.write(tx, touch, actor, state, 'keep', 'update', { ...prepared, publishAt: state.publishedAt }, form, 'restore', now, { keepTranslations: true });
    }, { invalidates: [] });
  }

  /** An article written elsewhere (an import) keeps the text it had as its first revision. */
  private async keepOriginal(tx: Tx, id: number, now: string): Promise<void> {
    const { repos } = this;
    if (await repos.revisions.hasSaved(tx, id)) return;
    const before = await repos.articleEditor.text(tx, id);
    await repos.revisions.add(tx, { articleId: id, kind: 'original', title: before.title, excerpt: before.excerpt, bodyHtml: before.bodyHtml, userId: null }, now);
  }

  /** Trash and restore are status changes: the article list's bulk workflow does them. */
  private async changeStatus(actor: Account, id: number | null, action: 'trash' | 'restore'): Promise<SaveResult> {
    if (id === null) throw new Invalid('action', 'not_applicable');
    const state = await this.repos.articleEditor.state(id);
    if (!state) throw new NotFound('article');
    if (!mayWriteKind(actor, state.kind)) throw new Forbidden('page.manage');
    const plan = state.kind === 'page' ? null : planFor(action, state.status);
    if (!plan) throw new Invalid('action', 'not_applicable');
    this.authorise(actor, state, plan.needs);
    await this.workflow.bulk(actor, action, [id]);
    const after = await this.repos.articleEditor.state(id);
    return { kind: 'saved', id, version: after!.version, status: after!.status, savedAt: this.deps.clock.now().toISOString() };
  }

  /** An article whose text the actor is about to change: it exists, is not in the trash, and the actor may edit it. */
  private async editableState(tx: Tx, actor: Actor, id: number): Promise<ArticleState> {
    const state = await this.repos.articleEditor.state(id, tx);
    if (!state) throw new NotFound('article');
    if (state.status === 'trash') throw new Invalid('action', 'not_applicable');
    this.authorise(actor, state, ['article.edit']);
    return state;
  }

  private authorise(actor: Actor, state: ArticleState | null, needs: ArticleAction[], kind: ArticleKind = 'post'): void {
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
    const known = id === null ? null : await this.repos.articleEditor.state(id);
    if (id !== null && !known) throw new NotFound('article');
    const kind = known?.kind ?? form.kind;
    if (!mayWriteKind(actor, kind)) throw new Forbidden('page.manage');
    // An edit form cannot move the article to another edition (its URLs, sections and links are the edition's).
    const edition = known?.edition ?? form.edition;
    if (kind === 'post') {
      checkCoAuthors(actor, known?.authorIds ?? [], form.authorIds);
      return { ...form, kind, edition };
    }
    return { ...form, kind, edition, categoryIds: [], tags: '', translationIds: [], commentStatus: 'closed', authorIds: known?.authorIds.length ? known.authorIds : [actor.id] };
  }

  /** Checks every field before anything is written; throws Invalid with every bad field. */
  private async prepare(actor: Actor, form: EditorForm): Promise<PreparedArticle> {
    const { repos } = this;
    const edition = (await loadEditions(repos)).get(form.edition);
    if (!edition) throw new Invalid('edition', 'unknown');
    const [categories, accounts, picks] = await Promise.all([
      repos.taxonomies.categories(edition.code),
      repos.accounts.all(),
      repos.articleEditor.choicesByIds([...new Set(form.translationIds)]),
    ]);
    return checkForm(actor, form, { edition, categories, accounts, picks });
  }

  /** The write itself, inside the caller's transaction, with the lock already taken. */
  private async write(
    tx: Tx,
    touch: Touch,
    actor: Actor,
    state: ArticleState | null,
    target: ArticleStatus | 'keep',
    action: EditorAction,
    p: PreparedArticle,
    form: EditorForm,
    revisionKind: RevisionKind | null,
    now: string,
    { keepTranslations = false, autoDraft = false }: { keepTranslations?: boolean; autoDraft?: boolean } = {},
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

    const group = keepTranslations ? (state?.translationGroup ?? null) : await this.linkTranslations(tx, actor, state, p.picks);

    if (state) await this.keepOriginal(tx, state.id, now);
    const isPost = (state?.kind ?? form.kind) === 'post';
    // The front page's flags are the home lead's business (WordPress: sticky takes edit_others_posts);
    // anyone else's save keeps the stored ones.
    const setsFlags = canDo(actor, 'home.lead');
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
        ...p.fields,
        ...(!isPost && { kicker: '', dateline: '' }),
        breaking: isPost && (setsFlags ? form.breaking : (state?.breaking ?? false)),
        sticky: isPost && (setsFlags ? form.pinned : (state?.sticky ?? false)),
        autoDraft,
      },
      tx,
      touch,
    );
    const saved = await repos.articleEditor.state(id, tx);
    // (A published post's old address is kept by the save itself: ArticleService.save.)
    if (state?.status === 'published' && saved?.status === 'published' && action === 'update') await repos.articleEditor.markRevised(tx, id, now);
    const text = await repos.articleEditor.text(tx, id);
    if (revisionKind) await repos.revisions.add(tx, { articleId: id, kind: revisionKind, title: text.title, excerpt: text.excerpt, bodyHtml: text.bodyHtml, userId: actor.id }, now);
    return { kind: 'saved', id, version: text.version, status: text.status, savedAt: now };
  }

  /** After the save the translation group is this article and the picked ones, nothing else: its id. */
  private async linkTranslations(tx: Tx, actor: Actor, state: ArticleState | null, picks: readonly ArticleRef[]): Promise<string | null> {
    const { repos } = this;
    const pickIds = picks.map((x) => x.id);
    let group = state?.translationGroup ?? null;
    group ??= picks.find((x) => x.translationGroup)?.translationGroup ?? null;
    if (!group && pickIds.length) group = `tg-${randomUUID()}`;
    const members = group ? (await repos.articleEditor.groupMembers(tx, group)).filter((m) => m !== state?.id) : [];
    const leaving = members.filter((m) => !pickIds.includes(m));
    const joining = picks.filter((x) => x.translationGroup !== group).map((x) => x.id);
    // Linking or unlinking another article changes its page (hreflang): that takes editing it.
    for (const mid of [...leaving, ...joining]) {
      const t = await repos.articleEditor.state(mid, tx);
      if (t && !canDoTo(actor, 'article.edit', t)) throw new Invalid('translations', 'not_allowed');
    }
    await repos.articleEditor.setGroup(tx, leaving, null);
    await repos.articleEditor.setGroup(tx, joining, group);
    return pickIds.length ? group : null;
  }
}
