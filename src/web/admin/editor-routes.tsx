import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../domain/account.ts';
import type { Article, ArticleKind, ArticleStatus } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import { type AdminStringKey, adminTranslator, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import {
  actionsFor, ArticleEditor, type EditorForm, formOf, isEditorAction, mayWriteKind, TRANSLATION_CHOICES,
} from '../../services/articles/editor.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { canDo, canDoTo } from '../../services/users/capabilities.ts';
import type { TranslationChoice } from '../../storage/article-editor.ts';
import type { Revision } from '../../storage/article-revisions.ts';
import { ComparePage, EditorPage, type EditorPageVM, RevisionsPage } from '../../theme/admin/editor-pages.tsx';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { ArticlePage } from '../../theme/pages.tsx';
import { StaticPageView } from '../../theme/static-page.tsx';
import { renderDocument } from '../../theme/render.tsx';
import { articleLayout, articleVM, layoutVM } from '../public/presenters.ts';
import { SiteState } from '../public/site-state.ts';
import { type AdminCss, type AdminDeps, ADMIN, field, fields, requireAccount, type Reshow, sendAdmin, shell, withQuery } from './context.ts';
import { editorScriptUrl } from './editor-bundle.ts';

/** The editor's URLs (kept here: adminUrls in context.ts is shared by every newsroom area). */
export const editorUrls = {
  create: (q: { edition?: string; kind?: ArticleKind } = {}) => withQuery(`${ADMIN}/articles/new`, q),
  createAutosave: () => `${ADMIN}/articles/new/autosave`,
  edit: (id: number, q: { saved?: string } = {}) => withQuery(`${ADMIN}/articles/${id}/edit`, q),
  autosave: (id: number) => `${ADMIN}/articles/${id}/autosave`,
  preview: (id: number) => `${ADMIN}/articles/${id}/preview`,
  revisions: (id: number, q: { saved?: string } = {}) => withQuery(`${ADMIN}/articles/${id}/revisions`, q),
  compare: (id: number, from: number | 'current', to: number | 'current') => withQuery(`${ADMIN}/articles/${id}/revisions/compare`, { from: String(from), to: String(to) }),
  restore: (id: number, rev: number) => `${ADMIN}/articles/${id}/revisions/${rev}/restore`,
};

const MEDIA_JSON = `${ADMIN}/media.json`;
/**
 * The editor's form may carry a long article: percent-encoded, an Arabic letter takes 6 bytes,
 * so the site-wide 1 MB form limit would cut a long feature. The service caps the body itself.
 */
const FORM_LIMIT = 8 * 1024 * 1024;
/** Form field ids that carry their own message; anything else is shown above the form. */
const FIELD_IDS = new Set(['title', 'slug', 'body', 'excerpt', 'edition', 'categories', 'tags', 'authors', 'featured_image_url', 'featured_image_alt', 'featured_image_caption', 'publish_at', 'translations', 'action']);

const ids = (xs: string[]) => xs.filter((s) => /^\d{1,9}$/.test(s)).map(Number);

/** The editor form as posted (unchecked: the service checks every field). */
export function parseEditorForm(body: unknown): EditorForm {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    kind: field(b, 'kind') === 'page' ? 'page' : 'post',
    title: field(b, 'title'),
    bodyHtml: field(b, 'body'),
    excerpt: field(b, 'excerpt'),
    slug: field(b, 'slug'),
    edition: field(b, 'edition'),
    categoryIds: ids(fields(b, 'categories')),
    tags: field(b, 'tags'),
    authorIds: ids(fields(b, 'authors')),
    featuredImageUrl: field(b, 'featured_image_url'),
    featuredImageAlt: field(b, 'featured_image_alt'),
    featuredImageCaption: field(b, 'featured_image_caption'),
    featuredImageCredit: field(b, 'featured_image_credit'),
    commentStatus: field(b, 'comment_status') === 'closed' ? 'closed' : 'open',
    translationIds: ids(Object.keys(b).filter((k) => /^translation_[a-z0-9-]{1,16}$/.test(k)).map((k) => field(b, k))),
    publishAt: field(b, 'publish_at'),
  };
}

/** The message for a refused field, in the UI language. */
function problemText(t: AdminTranslate, e: Invalid): string {
  if (e.field === 'slug' && e.reason === 'invalid') return t('err_slug');
  if (e.field === 'featured_image_url' && e.reason === 'invalid') return t('err_image_url');
  if (e.field === 'publish_at' && e.reason === 'invalid') return t('err_publish_at');
  const key = `err_${e.reason}` as AdminStringKey;
  return /^[a-z_]+$/.test(e.reason) && key in KNOWN_ERRORS ? t(key) : t('err_invalid');
}
const KNOWN_ERRORS = { err_required: 1, err_too_long: 1, err_invalid: 1, err_unknown: 1, err_other_edition: 1, err_alt_required: 1, err_one_per_edition: 1, err_not_allowed: 1, err_not_applicable: 1 };

const editionLabel = (t: AdminTranslate, code: string) => (code === 'ar' ? t('editionName_ar') : code === 'en' ? t('editionName_en') : code);

/** «25 فبراير 2026 - 14:05» in the UI language, in the given zone (as the article list shows dates). */
function dateText(iso: string, locale: 'ar' | 'en', timeZone: string): string {
  const z = zonedParts(iso, timeZone);
  const month = new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : 'en-GB', { month: 'short', timeZone }).format(new Date(iso));
  return `${z.day} ${month} ${z.year} - ${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
}

interface ShowOptions {
  status: number;
  /** A news post or a static page (the stored article's kind, or what the new one becomes). */
  kind: ArticleKind;
  /** The stored article (null: a new one). */
  article: Article | null;
  articleState: { status: ArticleStatus; authorIds: number[] } | null;
  version: number | null;
  form: EditorForm;
  errors?: Record<string, string>;
  notices?: Notice[];
  conflict?: { compareUrl: string } | null;
  extraLinks?: { label: string; url: string }[];
}

export function registerEditorRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const { repos } = deps;
  const editor = new ArticleEditor({ repos, clock: deps.clock });
  const site = new SiteState({ repos, urls: deps.urls, assets: deps.assets });

  const render = (req: FastifyRequest, reply: FastifyReply, account: Account, status: number, title: string, body: preact.ComponentChildren, current: 'articles' | 'manage' = 'articles') => {
    const sh = shell(req, reply, deps.css, deps.urls.siteUrl, { locale: account.locale, title, account, current, here: req.url });
    let html = renderAdminDocument(sh, body);
    // The rich-text bundle enhances the plain form when it is built (the form works without it).
    const script = editorScriptUrl();
    if (script) html = html.replace('</body>', `<script type="module" src="${script.replace(/[&<>"']/g, '')}"></script></body>`);
    return sendAdmin(reply, status, html);
  };

  /** The editor page: for GET, and again after a refused save with everything that was typed. */
  const showEditor = async (req: FastifyRequest, reply: FastifyReply, o: ShowOptions) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const isPage = o.kind === 'page';
    const editions = (await loadEditions(repos)).list;
    const edition: Edition = editions.find((e) => e.code === o.form.edition) ?? editions.find((e) => e.code === o.article?.edition) ?? editions[0]!;
    const [categories, accounts] = await Promise.all([repos.taxonomies.categories(edition.code), repos.accounts.all()]);
    const picked = await repos.articleEditor.choicesByIds(repos.db.kysely, o.form.translationIds);
    const translations = [];
    // A page has no translation links (nor sections, tags, co-authors or comments).
    for (const other of isPage ? [] : editions.filter((e) => e.code !== edition.code)) {
      const offered: TranslationChoice[] = await repos.articleEditor.translationChoices(other.code, TRANSLATION_CHOICES);
      const chosen = picked.find((p) => p.edition === other.code);
      if (chosen && !offered.some((c) => c.id === chosen.id)) offered.unshift(chosen);
      translations.push({
        name: `translation_${other.code}`,
        label: t('translationIn', { edition: editionLabel(t, other.code) }),
        lang: other.locale,
        dir: other.dir,
        options: [
          { value: '', label: t('noTranslation'), selected: !chosen },
          ...offered.filter((c) => c.id !== o.article?.id).map((c) => ({ value: String(c.id), label: `${c.title} (${t(`status_${c.status}`)})`, selected: c.id === chosen?.id })),
        ],
      });
    }
    const a = o.article;
    const buttons = actionsFor(account, o.articleState, o.kind).map((x) => ({ action: x, label: t(`action_${x}`) }));
    const links: { label: string; url: string }[] = [];
    if (a) {
      links.push({ label: t('preview'), url: editorUrls.preview(a.id) });
      if (a.status === 'published' && a.publishedAt) links.push({ label: t('viewLive'), url: isPage ? deps.urls.staticPage(edition, a.slug) : deps.urls.article(edition, a) });
      links.push({ label: t('revisionsLink', { count: (await repos.revisions.list(a.id)).length }), url: editorUrls.revisions(a.id) });
      links.push(...(o.extraLinks ?? []));
    }
    const vm: EditorPageVM = {
      kind: o.kind,
      heading: isPage
        ? a ? t('editPage') : t('newPageIn', { edition: editionLabel(t, edition.code) })
        : a ? t('editArticle') : t('newArticleIn', { edition: editionLabel(t, edition.code) }),
      notices: o.notices ?? [],
      conflict: o.conflict ?? null,
      action: a ? editorUrls.edit(a.id) : editorUrls.create(),
      autosaveUrl: a ? editorUrls.autosave(a.id) : editorUrls.createAutosave(),
      mediaUrl: MEDIA_JSON,
      csrf: reply.generateCsrf(),
      version: o.version,
      lang: edition.locale,
      dir: edition.dir,
      values: {
        title: o.form.title, body: o.form.bodyHtml, excerpt: o.form.excerpt, slug: o.form.slug, tags: o.form.tags,
        imageUrl: o.form.featuredImageUrl, imageAlt: o.form.featuredImageAlt, imageCaption: o.form.featuredImageCaption, imageCredit: o.form.featuredImageCredit,
        publishAt: o.form.publishAt,
      },
      errors: o.errors ?? {},
      editions: editions.map((e) => ({ value: e.code, label: editionLabel(t, e.code), selected: e.code === edition.code })),
      editionFixed: Boolean(a),
      categories: categories.map((c) => ({ id: c.id, label: c.name, checked: o.form.categoryIds.includes(c.id) })),
      authors: accounts.map((x) => ({ id: x.id, label: `${x.name} (${t(`role_${x.role}`)})`, checked: o.form.authorIds.includes(x.id) })),
      commentsOpen: o.form.commentStatus === 'open',
      translations,
      status: o.articleState ? t('currentStatus', { status: t(`status_${o.articleState.status}`) }) : null,
      zone: edition.timezone,
      buttons,
      links,
      newLinks: a ? [] : editions.filter((e) => e.code !== edition.code).map((e) => isPage
        ? { label: t('newPageIn', { edition: editionLabel(t, e.code) }), url: editorUrls.create({ edition: e.code, kind: 'page' }) }
        : { label: t('newArticleIn', { edition: editionLabel(t, e.code) }), url: editorUrls.create({ edition: e.code }) }),
    };
    return render(req, reply, account, o.status, vm.heading, <EditorPage vm={vm} t={t} />, isPage ? 'manage' : 'articles');
  };

  const blankForm = (account: Account, edition: string, kind: ArticleKind): EditorForm => ({
    kind,
    title: '', bodyHtml: '', excerpt: '', slug: '', edition, categoryIds: [], tags: '', authorIds: [account.id],
    featuredImageUrl: '', featuredImageAlt: '', featuredImageCaption: '', featuredImageCredit: '', commentStatus: 'open', translationIds: [], publishAt: '',
  });

  const idParam = (req: FastifyRequest) => {
    const s = (req.params as { id?: string }).id ?? '';
    if (!/^\d{1,9}$/.test(s)) throw new NotFound('article');
    return Number(s);
  };

  /** The stored article for the edit page, or the reason it cannot be opened. */
  const loadForEdit = async (account: Account, id: number) => {
    const doc = await editor.load(account, id);
    const editions = (await loadEditions(repos)).list;
    const zone = editions.find((e) => e.code === doc.article.edition)?.timezone ?? 'UTC';
    const state = { status: doc.article.status, authorIds: doc.article.authors.map((x) => x.id) };
    return { ...doc, state, form: formOf(doc.article, doc.translations, zone, doc.kind) };
  };

  admin.get<{ Querystring: { edition?: string; kind?: string } }>('/articles/new', { preHandler: requireAccount }, async (req, reply) => {
    const account = req.newsroomAccount!;
    if (!canDo(account, 'article.create')) throw new Forbidden('article.create');
    const kind: ArticleKind = req.query.kind === 'page' ? 'page' : 'post';
    if (!mayWriteKind(account, kind)) throw new Forbidden('page.manage');
    const editions = await loadEditions(repos);
    const edition = editions.get(req.query.edition ?? '') ?? editions.default;
    return showEditor(req, reply, { status: 200, kind, article: null, articleState: null, version: null, form: blankForm(account, edition.code, kind) });
  });

  admin.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/articles/:id/edit', { preHandler: requireAccount }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const doc = await loadForEdit(account, idParam(req));
    const saved = req.query.saved ?? '';
    const savedKey = ({ draft: 'saved_draft', pending: 'saved_pending', published: 'saved_published', scheduled: 'saved_scheduled', trash: 'saved_trash', updated: 'savedUpdated', restored: 'savedRestored' } as const)[saved as 'draft'];
    const notices: Notice[] = savedKey ? [{ kind: 'info', text: t(savedKey) }] : [];
    // The newest revision is an autosave whose text is not the saved one (a live article's
    // autosaves never touch it, nor does one refused as a conflict): say so.
    const [newest] = await repos.revisions.list(doc.article.id);
    const extraLinks = [];
    if (newest?.kind === 'autosave' && (newest.title !== doc.article.title || newest.bodyHtml !== doc.article.bodyHtml)) {
      notices.push({ kind: 'info', text: t('newerAutosave') });
      extraLinks.push({ label: t('compareAutosave'), url: editorUrls.compare(doc.article.id, 'current', newest.id) });
    }
    return showEditor(req, reply, { status: 200, kind: doc.kind, article: doc.article, articleState: doc.state, version: doc.version, form: doc.form, notices, extraLinks });
  });

  /** A save from the form (new or existing): redirect on success, the form again with a message otherwise. */
  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const form = parseEditorForm(req.body);
    const action = field(req.body, 'action');
    const versionField = field(req.body, 'version');
    // A form without the version it was loaded at cannot prove it saw the latest text.
    const version = id === null ? null : /^\d{1,9}$/.test(versionField) ? Number(versionField) : 0;
    const stored = id === null ? null : await repos.articles.findById(id);
    if (id !== null && !stored) throw new NotFound('article');
    const state = stored && { status: stored.status, authorIds: stored.authors.map((x) => x.id) };
    // An edit form cannot move the article to another edition (its URLs, sections and links are the edition's),
    // nor make a post of a page or a page of a post.
    if (stored) form.edition = stored.edition;
    if (id !== null) form.kind = (await editor.state(id))?.kind ?? 'post';
    // Pages are for those who manage them: a refusal shows no form (there is nothing of theirs to keep).
    if (!mayWriteKind(account, form.kind)) throw new Forbidden('page.manage');
    // The typed text comes back in every case; what is stored (status, revisions, links) only
    // to someone who may open the article.
    const mayOpen = stored && state ? editor.mayOpen(account, { ...state, kind: form.kind }) : false;
    const again = (status: number, extra: Partial<ShowOptions>) =>
      showEditor(req, reply, { status, kind: form.kind, article: mayOpen ? stored : null, articleState: mayOpen ? state : null, version, form, ...extra });
    // A refused save (even on an article this account may no longer open, e.g. published
    // meanwhile) shows the form again with what was typed: nothing written is ever lost.
    if (!isEditorAction(action)) return again(400, { errors: { action: t('err_not_applicable') }, notices: [{ kind: 'error', text: t('formHasErrors') }] });
    try {
      const r = await editor.save(account, id, version, action, form);
      if (r.kind === 'conflict') {
        return again(409, { version: r.version, conflict: { compareUrl: editorUrls.compare(r.id, 'current', r.revisionId) } });
      }
      const saved = action === 'update' && r.status === 'published' ? 'updated' : r.status;
      return reply.redirect(editorUrls.edit(r.id, { saved }), 303);
    } catch (e) {
      if (e instanceof Invalid) {
        const key = FIELD_IDS.has(e.field) ? e.field : 'action';
        return again(400, { errors: { [key]: problemText(t, e) }, notices: [{ kind: 'error', text: t('formHasErrors') }] });
      }
      if (e instanceof Forbidden) return again(403, { notices: [{ kind: 'error', text: t('actionForbidden') }] });
      throw e;
    }
  };

  // A form whose CSRF token expired comes back with everything typed.
  const expired = (id: number | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.newsroomAccount) return requireAccount(req, reply);
    const account = req.newsroomAccount;
    const stored = id === null ? null : await repos.articles.findById(id);
    const form = parseEditorForm(req.body);
    if (stored) form.edition = stored.edition;
    if (id !== null) form.kind = (await editor.state(id))?.kind ?? 'post';
    if (!mayWriteKind(account, form.kind)) throw new Forbidden('page.manage');
    const version = field(req.body, 'version');
    return showEditor(req, reply, {
      status: 403, kind: form.kind, article: stored, articleState: stored && { status: stored.status, authorIds: stored.authors.map((x) => x.id) },
      version: /^\d{1,9}$/.test(version) ? Number(version) : null, form,
      notices: [{ kind: 'error', text: adminTranslator(account.locale)('formExpired') }],
    });
  };
  deps.reshow.set(editorUrls.create(), expired(null));
  deps.reshow.set(`${ADMIN}/articles/:id/edit`, async (req, reply) => {
    const s = (req.params as { id?: string }).id ?? '';
    return /^\d{1,9}$/.test(s) ? expired(Number(s))(req, reply) : requireAccount(req, reply);
  });

  admin.post('/articles/new', { bodyLimit: FORM_LIMIT, preHandler: [requireAccount, admin.csrfProtection] }, async (req, reply) => save(req, reply, null));
  admin.post('/articles/:id/edit', { bodyLimit: FORM_LIMIT, preHandler: [requireAccount, admin.csrfProtection] }, async (req, reply) => save(req, reply, idParam(req)));

  /** Autosave: JSON in, JSON out, the same fields as the form. */
  const autosave = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const account = req.newsroomAccount;
    if (!account) return reply.code(401).send({ ok: false, error: 'not logged in' });
    const t = adminTranslator(account.locale);
    const form = parseEditorForm(req.body);
    const versionField = field(req.body, 'version');
    const version = /^\d{1,9}$/.test(versionField) ? Number(versionField) : null;
    try {
      if (id !== null) {
        const stored = await repos.articles.findById(id);
        if (!stored) throw new NotFound('article');
        form.edition = stored.edition;
      }
      const r = await editor.autosave(account, id, version, form);
      if (r.kind === 'conflict') return reply.code(409).send({ ok: false, error: t('autosaveConflict'), conflict: true, version: r.version, savedAt: r.savedAt });
      return reply.send({
        ok: true, savedAt: r.savedAt, version: r.version, id: r.id, status: r.status,
        ...(id === null && { editUrl: editorUrls.edit(r.id), autosaveUrl: editorUrls.autosave(r.id) }),
      });
    } catch (e) {
      if (e instanceof Invalid) return reply.code(400).send({ ok: false, error: problemText(t, e), field: e.field });
      if (e instanceof Forbidden) return reply.code(403).send({ ok: false, error: t('forbidden') });
      if (e instanceof NotFound) return reply.code(404).send({ ok: false, error: t('notFound') });
      throw e;
    }
  };
  // A failed token check answers JSON too (the admin error handler asks the route how to re-show).
  const expiredJson = async (req: FastifyRequest, reply: FastifyReply) =>
    reply.code(403).send({ ok: false, error: adminTranslator(req.newsroomAccount?.locale ?? 'ar')('formExpired') });
  deps.reshow.set(editorUrls.createAutosave(), expiredJson);
  deps.reshow.set(`${ADMIN}/articles/:id/autosave`, expiredJson);
  admin.post('/articles/new/autosave', { bodyLimit: FORM_LIMIT, preHandler: admin.csrfProtection }, async (req, reply) => autosave(req, reply, null));
  admin.post('/articles/:id/autosave', { bodyLimit: FORM_LIMIT, preHandler: admin.csrfProtection }, async (req, reply) => autosave(req, reply, idParam(req)));

  /** The real public page of the saved article (drafts too), for its editors only. */
  admin.get('/articles/:id/preview', { preHandler: requireAccount }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const id = idParam(req);
    const state = await editor.state(id);
    const article = state && (await repos.articles.findById(id));
    if (!state || !article) throw new NotFound('article');
    if (!mayWriteKind(account, state.kind)) throw new Forbidden('page.manage');
    if (!canDoTo(account, 'article.edit', state)) throw new Forbidden('article.edit');
    const s = await site.at(await repos.changes.read());
    const edition = s.editions.get(article.edition);
    if (!edition) throw new NotFound('edition');
    const ctx = s.context(edition);
    const send = (html: string) =>
      reply.code(200).header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
    if (state.kind === 'page') {
      // As the public site shows a page at /<edition>/<slug>/ (render-route's staticPage).
      const url = ctx.urls.staticPage(edition, article.slug);
      return send(renderDocument(
        { ...layoutVM(ctx, { title: article.title, description: article.excerpt || article.title, canonical: url, currentNav: url }), noindex: true },
        <StaticPageView vm={{ title: article.title, bodyHtml: article.bodyHtml }} />,
      ));
    }
    // A draft has no date yet: the page shows the one it would get now.
    const a = { ...article, publishedAt: article.publishedAt || deps.clock.now().toISOString() };
    const translations = await repos.articles.translations(a);
    const html = renderDocument(
      { ...layoutVM(ctx, articleLayout(ctx, a, translations)), noindex: true },
      <ArticlePage vm={{ ...articleVM(ctx, a, [], translations), mostRead: null, comments: null }} />,
    );
    return send(html);
  });

  const revisionRows = (account: Account, revisions: Revision[], zone: string, restorable: boolean, t: AdminTranslate) =>
    revisions.map((r, i) => ({
      id: r.id,
      when: { iso: r.createdAt, text: dateText(r.createdAt, account.locale, zone) },
      who: r.userName ?? (r.kind === 'original' ? '—' : t('someone')),
      kind: t(`kind_${r.kind}`),
      title: r.title,
      checkedFrom: i === 1,
      checkedTo: i === 0,
      restoreUrl: restorable ? editorUrls.restore(r.articleId, r.id) : null,
    }));

  const zoneOf = async (edition: string) => (await loadEditions(repos)).get(edition);

  admin.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/articles/:id/revisions', { preHandler: requireAccount }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const id = idParam(req);
    const { state, revisions } = await editor.revisions(account, id);
    const article = await repos.articles.findById(id);
    const edition = await zoneOf(state.edition);
    const restorable = state.status !== 'trash' && canDoTo(account, 'article.edit', state);
    const vm = {
      heading: t('revisionsTitle', { title: article?.title ?? '' }),
      lang: edition?.locale ?? state.edition,
      notices: req.query.saved === 'restored' ? [{ kind: 'info' as const, text: t('savedRestored') }] : [],
      compareAction: `${ADMIN}/articles/${id}/revisions/compare`,
      csrf: reply.generateCsrf(),
      rows: revisionRows(account, revisions, edition?.timezone ?? 'UTC', restorable, t),
      editorUrl: editorUrls.edit(id),
    };
    return render(req, reply, account, 200, vm.heading, <RevisionsPage vm={vm} t={t} />);
  });

  admin.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/articles/:id/revisions/compare', { preHandler: requireAccount }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const id = idParam(req);
    const rev = (s: string | undefined): number | 'current' => {
      if (s === 'current') return 'current';
      if (!/^\d{1,9}$/.test(s ?? '')) throw new NotFound('revision');
      return Number(s);
    };
    const c = await editor.compare(account, id, rev(req.query.from), rev(req.query.to));
    const state = (await editor.state(id))!;
    const edition = await zoneOf(state.edition);
    const zone = edition?.timezone ?? 'UTC';
    const label = (r: Revision, key: 'compareOlder' | 'compareNewer') =>
      r.id === 0 ? `${t('currentSaved')} · ${dateText(r.createdAt, account.locale, zone)}` : t(key, { id: r.id, when: dateText(r.createdAt, account.locale, zone), who: r.userName ?? t('someone') });
    const restorable = c.to.id !== 0 && state.status !== 'trash' && canDoTo(account, 'article.edit', state);
    const row = (labelKey: AdminStringKey, parts: typeof c.title) => ({ label: t(labelKey), before: parts, after: parts, same: parts.every((p) => p.op === 'same') });
    const vm = {
      heading: t('compareTitle'),
      lang: edition?.locale ?? state.edition,
      dir: edition?.dir ?? 'rtl',
      older: label(c.from, 'compareOlder'),
      newer: label(c.to, 'compareNewer'),
      rows: [row('fieldTitle', c.title), row('fieldExcerpt', c.excerpt), row('fieldBody', c.body)],
      note: c.markupOnly ? t('markupOnly') : [c.title, c.excerpt, c.body].every((ps) => ps.every((p) => p.op === 'same')) ? t('noChange') : null,
      revisionsUrl: editorUrls.revisions(id),
      editorUrl: editorUrls.edit(id),
      restore: restorable ? { url: editorUrls.restore(id, c.to.id), csrf: reply.generateCsrf(), label: `${t('restore')} (#${c.to.id})` } : null,
    };
    return render(req, reply, account, 200, vm.heading, <ComparePage vm={vm} t={t} />);
  });

  admin.post<{ Params: { id: string; rev: string } }>('/articles/:id/revisions/:rev/restore', { preHandler: [requireAccount, admin.csrfProtection] }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const id = idParam(req);
    if (!/^\d{1,9}$/.test(req.params.rev)) throw new NotFound('revision');
    try {
      await editor.restoreRevision(account, id, Number(req.params.rev));
    } catch (e) {
      // Restoring into a trashed article, or a text that no longer passes the checks.
      if (e instanceof Invalid) throw new Conflict(e.message);
      throw e;
    }
    return reply.redirect(editorUrls.edit(id, { saved: 'restored' }), 303);
  });
}
