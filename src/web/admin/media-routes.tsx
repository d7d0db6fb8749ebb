import multipart from '@fastify/multipart';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Invalid, type Problem, Unavailable } from '../../domain/errors.ts';
import type { MediaItem } from '../../domain/media.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import type { MediaText, Upload } from '../../services/media/media.ts';
import { MediaStoreUnavailable } from '../../services/media/media-store.ts';
import { canDo } from '../../services/users/capabilities.ts';
import { MediaEditPage, MediaLibraryPage } from '../../theme/admin/media-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, requireAccount, sendPage } from './context.ts';
import { editVM, libraryVM, mediaJson, mediaProblemText, type MediaFormState } from './media-presenter.ts';
import { accountOf, reshowStatus, reshowKey } from './route-contract.ts';

const PER_PAGE = 24;
const JSON_PER_PAGE = 20;

const wantsJson = (req: FastifyRequest) => String(req.headers.accept ?? '').includes('application/json');
const pageParam = (v: string | undefined) => (v !== undefined && /^\d{1,5}$/.test(v) ? Math.max(1, Number(v)) : 1);

const optional = Type.Optional(Type.String());
const ListQuery = Type.Object({ q: optional, page: optional, done: optional }, { additionalProperties: true });
const IdParams = Type.Object({ id: Type.String({ pattern: '^\\d{1,9}$' }) });
/** Form bodies stay permissive: the service checks meaning and the form is shown again. */
const TextBody = Type.Object({ alt: optional, caption: optional, credit: optional }, { additionalProperties: true });

/** What a multipart upload carried, read by `readUpload` before the CSRF check. */
const uploads = new WeakMap<FastifyRequest, Pick<Upload, 'data' | 'tooLarge'> & { malformed: boolean }>();

/**
 * Every media route needs `media.upload` (declared with it). A caller that asks for JSON (the
 * editor's image picker) is refused in JSON, before the declared guards would send a login page
 * or an HTML 403; the account is known here (the scope's onRequest hook runs first).
 */
async function refuseJsonCallers(req: FastifyRequest, reply: FastifyReply) {
  if (!wantsJson(req) && !req.routeOptions.url?.endsWith('.json')) return;
  const account = req.newsroomAccount;
  if (!account || !canDo(account, 'media.upload')) return reply.code(403).send({ error: adminTranslator(account?.locale ?? 'ar')('forbidden') });
}

const typed = (body: unknown): MediaText => ({ alt: field(body, 'alt'), caption: field(body, 'caption'), credit: field(body, 'credit') });

export async function registerMediaRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): Promise<void> {
  const { media } = deps.services;
  // Multipart bodies are parsed in the newsroom only (the public site takes none).
  // Over the size limit the file is cut short and flagged (not thrown), so the other fields are still read.
  await admin.register(multipart, { limits: { fileSize: media.maxBytes, files: 1 }, throwFileSizeLimit: false });
  // Half-written uploads from a crash: cleaned in the background at start.
  void media.sweepUnfinished().catch(() => {});
  const r = admin.withTypeProvider<TypeBoxTypeProvider>();
  const guarded = { can: 'media.upload' } as const;

  const libraryPage = async (req: FastifyRequest, reply: FastifyReply, status: number, list: { q?: string | undefined; page?: string | undefined }, form: MediaFormState = { notices: [] }) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const q = (list.q ?? '').slice(0, 200);
    const result = await media.list(account, { text: q, page: pageParam(list.page), perPage: PER_PAGE });
    const vm = libraryVM(result, { t, account, q, csrf: reply.generateCsrf(), maxMegabytes: media.maxMegabytes, ...form });
    return sendPage(req, reply, deps, status, { title: t('mediaLibrary'), current: 'media', here: adminUrls.media() }, <MediaLibraryPage vm={vm} t={t} />);
  };

  const editPage = async (req: FastifyRequest, reply: FastifyReply, status: number, m: MediaItem, form: MediaFormState) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const vm = editVM(m, {
      t, account, csrf: reply.generateCsrf(), absolute: (path) => deps.services.urls.absolute(path),
      mayEdit: media.may(account, 'media.edit', m), mayDelete: media.may(account, 'media.delete', m), ...form,
    });
    return sendPage(req, reply, deps, status, { title: t('mediaEditTitle'), current: 'media', here: adminUrls.mediaItem(m.id) }, <MediaEditPage vm={vm} t={t} />);
  };

  /**
   * Reads a multipart upload before the CSRF check, which then finds `_csrf` among the fields
   * (the no-script form) or in the x-csrf-token header (script). The file is read into memory up
   * to the size limit and no further; its name and declared type are ignored.
   */
  const readUpload = async (req: FastifyRequest) => {
    if (!req.isMultipart()) return;
    const body: Record<string, string> = {};
    const got: { data: Buffer | null; tooLarge: boolean; malformed: boolean } = { data: null, tooLarge: false, malformed: false };
    try {
      const parts = req.parts({ limits: { fileSize: media.maxBytes, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12 } });
      for await (const part of parts) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          if (part.file.truncated) got.tooLarge = true;
          else if (part.fieldname === 'file' && buf.length) got.data = buf;
        } else if (typeof part.value === 'string' && !(part.fieldname in body)) {
          body[part.fieldname] = part.value;
        }
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') got.tooLarge = true;
      else got.malformed = true;
    }
    req.body = body;
    uploads.set(req, got);
  };

  const refuseUpload = async (req: FastifyRequest, reply: FastifyReply, status: number, problems: readonly Problem[], notice: Notice) => {
    if (wantsJson(req)) {
      const first = problems[0];
      const text = first ? mediaProblemText(adminTranslator(accountOf(req).locale), accountOf(req).locale, first) : notice.text;
      return reply.code(status).send({ error: text, ...(first && { field: first.field }) });
    }
    return libraryPage(req, reply, status, {}, { notices: [notice], text: typed(req.body), problems });
  };

  r.get('/media', { config: guarded, onRequest: refuseJsonCallers, schema: { querystring: ListQuery } }, async (req, reply) => {
    const t = adminTranslator(accountOf(req).locale);
    const { done } = req.query;
    const notices: Notice[] = done === 'uploaded' ? [{ kind: 'info', text: t('mediaUploaded') }] : done === 'deleted' ? [{ kind: 'info', text: t('mediaDeleted') }] : [];
    return libraryPage(req, reply, 200, req.query, { notices });
  });

  r.get('/media.json', { config: guarded, onRequest: refuseJsonCallers, schema: { querystring: ListQuery } }, async (req, reply) => {
    const list = await media.list(accountOf(req), { text: req.query.q ?? '', page: pageParam(req.query.page), perPage: JSON_PER_PAGE });
    return reply.header('x-total-count', String(list.total)).header('x-total-pages', String(list.pages)).send(list.items.map(mediaJson));
  });

  r.post('/media', {
    config: {
      ...guarded,
      reshow: async (req, reply) => {
        if (!req.newsroomAccount) return wantsJson(req) ? reply.code(reshowStatus(req)).send({ error: adminTranslator('ar')(reshowKey(req)) }) : requireAccount(req, reply);
        return refuseUpload(req, reply, reshowStatus(req), [], { kind: 'error', text: adminTranslator(req.newsroomAccount.locale)(reshowKey(req)) });
      },
    },
    onRequest: refuseJsonCallers,
    preHandler: readUpload,
    // The body is multipart, read by readUpload after validation: no body schema can see it.
    schema: {},
  }, async (req, reply) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const got = uploads.get(req) ?? { data: null, tooLarge: false, malformed: false };
    if (got.malformed) return refuseUpload(req, reply, 400, [], { kind: 'error', text: t('badRequest') });
    try {
      const m = await media.upload(account, { ...typed(req.body), data: got.data, tooLarge: got.tooLarge });
      if (wantsJson(req)) {
        const j = mediaJson(m);
        return reply.code(201).send({ id: j.id, url: j.url, alt: j.alt, width: j.width, height: j.height });
      }
      return reply.redirect(adminUrls.media({ done: 'uploaded' }), 303);
    } catch (e) {
      // The store (or the database) did not answer: nothing was kept; the form comes back as typed.
      if (e instanceof Unavailable) {
        req.log.warn({ err: e }, 'upload not stored');
        return refuseUpload(req, reply, 503, [], { kind: 'error', text: t(e instanceof MediaStoreUnavailable ? 'mediaStoreUnavailable' : 'unavailable') });
      }
      if (!(e instanceof Invalid)) throw e;
      const status = e.problems.some((p) => p.code === 'file_too_large') ? 413 : 400;
      return refuseUpload(req, reply, status, e.problems, { kind: 'error', text: t('mediaNotUploaded') });
    }
  });

  r.get('/media/:id', { config: guarded, onRequest: refuseJsonCallers, schema: { params: IdParams, querystring: ListQuery } }, async (req, reply) => {
    const account = accountOf(req);
    const m = await media.get(account, Number(req.params.id));
    const saved = req.query.done === 'saved';
    return editPage(req, reply, 200, m, { notices: saved ? [{ kind: 'info', text: adminTranslator(account.locale)('mediaSaved') }] : [] });
  });

  r.post('/media/:id', {
    config: {
      ...guarded,
      reshow: async (req, reply) => {
        if (!req.newsroomAccount) return requireAccount(req, reply);
        const id = field(req.params, 'id');
        if (!/^\d{1,9}$/.test(id)) return reply.callNotFound();
        const m = await media.get(req.newsroomAccount, Number(id));
        return editPage(req, reply, reshowStatus(req), m, { notices: [{ kind: 'error', text: adminTranslator(req.newsroomAccount.locale)(reshowKey(req)) }], text: typed(req.body) });
      },
    },
    onRequest: refuseJsonCallers,
    schema: { params: IdParams, body: TextBody },
  }, async (req, reply) => {
    const id = Number(req.params.id);
    const account = accountOf(req);
    const text = { alt: req.body.alt ?? '', caption: req.body.caption ?? '', credit: req.body.credit ?? '' };
    try {
      await media.update(account, id, text);
      return reply.redirect(adminUrls.mediaItem(id, { done: 'saved' }), 303);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      const m = await media.get(account, id);
      return editPage(req, reply, 400, m, { notices: [{ kind: 'error', text: adminTranslator(account.locale)('mediaNotSaved') }], text, problems: e.problems });
    }
  });

  r.post('/media/:id/delete', { config: guarded, onRequest: refuseJsonCallers, schema: { params: IdParams } }, async (req, reply) => {
    await media.delete(accountOf(req), Number(req.params.id));
    return reply.redirect(adminUrls.media({ done: 'deleted' }), 303);
  });
}
