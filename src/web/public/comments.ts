import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS_WRITES, anonymousWriteLimits } from '../anonymous-limits.ts';
import { isDomainError, NotFound, type Problem } from '../../domain/errors.ts';
import type { CommentService } from '../../services/comments/comments.ts';
import type { CommentTarget } from '../../domain/comment.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import { COMMENT_POST_PATH, TOKEN_PLACEHOLDER, TRAP_FIELD } from './comments-view.ts';
import { statusOf } from '../errors.ts';
import { articlePage, type PageServices } from './render-route.tsx';
import type { SiteState } from './site-state.ts';

export interface CommentRouteDeps {
  comments: CommentService;
  pages: PageServices;
  scheduler: Scheduler;
  site: SiteState;
  /** Cookies only over HTTPS when the site is served over HTTPS. */
  secure: boolean;
  /** The everyone-ceiling (COMMENTS_PER_MINUTE); the per-address one is fixed. */
  commentsPerMinute: number;
}

/**
 * One signed cookie per held comment, path-scoped to its article: the browser sends it back only
 * on that article's page, so every other page stays on the shared cache. (One cookie per comment
 * because the POST, at another path, cannot see the ones already set.)
 */
/**
 * One fixed cookie, scoped to the article's path, holds the reader's held comment ids there
 * (signed): a cache in front bypasses on its name alone (a name per comment slipped past such
 * rules, and a reader's held comment was served to others).
 */
export const HELD_COOKIE = 'khabar_held';
const HELD_MAX_AGE = 7 * 86400;
const HELD_MAX = 20;

/**
 * The status a refused post is answered with: the error's kind (invalid 400, closed or a forged
 * token 403, a duplicate 409), except a flood, which is "too many requests" (429).
 */
function refusalStatus(e: unknown, problems: readonly Problem[]): number {
  return problems.some((p) => p.code === 'too_quick') ? 429 : statusOf(e);
}

const FIELDS = ['comment_post_ID', 'comment_parent', 'author', 'email', 'url', 'comment', 'form_token', 'held', TRAP_FIELD, 'submit'] as const;
type Body = Partial<Record<(typeof FIELDS)[number], string>>;

const id = (v: string | undefined) => (v && /^[1-9]\d{0,15}$/.test(v.trim()) ? Number(v.trim()) : null);

/** Comment ids from a signed list (the cookie, or the form's copy); none if absent or tampered with. */
function heldIdsOf(req: FastifyRequest, signed: string | undefined): number[] {
  if (!signed) return [];
  const u = req.unsignCookie(signed);
  if (!u.valid || !u.value || !/^[1-9]\d{0,15}(\.[1-9]\d{0,15})*$/.test(u.value)) return [];
  return u.value.split('.').slice(-HELD_MAX).map(Number);
}

/** The comment ids in the reader's signed held-comments cookie (none if absent or tampered with). */
export function heldCommentIds(req: FastifyRequest): number[] {
  return heldIdsOf(req, req.cookies[HELD_COOKIE]);
}

/** The reader's held ids signed, for the form on their private page to carry. */
export function signedHeldList(reply: FastifyReply, ids: readonly number[]): string {
  return reply.signCookie(ids.join('.'));
}

/** The page's form token, written into a page rendered with TOKEN_PLACEHOLDER. */
export function withFormToken(html: string, token: string): string {
  return html.replace(TOKEN_PLACEHOLDER, token);
}

/**
 * An anonymous form without a session, so CSRF is refused by the signed token (bound to the
 * article) and by the Origin header: a browser always sends it on a cross-site POST. A request
 * with neither Origin nor Referer (some privacy proxies strip both) still needs the token.
 */
function isSameOrigin(req: FastifyRequest, siteUrl: string): boolean {
  const origin = req.headers.origin ?? originOf(req.headers.referer);
  if (origin === undefined) return true;
  return origin === siteOrigin(siteUrl) || origin === `${req.protocol}://${req.host}`;
}

// The site's origin, parsed once (a URL parse was a seventieth of a comment POST's CPU).
let parsedSite = { url: '', origin: '' };
function siteOrigin(url: string): string {
  if (parsedSite.url !== url) parsedSite = { url, origin: new URL(url).origin };
  return parsedSite.origin;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

export function registerComments(app: FastifyInstance, deps: CommentRouteDeps): void {
  const properties = Object.fromEntries(FIELDS.map((f) => [f, { type: 'string' }]));
  // Anyone may post (an anonymous action): the rules are in CommentService; the schema only
  // says every field is one string. Lengths are checked there so the message sits by the field.
  const limits = anonymousWriteLimits(app, 'comment', { ...ANONYMOUS_WRITES.comment, everyone: { max: deps.commentsPerMinute, timeWindow: 60_000 } });
  // The address of each target read (one per article and content version): formatting its date
  // in the edition's time zone was a fiftieth of a comment POST's CPU.
  const permalinks = new WeakMap<CommentTarget, string>();
  app.post<{ Body: Body }>(COMMENT_POST_PATH, { schema: { body: { type: 'object', properties } }, preHandler: limits }, async (req, reply) => {
    const version = await deps.scheduler.currentVersion();
    const site = await deps.site.at(version);
    const b = req.body ?? {};
    const articleId = id(b.comment_post_ID);
    // Only what posting needs; the whole article is read when a refusal re-shows its page.
    const found = articleId === null ? null : await deps.comments.target(articleId, { version });
    const article = found?.status === 'published' && found.publishedAt ? { ...found, publishedAt: found.publishedAt } : null;
    const edition = article && site.editions.get(article.edition);
    if (!article || !edition) return app.khabarErrorPage(req, reply, 404);
    const ctx = site.context(edition);
    let permalink = permalinks.get(found!);
    if (permalink === undefined) permalinks.set(found!, (permalink = ctx.urls.article(edition, article)));
    const values = { author: b.author ?? '', email: b.email ?? '', url: b.url ?? '', comment: b.comment ?? '' };
    const parentId = id(b.comment_parent);

    const reshow = async (status: number, problems: readonly Problem[]) => {
      const held = heldIdsOf(req, b.held);
      const view = {
        form: { values, problems }, token: deps.comments.formToken(article.id), ...(parentId !== null && { replyTo: parentId }),
        // A refused post from a reader's private page keeps their held comments (and the list) shown.
        ...(held.length && { heldIds: held, heldList: signedHeldList(reply, held) }),
      };
      const full = await deps.comments.commentedArticle(article.id);
      if (!full) return app.khabarErrorPage(req, reply, 404);
      const page = await articlePage(ctx, deps.pages, full, view, status);
      return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.kind === 'page' ? page.html : '');
    };

    if (!isSameOrigin(req, ctx.urls.siteUrl)) return reshow(403, [{ field: '', code: 'token_invalid' }]);
    try {
      const posted = await deps.comments.post(article, {
        parentId, authorName: values.author, authorEmail: values.email, authorUrl: values.url, body: values.comment,
        token: b.form_token ?? '', trap: b[TRAP_FIELD] ?? '', ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''),
      }, { version, articleUrl: ctx.urls.absolute(permalink) });
      if (posted.status !== 'approved') rememberHeld(reply, permalink, [...heldIdsOf(req, b.held), posted.id], deps.secure);
      const location = `${permalink}#comment-${posted.id}`;
      // The enhanced form (site.js) asks for JSON; without JavaScript it is WordPress's 303.
      if (/\bapplication\/json\b/.test(String(req.headers.accept ?? ''))) {
        return reply.code(201).header('cache-control', 'no-store').send({ id: posted.id, status: posted.status === 'approved' ? 'approved' : 'held', location });
      }
      return reply.redirect(location, 303);
    } catch (e) {
      if (e instanceof NotFound) return app.khabarErrorPage(req, reply, 404);
      // A refusal carries what the reader is told; anything else is a fault, not the reader's.
      if (!isDomainError(e) || !e.problems.length) throw e;
      // The database failing under the write: the reader's text comes back with a 503 when the
      // page can still be read; if even that fails, the error handler's 503 page answers.
      return reshow(refusalStatus(e, e.problems), e.problems);
    }
  });
}

/** Lets the author, and only them, see their held comments on the article page (the newest HELD_MAX). */
function rememberHeld(reply: FastifyReply, permalink: string, ids: readonly number[], secure: boolean) {
  const path = new URL(permalink, 'http://x').pathname;
  const list = [...new Set(ids)].slice(-HELD_MAX).join('.');
  reply.setCookie(HELD_COOKIE, list, { path, signed: true, httpOnly: true, sameSite: 'lax', secure, maxAge: HELD_MAX_AGE });
}
