import type { Comment } from '../../domain/comment.ts';
import { emailHash } from '../../services/comments/avatar.ts';
import type { WpAnswer, WpRequestContext } from './endpoints.ts';
import type { WpCommentInput } from './params.ts';
import { WpRefusal } from './wp-errors.ts';
import { PublicIds, wpComment } from './wp-objects.ts';

const ID = /^\s*[1-9]\d{0,15}\s*$/;
const idOf = (v: number | string | undefined): number | null => (v === undefined ? null : ID.test(String(v)) ? Number(v) : null);

/**
 * `POST wp/v2/comments`: a reader's comment through the same service as the comment form — its
 * rules, flood and duplicate checks, spam defence and moderation — when the edition takes comments
 * through the API (`wp-api-comments=true`); otherwise WordPress's own answer to an anonymous
 * REST comment, `rest_comment_login_required`.
 */
export async function postComment(
  r: WpRequestContext,
  b: WpCommentInput,
  who: { ip: string; userAgent: string; version: number },
): Promise<WpAnswer> {
  const { services: s, edition } = r;
  if (!edition.wpApiComments) throw new WpRefusal('rest_comment_login_required', 401, { field: '', code: 'login_required' });
  const invalidPost = new WpRefusal('rest_comment_invalid_post_id', 403, { field: 'post', code: 'no_such_id' });
  const postId = idOf(b.post);
  if (postId === null) throw invalidPost;
  const id = await s.wordpressIds.resolve(edition.code, 'post', postId);
  const target = await s.comments.target(id, { version: who.version });
  if (!target || target.status !== 'published' || !target.publishedAt || target.edition !== edition.code) throw invalidPost;
  const parentPublic = idOf(b.parent);
  const parentId = parentPublic === null ? null : await s.wordpressIds.resolve(edition.code, 'comment', parentPublic);
  const content = typeof b.content === 'string' ? b.content : (b.content?.raw ?? '');
  const permalink = s.urls.absolute(s.urls.article(edition, { slug: target.slug, publishedAt: target.publishedAt }));
  const submission = {
    parentId, authorName: b.author_name ?? '', authorEmail: b.author_email ?? '', authorUrl: b.author_url ?? '', body: content,
    ip: who.ip, userAgent: who.userAgent, token: '', trap: '',
  };
  const posted = await s.comments.post(target, submission, { version: who.version, articleUrl: permalink, api: true });
  const comment: Comment = {
    id: posted.id, articleId: target.id, parentId, authorName: submission.authorName.trim(), authorUrl: submission.authorUrl.trim(),
    body: content.trim(), status: posted.status, createdAt: s.clock.now().toISOString(), emailHash: emailHash(s.secret, submission.authorEmail),
  };
  const ids = await PublicIds.load(s.wordpressIds, edition.code, { post: [target.id], comment: [posted.id, ...(parentId ? [parentId] : [])] });
  const ctx = { edition, urls: s.urls, root: r.root, ids, mediaByName: new Map<string, number>(), avatar: (c: Comment) => s.comments.avatarOf(c) };
  return { status: 201, body: wpComment(comment, { id: target.id, permalink }, ctx) };
}
