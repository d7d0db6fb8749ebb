/**
 * The error catalogue. Stable codes, no HTTP and no sentences: `web/errors.ts` maps the kind
 * once to a status, and `platform/i18n/problems.ts` words each problem once, in the reader's
 * language (the CLI's is English), at the edge.
 */
export type ErrorCode = 'not_found' | 'invalid' | 'forbidden' | 'conflict' | 'gone' | 'unavailable';

/**
 * What can be wrong with one piece of input. A code names the rule, never the screen: the same
 * `too_long` serves a section's name, a comment and an imported title.
 */
export type ProblemCode =
  // any field
  | 'required'
  | 'too_long' // params: max
  | 'too_short' // params: min
  | 'invalid'
  | 'unknown' // a choice that does not exist; params: known (a list, for the CLI) when helpful
  | 'choice' // params: options
  | 'number' // params: min, max
  | 'boolean'
  | 'slug'
  | 'taken' // params: by
  | 'email'
  | 'url'
  | 'image_url'
  | 'date_time'
  | 'type' // params: expected (a JSON type, for imports)
  | 'language_tag'
  | 'time_zone'
  | 'host_name'
  // settings and accounts
  | 'not_a_setting' // params: known
  | 'default_edition'
  | 'password_wrong'
  | 'last_admin'
  | 'self'
  | 'link_expired'
  // articles
  | 'other_edition'
  | 'alt_required'
  | 'one_per_edition'
  | 'not_allowed'
  | 'coauthor_not_allowed' // only those who may edit others' articles credit other people
  | 'not_applicable'
  | 'published_required'
  // lists and bulk actions
  | 'none_selected'
  | 'too_many' // params: max
  | 'not_deletable'
  // comments
  | 'comments_closed'
  | 'too_quick'
  | 'duplicate'
  | 'token_early'
  | 'token_expired'
  | 'token_invalid'
  // files and media
  | 'not_an_image'
  | 'file_too_large' // params: max (MB)
  | 'image_too_large' // params: max (megapixels)
  | 'json_syntax' // params: line, column
  | 'library_image' // an address that names no image of the media library
  // users, editions and settings (area-manage)
  | 'one_of' // params: options (the accepted values, as the CLI takes them)
  | 'password_short' // params: min
  // articles area (issue 10): an article names an edition the site does not have
  | 'unknown_edition' // params: value, known
  | 'duplicate_id' // params: id, first (where it was first given)
  // comments, media, sign-in
  | 'email_address' // a reader's e-mail (WordPress's is_email), worded as the public comment form words it
  | 'website' // an http(s) address (a commenter's website); `url` also allows a path on this site
  | 'parent_missing' // a reply to a comment that is not shown (unknown, held or binned)
  | 'parent_binned' // a staff reply to a comment in spam or the trash
  | 'unavailable' // the database could not be reached: nothing was saved, send it again
  // the WordPress REST API (issue 12)
  | 'no_route' // no endpoint answers this address and method
  | 'no_such_id' // an id that names nothing readers may see
  | 'login_required' // the edition takes no comments through the API
  | 'page_beyond' // a page number past the last page
  | 'integer_list' // a comma-separated list of whole numbers
  // two-factor sign-in (issue 19)
  | 'code_wrong' // a one-time code that is wrong, expired or already used
  | 'passkey_failed' // the browser's passkey answer did not verify
  | 'last_factor'; // the account's role requires two factors: its last one cannot go

export type ProblemParams = Readonly<Record<string, string | number>>;

/** One thing wrong with the input: which field ('' for the input as a whole), the rule, and what its message needs. */
export interface Problem {
  readonly field: string;
  readonly code: ProblemCode;
  readonly params?: ProblemParams;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the reader is told, worded at the edge; empty for errors that need no detail. */
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/**
 * The input is wrong: every problem found at once (a form shows each beside its field; the CLI
 * lists them all), never only the first.
 */
export class Invalid extends DomainError {
  constructor(problems: Problem | readonly Problem[]);
  constructor(field: string, code: ProblemCode, params?: ProblemParams);
  constructor(a: string | Problem | readonly Problem[], code?: ProblemCode, params?: ProblemParams) {
    const list: readonly Problem[] = typeof a === 'string' ? [{ field: a, code: code!, ...(params && { params }) }] : 'code' in a ? [a as Problem] : (a as readonly Problem[]);
    super('invalid', list.map((p) => `${p.field || '(input)'}: ${p.code}`).join('; '), list);
  }

  /** The first problem's field (callers that show one message). */
  get field(): string {
    return this.problems[0]?.field ?? '';
  }

  /** The first problem of each field, by field: what a form shows beside each. */
  byField(): Record<string, Problem> {
    const out: Record<string, Problem> = {};
    for (const p of this.problems) out[p.field] ??= p;
    return out;
  }
}

export class Forbidden extends DomainError {
  constructor(reason = 'forbidden', problem?: Problem) {
    super('forbidden', reason, problem ? [problem] : []);
  }
}

export class Conflict extends DomainError {
  constructor(reason: string, problem?: Problem) {
    super('conflict', reason, problem ? [problem] : []);
  }
}

/**
 * Something the site depends on (the database) cannot be reached just now. Nothing was half-done
 * (writes are transactions); the same request may succeed in a moment.
 */
export class Unavailable extends DomainError {
  constructor(what: string, options?: { cause?: unknown }) {
    super('unavailable', `${what} unavailable`, [{ field: '', code: 'unavailable' }]);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Collects problems field by field; `done()` throws them all as one Invalid. */
export class Problems {
  private readonly found: Problem[] = [];

  add(field: string, code: ProblemCode, params?: ProblemParams): void {
    this.found.push({ field, code, ...(params && { params }) });
  }

  has(field: string): boolean {
    return this.found.some((p) => p.field === field);
  }

  get any(): boolean {
    return this.found.length > 0;
  }

  /** Runs `check`; an Invalid it throws is collected instead, so the next check still runs. */
  collect<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      this.found.push(...e.problems);
      return undefined;
    }
  }

  done(): void {
    if (this.found.length) throw new Invalid(this.found);
  }
}
