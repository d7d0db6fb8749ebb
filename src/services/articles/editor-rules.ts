import type { ArticleKind, ArticleStatus } from '../../domain/article.ts';
import { type Actor, type ArticleAction, canDo, canDoTo } from '../users/capabilities.ts';

/** The buttons of the editor form. */
export type EditorAction = 'draft' | 'submit' | 'publish' | 'update' | 'unpublish' | 'trash' | 'restore';
export const EDITOR_ACTIONS: readonly EditorAction[] = ['draft', 'submit', 'publish', 'update', 'unpublish', 'trash', 'restore'];

export function isEditorAction(s: unknown): s is EditorAction {
  return typeof s === 'string' && (EDITOR_ACTIONS as readonly string[]).includes(s);
}

export interface Plan {
  /** Capabilities the actor needs on the article as stored (all of them). */
  needs: ArticleAction[];
  /** 'keep': the stored status (ArticleService still turns a future date into a schedule). */
  status: ArticleStatus | 'keep';
}

/** Which status an action leads to from the stored one, and what it takes; null: not applicable. */
export function planFor(action: EditorAction, current: ArticleStatus | null): Plan | null {
  const editable = current === null || current === 'draft' || current === 'pending';
  const live = current === 'published' || current === 'scheduled';
  switch (action) {
    case 'draft':
      return editable ? { needs: ['article.edit'], status: 'draft' } : null;
    case 'submit':
      return editable ? { needs: ['article.edit', 'article.submit'], status: 'pending' } : null;
    case 'publish':
      return editable ? { needs: ['article.edit', 'article.publish'], status: 'published' } : null;
    case 'update':
      return live ? { needs: ['article.edit'], status: 'keep' } : null;
    case 'unpublish':
      return live ? { needs: ['article.unpublish'], status: 'draft' } : null;
    case 'trash':
      return current !== null && current !== 'trash' ? { needs: ['article.trash'], status: 'trash' } : null;
    case 'restore':
      return current === 'trash' ? { needs: ['article.restore'], status: 'draft' } : null;
  }
}

/** Static pages are the site's own (about, contact): only those who manage pages write them. */
export function mayWriteKind(actor: Actor, kind: ArticleKind): boolean {
  return kind === 'post' || canDo(actor, 'page.manage');
}

/** Which of the form's buttons this actor gets for an article in this state (new: null). */
export function actionsFor(actor: Actor, current: { status: ArticleStatus; authorIds: readonly number[] } | null, kind: ArticleKind = 'post'): EditorAction[] {
  const facts = current ?? { status: 'draft' as const, authorIds: [actor.id] };
  if (!current && !canDo(actor, 'article.create')) return [];
  if (!mayWriteKind(actor, kind)) return [];
  return EDITOR_ACTIONS.filter((a) => {
    // The trash is the news list's (its bulk workflow); a page leaves the site by being unpublished.
    if (kind === 'page' && (a === 'trash' || a === 'restore')) return false;
    const plan = planFor(a, current?.status ?? null);
    return plan !== null && plan.needs.every((n) => canDoTo(actor, n, facts));
  });
}

/** Opening the editor: whoever may do any of its actions (a trashed article shows only Restore). */
export function mayOpen(actor: Actor, state: { status: ArticleStatus; authorIds: readonly number[]; kind: ArticleKind }): boolean {
  if (!mayWriteKind(actor, state.kind)) return false;
  return actionsFor(actor, state, state.kind).length > 0 || canDoTo(actor, 'article.edit', state);
}
