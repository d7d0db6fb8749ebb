import { createHash } from 'node:crypto';
import { COMMENT_STATUSES, type CommentInQueue, type CommentModeration, type ModeratedComment, type PostedComment } from '../../domain/comment.ts';
import type { Edition } from '../../domain/edition.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import { type Paged, pageCount } from '../../domain/page.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { type EditionSet, loadEditions } from '../editions/editions.ts';
import { emailHash } from './avatar.ts';
import { validateFields } from './validate.ts';

export const MAX_MODERATION_BATCH = 200;

/** What a moderator can do to a comment (the newsroom's buttons and bulk menu). */
export type ModerationAction = 'approve' | 'unapprove' | 'spam' | 'trash' | 'restore' | 'delete';
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'unapprove', 'spam', 'trash', 'restore', 'delete'];

export function isModerationAction(s: unknown): s is ModerationAction {
  return typeof s === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(s);
}

/** Where an action takes a comment in this state, or null when it does not apply. */
export function targetStatus(action: Exclude<ModerationAction, 'delete'>, from: CommentModeration): CommentModeration | null {
  switch (action) {
    case 'approve':
      return from === 'approved' ? null : 'approved';
    case 'unapprove':
      return from === 'approved' ? 'pending' : null;
    case 'spam':
      return from === 'spam' ? null : 'spam';
    case 'trash':
      return from === 'trash' ? null : 'trash';
    case 'restore':
      // Out of spam or the trash back to the queue, where a moderator decides again.
      return from === 'spam' || from === 'trash' ? 'pending' : null;
  }
}
/** One page of the moderation queue and what the page says about it (see CommentService.queue). */
export interface ModerationQueue {
  list: Paged<CommentInQueue>;
  counts: Record<CommentModeration, number>;
  /** The article the queue is narrowed to, when it is. */
  article: { id: number; title: string } | null;
  /** Author names of the comments on the page and of those they answer. */
  parentNames: Map<number, string>;
  editions: EditionSet;
}


/**
 * The newsroom's moderation of reader comments: the queue, actions on several comments at once
 * and replies from staff. Capability checks belong to the caller (the routes declare them).
 */
export class ModerationService {
  constructor(private readonly deps: { repos: Repositories; clock: Clock; secret: string }) {}

  private get repos() {
    return this.deps.repos;
  }

  /**
   * One page of the newsroom's moderation queue, how many comments each status tab holds, and
   * what the page says about them: the article it is narrowed to, the names of the comments
   * answered (those not on the page are looked up: a page holds few), and the editions.
   */
  async queue(f: { status: CommentModeration; articleId?: number; text?: string; page: number; perPage: number }): Promise<ModerationQueue> {
    const where = { ...(f.articleId !== undefined && { articleId: f.articleId }), ...(f.text && { text: f.text }) };
    const [{ items, total }, byStatus, editions, scoped] = await Promise.all([
      this.repos.comments.queue({ ...where, status: f.status, limit: f.perPage, offset: (f.page - 1) * f.perPage }),
      this.repos.comments.queueCounts(where),
      loadEditions(this.repos),
      f.articleId !== undefined ? this.repos.articles.commentTarget(f.articleId) : null,
    ]);
    const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, byStatus.get(s) ?? 0])) as Record<CommentModeration, number>;
    const parentNames = new Map(items.map((c) => [c.id, c.authorName]));
    const parents = await Promise.all(items.filter((c) => c.parentId !== null && !parentNames.has(c.parentId)).map((c) => this.repos.comments.find(c.parentId!)));
    for (const p of parents) if (p) parentNames.set(p.id, p.authorName);
    return {
      list: { items, total, page: f.page, perPage: f.perPage, pages: pageCount(total, f.perPage) },
      counts,
      article: scoped ? { id: scoped.id, title: scoped.title } : null,
      parentNames,
      editions,
    };
  }

  /** What the newsroom's reply form shows: the comment answered, its article and edition. */
  async replyContext(id: number): Promise<{ parent: ModeratedComment; article: { title: string; edition: string }; edition: Edition | undefined }> {
    const parent = await this.repos.comments.find(id);
    const article = parent && (await this.repos.articles.commentTarget(parent.articleId));
    if (!parent || !article) throw new NotFound(`comment ${id}`);
    return { parent, article: { title: article.title, edition: article.edition }, edition: (await loadEditions(this.repos)).get(article.edition) };
  }


  /**
   * One moderation action on several comments, in one transaction: all of them change or none
   * (a comment already in the target state is left as it is and reported). Deleting for good is
   * only possible from spam or the trash, as in WordPress, so nothing is erased by one slip.
   */
  async moderate(ids: number[], action: ModerationAction): Promise<{ changed: number[]; unchanged: number[] }> {
    const unique = [...new Set(ids)];
    if (!unique.length) throw new Invalid('ids', 'none_selected');
    if (unique.length > MAX_MODERATION_BATCH) throw new Invalid('ids', 'too_many', { max: MAX_MODERATION_BATCH });
    return this.repos.write(async (tx, touch) => {
      const found = await this.repos.comments.statuses(tx, unique);
      const missing = unique.find((id) => !found.has(id));
      if (missing !== undefined) throw new NotFound(`comment ${missing}`);
      const changed: number[] = [];
      const unchanged: number[] = [];
      for (const id of unique) {
        const from = found.get(id)!.status;
        if (action === 'delete') {
          if (from !== 'spam' && from !== 'trash') throw new Invalid('ids', 'not_deletable');
          changed.push(id);
          continue;
        }
        const to = targetStatus(action, from);
        if (to === null) unchanged.push(id);
        else changed.push(id);
      }
      for (const id of changed) {
        if (action === 'delete') await this.repos.comments.delete(tx, id);
        else await this.repos.comments.setStatus(tx, id, targetStatus(action, found.get(id)!.status)!);
        // Approved comments are on cached public pages (threads, counts, feeds).
        touch(...invalidates.comment(found.get(id)!));
      }
      return { changed: changed.sort((a, b) => a - b), unchanged: unchanged.sort((a, b) => a - b) };
    }, { invalidates: [] });
  }

  /**
   * A newsroom member's reply to a comment: the same field checks and cleaning as a reader's
   * comment, written as approved at once under the member's name. Replying to a held comment
   * approves it too (WordPress's "Approve and reply"): a visible reply to an invisible comment
   * would make no sense.
   */
  async staffReply(staff: { name: string; email: string }, parentId: number, body: string, from: { ip: string; userAgent: string }): Promise<PostedComment> {
    const parent = await this.repos.comments.find(parentId);
    if (!parent) throw new NotFound(`comment ${parentId}`);
    if (parent.status === 'spam' || parent.status === 'trash') throw new Invalid('comment_parent', 'parent_binned');
    const { fields, problems } = validateFields({ authorName: staff.name, authorEmail: staff.email, authorUrl: '', body });
    if (problems.length) throw new Invalid(problems);
    const now = this.deps.clock.now().toISOString();
    return this.repos.write(async (tx, touch) => {
      const { edition } = (await this.repos.comments.statuses(tx, [parent.id])).get(parent.id) ?? { edition: '' };
      if (edition) touch(...invalidates.comment({ articleId: parent.articleId, edition }));
      if (parent.status === 'pending') await this.repos.comments.setStatus(tx, parent.id, 'approved');
      const id = await this.repos.comments.insert(tx, {
        articleId: parent.articleId, parentId: parent.id, ...fields, status: 'approved', ip: from.ip, userAgent: from.userAgent.slice(0, 255),
        createdAt: now, emailHash: emailHash(this.deps.secret, fields.authorEmail), bodyHash: createHash('sha256').update(fields.body).digest('hex'),
      });
      return { id, status: 'approved' as const, articleId: parent.articleId };
    }, { invalidates: [invalidates.article(parent.articleId)] });
  }

}
