/**
 * What kind of save made a revision. `original`: the text an article had before its first save
 * in the editor (an import, say).
 */
export type RevisionKind = 'save' | 'autosave' | 'conflict' | 'restore' | 'original';

export interface NewRevision {
  articleId: number;
  kind: RevisionKind;
  title: string;
  excerpt: string;
  bodyHtml: string;
  userId: number | null;
}

/** One saved state of an article's title, excerpt and body. */
export interface Revision extends NewRevision {
  id: number;
  userName: string | null;
  createdAt: string;
}
