import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden } from '../../domain/errors.ts';
import type { MediaItem } from '../../domain/media.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import { type AdminTranslate, adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { DEFAULT_MAX_PIXELS, mediaItemUrl, MediaInvalid, type MediaProblem, MediaService, mediaThumbUrl, type MediaText, TEXT_LIMITS, type Upload } from '../../services/media/media.ts';
import { mediaUrl } from '../../services/media/media-urls.ts';
import { canDo } from '../../services/users/capabilities.ts';
import { MediaEditPage, type MediaFormVM, MediaLibraryPage } from '../../theme/admin/media-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, requireAccount, type Reshow, sendPage } from './context.ts';

const PER_PAGE = 24;
const JSON_PER_PAGE = 20;

/** The JSON answers of the editor's image picker (and of uploads from script). */
export interface MediaJson {
  id: number;
  url: string;
  alt: string;
  width: number;
  height: number;
  caption: string;
  credit: string;
}

function toJson(m: MediaItem): MediaJson {
  return { id: m.id, url: mediaItemUrl(m), alt: m.alt, width: m.width, height: m.height, caption: m.caption, credit: m.credit };
}

const wantsJson = (req: FastifyRequest) => String(req.headers.accept ?? '').includes('application/json');
const pageParam = (v: unknown) => (typeof v === 'string' && /^\d{1,5}$/.test(v) ? Math.max(1, Number(v)) : 1);
const idParam = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null);

/** What a multipart upload carried, read by `readUpload` before the CSRF check. */
const uploads = new WeakMap<FastifyRequest, Pick<Upload, 'data' | 'tooLarge'> & { malformed: boolean }>();

export async function registerMediaRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): Promise<void> {
  // Multipart bodies are parsed in the newsroom only (the public site takes none).
  // Over the size limit the file is cut short and flagged (not thrown), so the other fields are still read.
  await admin.register(multipart, { limits: { fileSize: deps.config.mediaMaxBytes, files: 1 }, throwFileSizeLimit: false });
  const media = new MediaService({
    repos: deps.repos,
    clock: deps.clock,
    mediaDir: deps.config.mediaDir,
    maxBytes: deps.config.mediaMaxBytes,
  });
  // Half-written uploads from a crash: cleaned in the background at start.
  void media.files.sweep(deps.clock.now()).catch(() => {});
  const maxMb = String(Math.round((deps.config.mediaMaxBytes / 1024 / 1024) * 10) / 10);

  const problemText = (t: AdminTranslate, p: MediaProblem): string => {
    if (p.reason === 'too_long') return t('mediaErr_too_long', { max: TEXT_LIMITS[p.field as keyof typeof TEXT_LIMITS] });
    if (p.field === 'alt') return t('mediaErr_alt_required');
    if (p.reason === 'too_large') return t('mediaErr_file_too_large', { max: maxMb });
    if (p.reason === 'too_many_pixels') return t('mediaErr_file_too_many_pixels', { mp: DEFAULT_MAX_PIXELS / 1_000_000 });
    return t(p.reason === 'not_image' ? 'mediaErr_file_not_image' : 'mediaErr_file_required');
  };

  const formVM = (t: AdminTranslate, text: MediaText, problems: MediaProblem[]): MediaFormVM => {
    const f = (name: keyof MediaText) => {
      const p = problems.find((x) => x.field === name);
      return { value: text[name], error: p ? problemText(t, p) : null, maxLength: TEXT_LIMITS[name] };
    };
    return { alt: f('alt'), caption: f('caption'), credit: f('credit') };
  };
  const typed = (req: FastifyRequest): MediaText => ({ alt: field(req.body, 'alt'), caption: field(req.body, 'caption'), credit: field(req.body, 'credit') });

  /** The library page: the grid, search and the upload form (re-shown with what was typed). */
  const libraryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { notices: Notice[]; text?: MediaText; problems?: MediaProblem[] } = { notices: [] },
  ) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const query = (req.method === 'GET' ? req.query : {}) as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.slice(0, 200) : '';
    const result = await media.list(account, { text: q, page: pageParam(query.page), perPage: PER_PAGE });
    const problems = extra.problems ?? [];
    const fileProblem = problems.find((p) => p.field === 'file');
    const csrf = reply.generateCsrf();
    const vm = {
      notices: extra.notices,
      upload: {
        action: adminUrls.media(),
        csrf,
        fileHint: t('mediaFileHint', { max: maxMb }),
        fileError: fileProblem ? problemText(t, fileProblem) : null,
        chooseAgain: problems.length > 0,
        ...formVM(t, extra.text ?? { alt: '', caption: '', credit: '' }, problems),
      },
      search: { action: adminUrls.media(), q },
      total: t('mediaTotal', { count: result.total }),
      items: result.items.map((m) => {
        const thumb = m.variants.filter((v) => v.format === 'jpg' || v.format === 'png').sort((a, b) => a.width - b.width)[0];
        return {
          id: m.id,
          editUrl: adminUrls.mediaItem(m.id),
          thumb: { src: mediaThumbUrl(m), width: thumb?.width ?? m.width, height: thumb?.height ?? m.height },
          alt: m.alt,
          size: `${m.originalWidth} × ${m.originalHeight}`,
        };
      }),
      emptyText: t(q ? 'mediaNoMatches' : 'mediaEmpty'),
      pagination:
        result.pages > 1
          ? {
              prev: result.page > 1 ? adminUrls.media({ q, page: String(result.page - 1) }) : null,
              next: result.page < result.pages ? adminUrls.media({ q, page: String(result.page + 1) }) : null,
              label: t('pageOf', { page: result.page, pages: result.pages }),
            }
          : null,
    };
    return sendPage(req, reply, deps, status, { title: t('mediaLibrary'), current: 'media', here: adminUrls.media() }, <MediaLibraryPage vm={vm} t={t} />);
  };

  /** One image's page: details, the alt/caption/credit form and delete, when allowed. */
  const editPage = async (req: FastifyRequest, reply: FastifyReply, status: number, m: MediaItem, extra: { notices: Notice[]; text?: MediaText; problems?: MediaProblem[] }) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const csrf = reply.generateCsrf();
    const fallbacks = m.variants.filter((v) => v.format === 'jpg' || v.format === 'png');
    const created = zonedParts(m.createdAt, 'UTC');
    const month = new Intl.DateTimeFormat(account.locale === 'ar' ? 'ar' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(m.createdAt));
    const vm = {
      notices: extra.notices,
      image: {
        src: mediaItemUrl(m),
        srcset: fallbacks.map((v) => `${mediaUrl(m.name, v.width, v.format)} ${v.width}w`).join(', '),
        width: m.width,
        height: m.height,
        alt: m.alt,
      },
      url: deps.urls.absolute(mediaItemUrl(m)),
      // Isolated left-to-right, or Arabic text would show 1200 × 1800 for 1800 × 1200.
      size: t('mediaPixels', { size: `\u2066${m.originalWidth} × ${m.originalHeight}\u2069` }),
      sizes: fallbacks.map((v) => v.width).join(' · '),
      uploadedBy: m.uploadedBy?.name ?? null,
      uploadedOn: { iso: m.createdAt, text: `${created.day} ${month} ${created.year}` },
      form: media.may(account, 'media.edit', m) ? { action: adminUrls.mediaItem(m.id), csrf, ...formVM(t, extra.text ?? m, extra.problems ?? []) } : null,
      deleteAction: media.may(account, 'media.delete', m) ? adminUrls.mediaDelete(m.id) : null,
      backUrl: adminUrls.media(),
    };
    const here = adminUrls.mediaItem(m.id);
    return sendPage(req, reply, deps, status, { title: t('mediaEditTitle'), current: 'media', here }, <MediaEditPage vm={vm} t={t} />);
  };

  /** Logged in with media.upload; JSON callers get JSON refusals instead of pages and redirects. */
  const requireUploader = async (req: FastifyRequest, reply: FastifyReply) => {
    const account = req.newsroomAccount;
    if (wantsJson(req) || req.routeOptions.url?.endsWith('.json')) {
      if (!account || !canDo(account, 'media.upload')) {
        const t = adminTranslator(account?.locale ?? 'ar');
        return reply.code(403).send({ error: t('forbidden') });
      }
      return;
    }
    if (!account) return requireAccount(req, reply);
    if (!canDo(account, 'media.upload')) throw new Forbidden('media.upload');
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
      const parts = req.parts({ limits: { fileSize: deps.config.mediaMaxBytes, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12 } });
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

  const refuseUpload = async (req: FastifyRequest, reply: FastifyReply, status: number, problems: MediaProblem[], notice: Notice) => {
    if (wantsJson(req)) {
      const t = adminTranslator(req.newsroomAccount!.locale);
      return reply.code(status).send({ error: problems[0] ? problemText(t, problems[0]) : notice.text, ...(problems[0] && { field: problems[0].field }) });
    }
    return libraryPage(req, reply, status, { notices: [notice], text: typed(req), problems });
  };

  deps.reshow.set(adminUrls.media(), async (req, reply) => {
    if (!req.newsroomAccount) return wantsJson(req) ? reply.code(403).send({ error: adminTranslator('ar')('formExpired') }) : requireAccount(req, reply);
    const t = adminTranslator(req.newsroomAccount.locale);
    return refuseUpload(req, reply, 403, [], { kind: 'error', text: t('formExpired') });
  });

  admin.get('/media', { preHandler: requireUploader }, async (req, reply) => {
    const t = adminTranslator(req.newsroomAccount!.locale);
    const done = (req.query as Record<string, unknown>).done;
    const notices: Notice[] = done === 'uploaded' ? [{ kind: 'info', text: t('mediaUploaded') }] : done === 'deleted' ? [{ kind: 'info', text: t('mediaDeleted') }] : [];
    return libraryPage(req, reply, 200, { notices });
  });

  admin.get('/media.json', { preHandler: requireUploader }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q : '';
    const r = await media.list(req.newsroomAccount!, { text: q, page: pageParam(query.page), perPage: JSON_PER_PAGE });
    return reply.header('x-total-count', String(r.total)).header('x-total-pages', String(r.pages)).send(r.items.map(toJson));
  });

  admin.post('/media', { preHandler: [requireUploader, readUpload, admin.csrfProtection] }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const got = uploads.get(req) ?? { data: null, tooLarge: false, malformed: false };
    const notice: Notice = { kind: 'error', text: t('mediaNotUploaded') };
    if (got.malformed) return refuseUpload(req, reply, 400, [], { kind: 'error', text: t('badRequest') });
    try {
      const m = await media.upload(account, { ...typed(req), data: got.data, tooLarge: got.tooLarge });
      if (wantsJson(req)) {
        const j = toJson(m);
        return reply.code(201).send({ id: j.id, url: j.url, alt: j.alt, width: j.width, height: j.height });
      }
      return reply.redirect(adminUrls.media({ done: 'uploaded' }), 303);
    } catch (e) {
      if (e instanceof MediaInvalid) return refuseUpload(req, reply, e.problems.some((p) => p.reason === 'too_large') ? 413 : 400, e.problems, notice);
      throw e;
    }
  });

  admin.get<{ Params: { id: string } }>('/media/:id', { preHandler: requireUploader }, async (req, reply) => {
    const id = idParam(req.params.id);
    if (id === null) return reply.callNotFound();
    const m = await media.get(req.newsroomAccount!, id);
    const t = adminTranslator(req.newsroomAccount!.locale);
    const saved = (req.query as Record<string, unknown>).done === 'saved';
    return editPage(req, reply, 200, m, { notices: saved ? [{ kind: 'info', text: t('mediaSaved') }] : [] });
  });

  const saveRoute = `${adminUrls.media()}/:id`;
  deps.reshow.set(saveRoute, async (req, reply) => {
    const id = idParam((req.params as Record<string, unknown>).id);
    if (!req.newsroomAccount) return requireAccount(req, reply);
    if (id === null) return reply.callNotFound();
    const m = await media.get(req.newsroomAccount, id);
    const t = adminTranslator(req.newsroomAccount.locale);
    return editPage(req, reply, 403, m, { notices: [{ kind: 'error', text: t('formExpired') }], text: typed(req) });
  });

  admin.post<{ Params: { id: string } }>('/media/:id', { preHandler: [requireUploader, admin.csrfProtection] }, async (req, reply) => {
    const id = idParam(req.params.id);
    if (id === null) return reply.callNotFound();
    const account = req.newsroomAccount!;
    try {
      await media.update(account, id, typed(req));
      return reply.redirect(adminUrls.mediaItem(id, { done: 'saved' }), 303);
    } catch (e) {
      if (!(e instanceof MediaInvalid)) throw e;
      const t = adminTranslator(account.locale);
      const m = await media.get(account, id);
      return editPage(req, reply, 400, m, { notices: [{ kind: 'error', text: t('mediaNotSaved') }], text: typed(req), problems: e.problems });
    }
  });

  admin.post<{ Params: { id: string } }>('/media/:id/delete', { preHandler: [requireUploader, admin.csrfProtection] }, async (req, reply) => {
    const id = idParam(req.params.id);
    if (id === null) return reply.callNotFound();
    await media.delete(req.newsroomAccount!, id);
    return reply.redirect(adminUrls.media({ done: 'deleted' }), 303);
  });
}
