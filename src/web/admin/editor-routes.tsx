import { Type, type Static, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import type { ArticleKind } from '../../domain/article.ts';
import { Forbidden, Invalid, isDomainError, Unavailable } from '../../domain/errors.ts';
import { type AdminStringKey, adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import type { EditorForm } from '../../services/articles/editor-form.ts';
import { isEditorAction } from '../../services/articles/editor-rules.ts';
import { EditorPage } from '../../theme/admin/editor-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { statusOf } from '../errors.ts';
import { type AdminCss, type AdminDeps } from './context.ts';
import { editorUrls, IdParams } from './editor-urls.ts';
import { type EditorShow, fieldErrors, presentEditor } from './editor-presenter.ts';
import { registerEditorPageRoutes, sendEditorPage } from './editor-page-routes.tsx';
import { accountOf, reshowStatus, reshowKey } from './route-contract.ts';

/**
 * The editor's form may carry a long article: percent-encoded, an Arabic letter takes 6 bytes,
 * so the site-wide 1 MB form limit would cut a long feature. The service caps the body itself.
 */
const FORM_LIMIT = 8 * 1024 * 1024;

const text = Type.Optional(Type.String());
const list = Type.Optional(Type.Array(Type.String()));
/**
 * The form as posted, every field optional: the service checks what they mean, and a refused
 * form comes back with what was typed. `translation_<edition>` fields name the links.
 */
export const EditorBody = Type.Object({
  kind: text, title: text, body: text, excerpt: text, slug: text, edition: text, tags: text,
  featured_image_url: text, featured_image_alt: text, featured_image_caption: text, featured_image_credit: text, featured_image_focus_x: text, featured_image_focus_y: text,
  comment_status: text, publish_at: text, action: text, version: text,
  kicker: text, dateline: text, seo_title: text, seo_description: text, breaking: text, pinned: text,
  categories: list, authors: list,
}, { additionalProperties: true });
export type EditorBody = Static<typeof EditorBody>;

/** The notice after a save redirected back to the form (?saved=…). */
const SAVED_NOTICES = new Map<string, AdminStringKey>([
  ['draft', 'saved_draft'], ['pending', 'saved_pending'], ['published', 'saved_published'], ['scheduled', 'saved_scheduled'],
  ['trash', 'saved_trash'], ['updated', 'savedUpdated'], ['restored', 'savedRestored'],
]);

const ids = (xs: readonly string[] | undefined) => (xs ?? []).filter((s) => /^\d{1,9}$/.test(s)).map(Number);

/** The editor form as posted (unchecked: the service checks every field). */
export function parseEditorForm(b: EditorBody): EditorForm {
  const links: string[] = [];
  for (const [k, v] of Object.entries(b)) if (/^translation_[a-z0-9-]{1,16}$/.test(k) && typeof v === 'string') links.push(v);
  return {
    kind: b.kind === 'page' ? 'page' : 'post',
    title: b.title ?? '',
    bodyHtml: b.body ?? '',
    excerpt: b.excerpt ?? '',
    slug: b.slug ?? '',
    edition: b.edition ?? '',
    categoryIds: ids(b.categories),
    tags: b.tags ?? '',
    authorIds: ids(b.authors),
    featuredImageUrl: b.featured_image_url ?? '',
    featuredImageAlt: b.featured_image_alt ?? '',
    featuredImageCaption: b.featured_image_caption ?? '',
    featuredImageCredit: b.featured_image_credit ?? '',
    featuredImageFocusX: b.featured_image_focus_x ?? '',
    featuredImageFocusY: b.featured_image_focus_y ?? '',
    commentStatus: b.comment_status === 'closed' ? 'closed' : 'open',
    translationIds: ids(links),
    publishAt: b.publish_at ?? '',
    kicker: b.kicker ?? '',
    dateline: b.dateline ?? '',
    seoTitle: b.seo_title ?? '',
    seoDescription: b.seo_description ?? '',
    breaking: b.breaking === '1',
    pinned: b.pinned === '1',
  };
}

/** A version field as the form carries it; null when absent or not a number. */
const versionOf = (s: string | undefined) => (/^\d{1,9}$/.test(s ?? '') ? Number(s) : null);

/**
 * The body and id of a request whose handler has not run (a failed CSRF check is answered by
 * `reshow`, which Fastify types loosely): both were validated against the route's schema already.
 */
function postedOf(req: FastifyRequest): { body: EditorBody; id: number | null } {
  const body = Value.Check(EditorBody, req.body) ? req.body : {};
  const id = Value.Check(IdParams, req.params) ? Number(req.params.id) : null;
  return { body, id };
}

export function registerEditorRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const { editor, urls } = deps.services;
  const r = admin.withTypeProvider<TypeBoxTypeProvider>();

  /** The editor page: for GET, and again after a refused save with everything that was typed. */
  const show = async (req: FastifyRequest, reply: FastifyReply, o: EditorShow) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const choices = await editor.reads.choices(o.form, o.article, o.kind);
    const vm = presentEditor(o, choices, { account, t, urls, csrf: reply.generateCsrf() });
    return sendEditorPage(req, reply, deps, o.status, { title: vm.heading, current: o.kind === 'page' ? 'manage' : 'articles' }, <EditorPage vm={vm} t={t} />);
  };

  r.get('/articles/new', {
    config: { can: 'article.create' },
    schema: { querystring: Type.Object({ edition: text, kind: text }, { additionalProperties: true }) },
  }, async (req, reply) => {
    const kind: ArticleKind = req.query.kind === 'page' ? 'page' : 'post';
    const form = await editor.blank(accountOf(req), req.query.edition, kind);
    return show(req, reply, { status: 200, kind, article: null, articleState: null, version: null, form });
  });

  r.get('/articles/:id/edit', {
    config: { can: 'signed-in' },
    schema: { params: IdParams, querystring: Type.Object({ saved: text }, { additionalProperties: true }) },
  }, async (req, reply) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const doc = await editor.reads.load(account, Number(req.params.id));
    const savedKey = SAVED_NOTICES.get(req.query.saved ?? '');
    const notices: Notice[] = savedKey ? [{ kind: 'info', text: t(savedKey) }] : [];
    const extraLinks = [];
    if (doc.newerAutosave) {
      notices.push({ kind: 'info', text: t('newerAutosave') });
      extraLinks.push({ label: t('compareAutosave'), url: editorUrls.compare(doc.article.id, 'current', doc.newerAutosave.id) });
    }
    const { article, state } = doc;
    return show(req, reply, { status: 200, kind: state.kind, article, articleState: state, version: state.version, form: doc.form, notices, extraLinks });
  });

  /** A save from the form (new or existing): redirect on success, the form again with a message otherwise. */
  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null, body: EditorBody) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    // A form without the version it was loaded at cannot prove it saw the latest text.
    const version = id === null ? null : (versionOf(body.version) ?? 0);
    const p = await editor.reads.posted(account, id, parseEditorForm(body));
    // The typed text comes back in every case; what is stored (status, revisions, links) only
    // to someone who may open the article. Nothing typed is ever lost.
    const again = (status: number, extra: Partial<EditorShow>) =>
      show(req, reply, { status, kind: p.form.kind, article: p.mayOpen ? p.stored!.article : null, articleState: p.mayOpen ? p.stored!.state : null, version, form: p.form, ...extra });
    const refused = (e: Invalid) => again(400, { errors: fieldErrors(account.locale, e.byField()), notices: [{ kind: 'error', text: t('formHasErrors') }] });
    const action = body.action;
    if (!isEditorAction(action)) return refused(new Invalid('action', 'not_applicable'));
    try {
      const r = await editor.save(account, id, version, action, p.form);
      if (r.kind === 'conflict') return again(409, { version: r.version, conflict: { compareUrl: editorUrls.compare(r.id, 'current', r.revisionId) } });
      const saved = action === 'update' && r.status === 'published' ? 'updated' : r.status;
      return reply.redirect(editorUrls.edit(r.id, { saved }), 303);
    } catch (e) {
      // Refused (even on an article this account may no longer open, e.g. published meanwhile).
      if (e instanceof Invalid) return refused(e);
      if (e instanceof Forbidden) return again(403, { notices: [{ kind: 'error', text: t('actionForbidden') }] });
      // The database lost the write (nothing of it was kept): the text comes back to be sent again.
      if (e instanceof Unavailable) return again(503, { notices: [{ kind: 'error', text: t('unavailable') }] });
      throw e;
    }
  };

  /** A form whose CSRF token expired comes back with everything typed. */
  const expired = async (req: FastifyRequest, reply: FastifyReply) => {
    const account = accountOf(req);
    const { body, id } = postedOf(req);
    const p = await editor.reads.posted(account, id, parseEditorForm(body));
    return show(req, reply, {
      status: reshowStatus(req), kind: p.form.kind, article: p.stored?.article ?? null, articleState: p.stored?.state ?? null,
      version: versionOf(body.version), form: p.form,
      notices: [{ kind: 'error', text: adminTranslator(account.locale)(reshowKey(req)) }],
    });
  };

  r.post('/articles/new', { bodyLimit: FORM_LIMIT, config: { can: 'signed-in', reshow: expired }, schema: { body: EditorBody } },
    async (req, reply) => save(req, reply, null, req.body));
  r.post('/articles/:id/edit', { bodyLimit: FORM_LIMIT, config: { can: 'signed-in', reshow: expired }, schema: { params: IdParams, body: EditorBody } },
    async (req, reply) => save(req, reply, Number(req.params.id), req.body));

  /** Autosave: the form's fields in, JSON out. */
  const autosave = async (req: FastifyRequest, reply: FastifyReply, id: number | null, body: EditorBody) => {
    // A script cannot follow a redirect to the login form: it is told, and says so.
    const account = req.newsroomAccount;
    if (!account) return reply.code(401).send({ ok: false, error: 'not logged in' });
    const t = adminTranslator(account.locale);
    try {
      const r = await editor.autosave(account, id, versionOf(body.version), parseEditorForm(body));
      if (r.kind === 'conflict') return reply.code(409).send({ ok: false, error: t('autosaveConflict'), conflict: true, version: r.version, savedAt: r.savedAt });
      return reply.send({
        ok: true, savedAt: r.savedAt, version: r.version, id: r.id, status: r.status,
        ...(id === null && { editUrl: editorUrls.edit(r.id), autosaveUrl: editorUrls.autosave(r.id) }),
      });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const status = statusOf(e);
      const [problem] = e.problems;
      const error = status === 400 && problem ? problemMessage(account.locale, problem) : t(status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 503 ? 'unavailable' : 'badRequest');
      return reply.code(status).send({ ok: false, error, ...(status === 400 && problem && { field: problem.field }) });
    }
  };
  // A failed token check answers JSON too (the admin error handler asks the route how to re-show).
  const expiredJson = async (req: FastifyRequest, reply: FastifyReply) =>
    reply.code(reshowStatus(req)).send({ ok: false, error: adminTranslator(req.newsroomAccount?.locale ?? 'ar')(reshowKey(req)) });
  // `anyone`: the handler answers 401 itself (above); the CSRF check still runs first.
  r.post('/articles/new/autosave', { bodyLimit: FORM_LIMIT, config: { can: 'anyone', reshow: expiredJson }, schema: { body: EditorBody } },
    async (req, reply) => autosave(req, reply, null, req.body));
  r.post('/articles/:id/autosave', { bodyLimit: FORM_LIMIT, config: { can: 'anyone', reshow: expiredJson }, schema: { params: IdParams, body: EditorBody } },
    async (req, reply) => autosave(req, reply, Number(req.params.id), req.body));

  registerEditorPageRoutes(admin, deps);
}
