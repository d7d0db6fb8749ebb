import { hash as digestOf } from 'node:crypto';
import type { Article } from '../../domain/article.ts';
import {
  type Comment, type CommentModeration, type CommentPolicy, type CommentSubmission, type CommentTarget, type ModeratedComment, type PostedComment,
} from '../../domain/comment.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { Clock } from '../../platform/clock.ts';
import type { ApprovedCommentQuery } from '../../storage/published-queries.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { AkismetChecker, type SpamChecker } from './akismet.ts';
import { emailHash, type Identicon, identiconOf } from './avatar.ts';
import { checkFormToken, issueFormToken } from './form-token.ts';
import { applyPolicySetting, decideStatus, parsePolicy, policySettingKey } from './policy.ts';
import { buildThread, type CommentThread } from './thread.ts';
import { validateFields } from './validate.ts';

export interface CommentServiceDeps {
  repos: Repositories;
  clock: Clock;
  /** The site secret: signs form tokens, keys e-mail hashes and avatars. */
  secret: string;
  /** Off by default; see akismet.ts. */
  spamChecker?: SpamChecker;
  /** The public address of an article (for the spam service). */
  articleUrl?: (a: CommentTarget) => Promise<string> | string;
  log?: (msg: string) => void;
}

const DAY_MS = 86_400_000;
/** Site-wide setting: the Akismet-compatible endpoint (comment-check URL, key included), or absent = off. */
export const AKISMET_SETTING = 'comments.akismet-endpoint';

/**
 * What a caller that already knows the content version (the change counter) may pass, so the
 * policy and spam settings are read once per version instead of once per request.
 */
export interface AtVersion {
  version?: number;
}

interface SettingsSnapshot {
  version: number;
  policies: Map<string, Promise<CommentPolicy>>;
  spamEndpoint: Promise<string | null> | null;
  /** What posting needs of each article: any change to it that matters bumps the counter. */
  targets: Map<number, Promise<CommentTarget | null>>;
}

// A bound on the per-version article cache (a flood of posts to made-up ids must not grow it).
const TARGETS_MAX = 5000;

/** Reader comments: the one place their rules live, for the public form, the CLI and the newsroom. */
export class CommentService {
  private snapshot: SettingsSnapshot | null = null;

  constructor(private readonly deps: CommentServiceDeps) {}

  private get repos() {
    return this.deps.repos;
  }

  /**
   * The settings as of `version`, kept until the counter moves (every settings write bumps it).
   * Without a version (CLI, tests) they are read afresh.
   */
  private at(version: number | undefined): SettingsSnapshot {
    if (version === undefined) return { version: -1, policies: new Map(), spamEndpoint: null, targets: new Map() };
    if (this.snapshot?.version !== version) this.snapshot = { version, policies: new Map(), spamEndpoint: null, targets: new Map() };
    return this.snapshot;
  }

  /**
   * The article a comment is posted to, as posting needs it (read once per content version: a
   * publish, unpublish, date or comments-open change to a published article bumps the counter,
   * and a draft is refused whatever its cached fields say).
   */
  target(articleId: number, o: AtVersion = {}): Promise<CommentTarget | null> {
    const snap = this.at(o.version);
    let t = snap.targets.get(articleId);
    if (!t) {
      if (snap.targets.size >= TARGETS_MAX) snap.targets.clear();
      t = this.repos.articles.commentTarget(articleId);
      t.catch(() => snap.targets.delete(articleId)); // a failed read must not stick
      snap.targets.set(articleId, t);
    }
    return t;
  }

  /** The edition's policy (stored as a setting over WordPress's defaults). */
  async policy(edition: string, o: AtVersion = {}): Promise<CommentPolicy> {
    const snap = this.at(o.version);
    let p = snap.policies.get(edition);
    if (!p) {
      p = this.repos.settings.get(policySettingKey(edition)).then(parsePolicy);
      p.catch(() => snap.policies.delete(edition)); // a failed read must not stick
      snap.policies.set(edition, p);
    }
    return p;
  }

  private spamEndpoint(o: AtVersion): Promise<string | null> {
    const snap = this.at(o.version);
    if (!snap.spamEndpoint) {
      const p = this.repos.settings.get(AKISMET_SETTING);
      p.catch(() => { snap.spamEndpoint = null; });
      snap.spamEndpoint = p;
    }
    return snap.spamEndpoint;
  }

  async updatePolicy(edition: string, changes: [string, string][]): Promise<CommentPolicy> {
    if (!(await this.repos.editions.all()).some((e) => e.code === edition)) throw new NotFound(`edition "${edition}"`);
    const current = parsePolicy(await this.repos.settings.get(policySettingKey(edition)));
    const updated = changes.reduce((p, [k, v]) => applyPolicySetting(p, k, v), current);
    // Thread depth, paging and closing change the edition's pages.
    await this.repos.write((tx) => this.repos.settings.set(policySettingKey(edition), JSON.stringify(updated), tx), { invalidates: [invalidates.edition(edition)] });
    return updated;
  }

  /** Comments are open on this article now (its own switch, and "close after N days"). */
  isOpen(a: Pick<CommentTarget, 'commentStatus' | 'publishedAt'>, p: CommentPolicy): boolean {
    if (a.commentStatus !== 'open') return false;
    if (p.closeAfterDays > 0 && a.publishedAt) {
      return this.deps.clock.now().getTime() - Date.parse(a.publishedAt) < p.closeAfterDays * DAY_MS;
    }
    return true;
  }

  /** The comment's avatar, drawn from the keyed e-mail hash. */
  avatarOf(c: Comment): Identicon {
    return identiconOf(this.deps.secret, c.emailHash);
  }

  /**
   * A token for the form on this article's page, issued now. A token names only the article and
   * the second it was issued in, so the ones issued within a second are kept: a busy article page
   * computes one HMAC a second, not one per response.
   */
  formToken(articleId: number): string {
    const now = this.deps.clock.now();
    const second = Math.floor(now.getTime() / 1000);
    if (this.issued.second !== second) this.issued = { second, tokens: new Map() };
    let token = this.issued.tokens.get(articleId);
    if (token === undefined) this.issued.tokens.set(articleId, (token = issueFormToken(this.deps.secret, articleId, now)));
    return token;
  }

  private issued: { second: number; tokens: Map<number, string> } = { second: -1, tokens: new Map() };
  /** Form tokens whose signature was checked (checkFormToken). */
  private readonly verifiedTokens = new Set<string>();

  /** The approved thread of an article, with the author's own held comments woven in. */
  async thread(a: Article, options: { page?: number; heldIds?: number[] } & AtVersion = {}): Promise<CommentThread & { policy: CommentPolicy; open: boolean }> {
    const policy = await this.policy(a.edition, options);
    const [approved, held] = await Promise.all([
      this.repos.comments.approvedFor(a.id),
      this.repos.comments.heldFor(a.id, options.heldIds ?? []),
    ]);
    return { ...buildThread(approved, held, { depth: policy.threadDepth, perPage: policy.perPage, page: options.page ?? 1 }), policy, open: this.isOpen(a, policy) };
  }

  /** An approved comment of this article (a reply target), or null. */
  async replyTarget(articleId: number, id: number): Promise<Comment | null> {
    const c = await this.repos.comments.find(id);
    return c && c.articleId === articleId && c.status === 'approved' ? c : null;
  }

  /**
   * Posts a reader's comment. Throws when it cannot be taken: NotFound (no such published
   * article), Forbidden (`comments_closed`, `token_invalid`), Invalid (every field problem at once,
   * by the form's field names; or `token_early` / `token_expired` for the form as a whole) or
   * Conflict (`too_quick`, `duplicate`). With `api` (the WordPress REST API) there is no form token. Otherwise it is stored, in one transaction, with the
   * status the policy gives it — spam and binned comments too, so nothing acknowledged is ever lost.
   */
  async post(article: CommentTarget, s: CommentSubmission, o: AtVersion & { articleUrl?: string; api?: boolean } = {}): Promise<PostedComment> {
    const now = this.deps.clock.now();
    // The caller has loaded the article: not loaded again.
    if (article.status !== 'published') throw new NotFound(`article ${article.id}`);
    const policy = await this.policy(article.edition, o);
    if (!this.isOpen(article, policy)) throw new Forbidden('comments are closed', { field: '', code: 'comments_closed' });

    // A REST client has no form to fill in (WordPress's REST API takes no nonce from anonymous
    // commenters either): every other rule, limit and the moderation still apply.
    const token = o.api ? 'ok' : checkFormToken(this.deps.secret, article.id, s.token, now, { minFillSeconds: policy.minFillSeconds, maxAgeSeconds: policy.tokenMaxAgeSeconds }, this.verifiedTokens);
    if (token === 'invalid') throw new Forbidden('form token invalid', { field: '', code: 'token_invalid' });
    const { fields, problems } = validateFields(s);
    if (s.parentId !== null && !(await this.replyTarget(article.id, s.parentId))) problems.push({ field: 'comment_parent', code: 'parent_missing' });
    if (problems.length) throw new Invalid(problems);
    if (token === 'early') throw new Invalid('', 'token_early');
    if (token === 'expired') throw new Invalid('', 'token_expired');

    const hash = emailHash(this.deps.secret, fields.authorEmail);
    const bodyHash = digestOf('sha256', fields.body);
    const articleUrl = o.articleUrl ?? (await this.deps.articleUrl?.(article)) ?? '';
    const checker = this.deps.spamChecker ?? (await this.configuredChecker(articleUrl, o));
    // Cheap refusals first, so a flood never reaches the spam service (without one, the check
    // inside the transaction is enough).
    const facts = { ip: s.ip, emailHash: hash, articleId: article.id, bodyHash, authorName: fields.authorName };
    if (checker) refuseFloodOrDuplicate(await this.repos.comments.commenterFacts(facts), policy, now);
    const spamVerdict = checker
      ? await checker.check({
          articleUrl, ...fields, ip: s.ip, userAgent: s.userAgent, lang: article.edition,
        })
      : null;

    // Readers posting at the same moment share one commit (storage/comment-posts.ts): the rules
    // are asked again there, inside the transaction and with the commenter locked, so two posts
    // racing each other cannot both pass. Only an approved comment changes the article's page (its
    // thread, count and comment feed): a held one is seen by its author alone, through an
    // uncached response.
    const { id, record } = await this.repos.comments.post({
      about: facts,
      decide: (stored) => {
        const { known } = refuseFloodOrDuplicate(stored, policy, now);
        const { status, why } = decideStatus(policy, { ...fields, ip: s.ip, userAgent: s.userAgent, trapped: s.trap.trim() !== '', known, spamVerdict });
        return {
          articleId: article.id, parentId: s.parentId, ...fields, status, ip: s.ip, userAgent: s.userAgent.slice(0, 255),
          createdAt: now.toISOString(), emailHash: hash, bodyHash, why,
        };
      },
      invalidates: (r) => (r.status === 'approved' ? invalidates.comment({ articleId: article.id, edition: article.edition }) : []),
    });
    this.deps.log?.(`comment ${id} on article ${article.id}: ${record.status} (${record.why})`);
    const posted: PostedComment = { id, status: record.status, articleId: article.id };
    // A held comment is told to the moderators by their digest (moderator-notices.ts), not here:
    // a flood of posts must not become a flood of e-mail.
    return posted;
  }

  /** The spam service named in the settings, if an operator turned one on (off by default). */
  private async configuredChecker(articleUrl: string, o: AtVersion): Promise<SpamChecker | null> {
    const endpoint = await this.spamEndpoint(o);
    if (!endpoint) return null;
    return new AkismetChecker({ endpoint, site: articleUrl ? new URL(articleUrl).origin : '' });
  }

  /** Turns the spam service on (an http(s) comment-check URL) or off (null). */
  async setSpamService(endpoint: string | null): Promise<void> {
    // No page shows the setting, but running sites cache it per content version: it must move.
    const everyEdition = (await this.repos.editions.all()).map((e) => invalidates.edition(e.code));
    if (endpoint === null) {
      await this.repos.write((tx) => this.repos.settings.delete(AKISMET_SETTING, tx), { invalidates: everyEdition });
      return;
    }
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(endpoint).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new Invalid('akismet', 'website');
    await this.repos.write((tx) => this.repos.settings.set(AKISMET_SETTING, endpoint, tx), { invalidates: everyEdition });
  }

  // ---- moderation (the CLI now, the newsroom later; capability checks belong to the caller) ----

  async list(filter: { status?: CommentModeration; limit?: number } = {}): Promise<ModeratedComment[]> {
    return this.repos.comments.list({ ...(filter.status && { status: filter.status }), limit: filter.limit ?? 100 });
  }

  async setStatus(id: number, status: CommentModeration): Promise<void> {
    await this.repos.write(async (tx, touch) => {
      const found = (await this.repos.comments.statuses(tx, [id])).get(id);
      if (!found || !(await this.repos.comments.setStatus(tx, id, status))) throw new NotFound(`comment ${id}`);
      touch(...invalidates.comment(found));
    }, { invalidates: [] });
  }

  async delete(id: number): Promise<void> {
    await this.repos.write(async (tx, touch) => {
      const found = (await this.repos.comments.statuses(tx, [id])).get(id);
      if (!found || !(await this.repos.comments.delete(tx, id))) throw new NotFound(`comment ${id}`);
      touch(...invalidates.comment(found));
    }, { invalidates: [] });
  }

  /** Approved comments on the edition's published articles, filtered and paged (the WordPress REST API). */
  approved(q: ApprovedCommentQuery): Promise<{ items: Comment[]; total: number }> {
    return this.repos.published.comments(q);
  }

  /** The whole article a comment was posted to (a refused post shows its page again). */
  commentedArticle(id: number): Promise<Article | null> {
    return this.repos.articles.findById(id);
  }

  /** Erases every comment (and so every stored personal datum) of one e-mail address. */
  async erase(email: string): Promise<number> {
    const address = email.trim();
    if (!address.includes('@')) throw new Invalid('email', 'email');
    const hash = emailHash(this.deps.secret, address);
    return this.repos.write(async (tx, touch) => {
      const found = await this.repos.comments.byEmailHash(tx, hash);
      for (const c of found) {
        await this.repos.comments.delete(tx, c.id);
        touch(...invalidates.comment(c));
      }
      return found.length;
    }, { invalidates: [] });
  }
}

function refuseFloodOrDuplicate<F extends { latest: string | null; duplicate: boolean }>(f: F, p: CommentPolicy, now: Date): F {
  const elapsed = f.latest ? now.getTime() - Date.parse(f.latest) : Infinity;
  if (p.floodSeconds > 0 && elapsed < p.floodSeconds * 1000) {
    // The reader is told how long to wait: whole seconds, rounded up (never «0»).
    const seconds = Math.max(1, Math.ceil(p.floodSeconds - elapsed / 1000));
    throw new Conflict('commenting too quickly', { field: '', code: 'too_quick', params: { seconds } });
  }
  if (f.duplicate) throw new Conflict('duplicate comment', { field: '', code: 'duplicate' });
  return f;
}
