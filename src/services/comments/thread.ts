import type { Comment } from '../../domain/comment.ts';

export interface ThreadNode {
  comment: Comment;
  /** 1 for a top-level comment. */
  depth: number;
  children: ThreadNode[];
}

export interface CommentThread {
  /** Approved comments on the article (what the heading counts). */
  count: number;
  /** The top-level threads of this page. */
  roots: ThreadNode[];
  page: number;
  pages: number;
}

/**
 * Builds the nested thread, oldest first. Replies below the depth limit are shown at the limit,
 * under the nearest ancestor that may still take replies (WordPress's thread_comments_depth).
 * A reply whose parent is not shown (held, binned) starts its own thread. Paging counts
 * top-level threads, so a conversation is never split across pages.
 */
export function buildThread(approved: Comment[], held: Comment[], o: { depth: number; perPage: number; page: number }): CommentThread {
  const all = [...approved, ...held].sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1));
  const nodes = new Map<number, ThreadNode>();
  const roots: ThreadNode[] = [];
  for (const c of all) {
    let parent = c.parentId !== null ? nodes.get(c.parentId) : undefined;
    // Walk up to an ancestor whose children stay within the limit.
    while (parent && parent.depth >= o.depth) parent = parentOf(parent, nodes);
    const node: ThreadNode = { comment: c, depth: parent ? parent.depth + 1 : 1, children: [] };
    nodes.set(c.id, node);
    (parent ? parent.children : roots).push(node);
  }
  const pages = Math.max(1, Math.ceil(roots.length / o.perPage));
  const page = Math.min(Math.max(1, o.page), pages);
  return { count: approved.length, roots: roots.slice((page - 1) * o.perPage, page * o.perPage), page, pages };
}

function parentOf(n: ThreadNode, nodes: Map<number, ThreadNode>): ThreadNode | undefined {
  const id = n.comment.parentId;
  return id !== null ? nodes.get(id) : undefined;
}
