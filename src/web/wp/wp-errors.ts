import type { FastifyError } from 'fastify';
import { Invalid, isDomainError, type Problem } from '../../domain/errors.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import { statusOf } from '../errors.ts';
import { validationProblems, validationStatus } from '../route-schemas.ts';

/** WordPress's error body: `{ code, message, data: { status, params? } }`. */
export interface WpErrorBody {
  code: string;
  message: string;
  data: { status: number; params?: Record<string, string>; details?: Record<string, { code: string; message: string }> };
}

/**
 * A refusal only the API has (no route, comments through the API turned off, a page past the
 * last): WordPress's code and status, and the problem that words it.
 */
export class WpRefusal extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(code);
  }
}

/** What was asked for, so a missing id gets WordPress's code for that kind of object. */
export type WpResource = 'post' | 'page' | 'term' | 'user' | 'comment' | 'media';

const INVALID_ID: Record<WpResource, string> = {
  post: 'rest_post_invalid_id',
  page: 'rest_post_invalid_id',
  media: 'rest_post_invalid_id',
  term: 'rest_term_invalid',
  user: 'rest_user_invalid_id',
  comment: 'rest_comment_invalid_id',
};

/** The comment form's field names (the service's) as the REST API's parameters. */
const COMMENT_PARAMS: Record<string, string> = { author: 'author_name', email: 'author_email', url: 'author_url', comment: 'content', comment_parent: 'parent' };

/**
 * The one mapping of errors to WordPress's shape, worded in the edition's language: domain errors
 * (NotFound, Invalid with its problems, Forbidden, Conflict), the API's own refusals, Fastify's
 * (a body that is not JSON, the rate limit) — and never a stack.
 */
export function wpErrorOf(err: unknown, locale: string, resource?: WpResource): WpErrorBody {
  const say = (p: Problem) => problemMessage(locale, p);
  // A body or query that does not fit its schema: the parameters it names, as WordPress lists them.
  if (validationStatus(err) === 400) return wpErrorOf(new Invalid(validationProblems(err).map((p) => ({ ...p, code: 'invalid' as const }))), locale, resource);
  if (err instanceof WpRefusal) return { code: err.code, message: say(err.problem), data: { status: err.status } };
  if (isDomainError(err)) {
    const first = err.problems[0];
    const status = statusOf(err);
    if (err.code === 'not_found') {
      return { code: resource ? INVALID_ID[resource] : 'rest_no_route', message: say({ field: '', code: resource ? 'no_such_id' : 'no_route' }), data: { status: 404 } };
    }
    if (first?.code === 'comments_closed') return { code: 'rest_comment_closed', message: say(first), data: { status: 403 } };
    if (first?.code === 'too_quick') return { code: 'comment_flood', message: say(first), data: { status: 429 } };
    if (first?.code === 'duplicate') return { code: 'comment_duplicate', message: say(first), data: { status: 409 } };
    if (err.code === 'invalid' && err.problems.length) {
      const problems = err.problems.map((p) => ({ ...p, field: COMMENT_PARAMS[p.field] ?? p.field }));
      // WordPress's own codes for a comment without content or without a name and e-mail.
      const code = problems.some((p) => p.field === 'content')
        ? 'rest_comment_content_invalid'
        : problems.some((p) => (p.field === 'author_name' || p.field === 'author_email') && p.code === 'required')
          ? 'rest_comment_author_data_required'
          : 'rest_invalid_param';
      const params: Record<string, string> = {};
      const details: Record<string, { code: string; message: string }> = {};
      for (const p of problems) {
        params[p.field] ??= say(p);
        details[p.field] ??= { code: p.code === 'number' ? 'rest_out_of_bounds' : 'rest_invalid_type', message: say(p) };
      }
      const names = Object.keys(params);
      return {
        code,
        message: code === 'rest_invalid_param' ? `${names.join(', ')}: ${params[names[0]!]}` : params[names[0]!]!,
        data: { status: 400, ...(code === 'rest_invalid_param' && { params, details }) },
      };
    }
    return { code: status === 403 ? 'rest_forbidden' : 'rest_invalid_request', message: first ? say(first) : err.message, data: { status } };
  }
  const status = statusOf(err);
  if (status === 429) return { code: 'rest_too_many_requests', message: say({ field: '', code: 'too_quick' }), data: { status } };
  if (status >= 500) return { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } };
  const fe = err as Partial<FastifyError>;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(fe.message ?? '')) {
    return { code: 'rest_invalid_json', message: say({ field: '', code: 'invalid' }), data: { status: 400 } };
  }
  return { code: 'rest_invalid_request', message: say({ field: '', code: 'invalid' }), data: { status } };
}
