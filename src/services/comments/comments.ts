import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Article } from '../../domain/article.ts';
import {
  type Comment, type CommentModeration, type CommentPolicy, CommentRefused, type CommentSubmission,
  type ModeratedComment, type PostedComment,
} from '../../domain/comment.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Mailer } from '../../platform/mailer.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Database } from '../../storage/schema.ts';
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
  mailer?: Mailer;
  /** Off by default; see akismet.ts. */
  spamChecker?: SpamChecker;
  /** The public address of an article (for moderator mail and the spam service). */
  articleUrl?: (a: Article) => Promise<string> | string;
  log?: (msg: string) => void;
}

const DAY_MS = 86_400_000;
/** Site-wide setting: the Akismet-compatible endpoint (comment-check URL, key included), or absent = off. */
export const AKISMET_SETTING = 'comments.akismet-endpoint';

/** Reader comments: the one place their rules live, for the public form, the CLI and the newsroom. */
export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  private get repos() {
    return this.deps.repos;
  }

  /** The edition's policy (stored as a setting over WordPress's defaults). */
  async policy(edition: string): Promise<CommentPolicy> {
    // One indexed read; article pages are cached, so this runs per render and per POST only.
    return parsePolicy(await this.repos.settings.get(policySettingKey(edition)));
  }

  async updatePolicy(edition: string, changes: [string, string][]): Promise<CommentPolicy> {
    if (!(await this.repos.editions.all()).some((e) => e.code === edition)) throw new NotFound(`edition "${edition}"`);
    const current = parsePolicy(await this.repos.settings.get(policySettingKey(edition)));
    const updated = changes.reduce((p, [k, v]) => applyPolicySetting(p, k, v), current);
    await this.repos.transaction(async (tx) => {
      await this.repos.settings.set(policySettingKey(edition), JSON.stringify(updated), tx);
      await this.repos.changes.bump(tx); // thread depth, paging and closing change the pages
    });
    return updated;
  }

  /** Comments are open on this article now (its own switch, and "close after N days"). */
  isOpen(a: Article, p: CommentPolicy): boolean {
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

  formToken(articleId: number): string {
    return issueFormToken(this.deps.secret, articleId, this.deps.clock.now());
  }

  /** The approved thread of an article, with the author's own held comments woven in. */
  async thread(a: Article, options: { page?: number; heldIds?: number[] } = {}): Promise<CommentThread & { policy: CommentPolicy; open: boolean }> {
    const policy = await this.policy(a.edition);
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
   * Posts a reader's comment. Throws CommentRefused (with every field problem) when it cannot be
   * taken; otherwise it is stored, in one transaction, with the status the policy gives it —
   * spam and binned comments too, so nothing acknowledged is ever lost.
   */
  async post(article: Article, s: CommentSubmission): Promise<PostedComment> {
    const now = this.deps.clock.now();
    // The caller has loaded the article (it renders the page for refusals): not loaded again.
    if (article.status !== 'published') throw new CommentRefused('not_found');
    const policy = await this.policy(article.edition);
    if (!this.isOpen(article, policy)) throw new CommentRefused('closed');

    const token = checkFormToken(this.deps.secret, article.id, s.token, now, { minFillSeconds: policy.minFillSeconds, maxAgeSeconds: policy.tokenMaxAgeSeconds });
    if (token === 'invalid') throw new CommentRefused('token_invalid');
    const { fields, problems } = validateFields(s);
    if (s.parentId !== null && !(await this.replyTarget(article.id, s.parentId))) problems.comment_parent = { kind: 'invalid' };
    if (Object.keys(problems).length) throw new CommentRefused('invalid', problems);
    if (token === 'early') throw new CommentRefused('token_early');
    if (token === 'expired') throw new CommentRefused('token_expired');

    const hash = emailHash(this.deps.secret, fields.authorEmail);
    const bodyHash = createHash('sha256').update(fields.body).digest('hex');
    const articleUrl = (await this.deps.articleUrl?.(article)) ?? '';
    const checker = this.deps.spamChecker ?? (await this.configuredChecker(articleUrl));
    // Cheap refusals first, so a flood never reaches the spam service (without one, the check
    // inside the transaction is enough).
    if (checker) await this.refuseFloodOrDuplicate(article.id, s.ip, hash, bodyHash, policy, now);
    const spamVerdict = checker
      ? await checker.check({
          articleUrl, ...fields, ip: s.ip, userAgent: s.userAgent, lang: article.edition,
        })
      : null;

    const posted = await this.repos.transaction(async (tx) => {
      // Again inside the transaction: two posts racing each other must not both pass.
      await this.refuseFloodOrDuplicate(article.id, s.ip, hash, bodyHash, policy, now, tx);
      const known = await this.repos.comments.isKnownCommenter(hash, fields.authorName, tx);
      const { status, why } = decideStatus(policy, { ...fields, ip: s.ip, userAgent: s.userAgent, trapped: s.trap.trim() !== '', known, spamVerdict });
      const id = await this.repos.comments.insert(tx, {
        articleId: article.id, parentId: s.parentId, ...fields, status, ip: s.ip, userAgent: s.userAgent.slice(0, 255),
        createdAt: now.toISOString(), emailHash: hash, bodyHash,
      });
      // MUST bump inside the transaction: the cached article page changes with an approved comment.
      if (status === 'approved') await this.repos.changes.bump(tx);
      this.deps.log?.(`comment ${id} on article ${article.id}: ${status} (${why})`);
      return { id, status, articleId: article.id };
    });
    if (posted.status === 'pending') await this.notifyModerators(article, posted.id, fields, policy, articleUrl);
    return posted;
  }

  /** The spam service named in the settings, if an operator turned one on (off by default). */
  private async configuredChecker(articleUrl: string): Promise<SpamChecker | null> {
    const endpoint = await this.repos.settings.get(AKISMET_SETTING);
    if (!endpoint) return null;
    return new AkismetChecker({ endpoint, site: articleUrl ? new URL(articleUrl).origin : '' });
  }

  /** Turns the spam service on (an http(s) comment-check URL) or off (null). */
  async setSpamService(endpoint: string | null): Promise<void> {
    if (endpoint === null) {
      await this.repos.transaction((tx) => tx.deleteFrom('settings').where('key', '=', AKISMET_SETTING).execute());
      return;
    }
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(endpoint).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new Invalid('akismet', 'must be an http(s) URL such as https://KEY.rest.akismet.com/1.1/comment-check');
    await this.repos.settings.set(AKISMET_SETTING, endpoint);
  }

  private async refuseFloodOrDuplicate(articleId: number, ip: string, hash: string, bodyHash: string, p: CommentPolicy, now: Date, tx?: Kysely<Database>) {
    const latest = await this.repos.comments.latestFrom(ip, hash, tx);
    if (p.floodSeconds > 0 && latest && now.getTime() - Date.parse(latest) < p.floodSeconds * 1000) throw new CommentRefused('too_quick');
    if (await this.repos.comments.isDuplicate(articleId, hash, bodyHash, tx)) throw new CommentRefused('duplicate');
  }

  /** Tells the editors (and the policy's extra addresses) that a comment waits; never fails the post. */
  private async notifyModerators(a: Article, id: number, f: { authorName: string; authorEmail: string; authorUrl: string; body: string }, policy: CommentPolicy, url: string) {
    const { mailer } = this.deps;
    if (!mailer) return;
    try {
      const to = [...new Set([...(await this.repos.comments.moderatorEmails()), ...policy.notify])];
      const text = [
        `A new comment on «${a.title}» is waiting for your approval.`,
        url ? `${url}#comment-${id}` : null,
        '',
        `Author: ${f.authorName}`,
        `E-mail: ${f.authorEmail}`,
        f.authorUrl ? `URL: ${f.authorUrl}` : null,
        '',
        f.body,
        '',
        `Approve it: khabar comments approve ${id}`,
        `Mark it as spam: khabar comments spam ${id}`,
      ].filter((l) => l !== null).join('\n');
      for (const addr of to) await mailer.send({ to: addr, subject: `[${a.edition}] Please moderate: «${a.title}»`, text });
    } catch (e) {
      this.deps.log?.(`moderator notification for comment ${id} failed: ${(e as Error).message}`);
    }
  }

  // ---- moderation (the CLI now, the newsroom later; capability checks belong to the caller) ----

  async list(filter: { status?: CommentModeration; limit?: number } = {}): Promise<ModeratedComment[]> {
    return this.repos.comments.list({ ...(filter.status && { status: filter.status }), limit: filter.limit ?? 100 });
  }

  async setStatus(id: number, status: CommentModeration): Promise<void> {
    await this.repos.transaction(async (tx) => {
      if (!(await this.repos.comments.setStatus(tx, id, status))) throw new NotFound(`comment ${id}`);
      await this.repos.changes.bump(tx);
    });
  }

  async delete(id: number): Promise<void> {
    await this.repos.transaction(async (tx) => {
      if (!(await this.repos.comments.delete(tx, id))) throw new NotFound(`comment ${id}`);
      await this.repos.changes.bump(tx);
    });
  }

  /** Erases every comment (and so every stored personal datum) of one e-mail address. */
  async erase(email: string): Promise<number> {
    const address = email.trim();
    if (!address.includes('@')) throw new Invalid('email', 'must be an e-mail address');
    const hash = emailHash(this.deps.secret, address);
    return this.repos.transaction(async (tx) => {
      const ids = await this.repos.comments.idsByEmailHash(tx, hash);
      for (const id of ids) await this.repos.comments.delete(tx, id);
      if (ids.length) await this.repos.changes.bump(tx);
      return ids.length;
    });
  }
}
