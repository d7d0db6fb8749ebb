import { Type } from '@fastify/type-provider-typebox';
import type { ArticleKind } from '../../domain/article.ts';
import { ADMIN, withQuery } from './context.ts';

/** The editor's URLs (kept here: adminUrls in context.ts is shared by every newsroom area). */
export const editorUrls = {
  create: (q: { edition?: string; kind?: ArticleKind } = {}) => withQuery(`${ADMIN}/articles/new`, q),
  createAutosave: () => `${ADMIN}/articles/new/autosave`,
  edit: (id: number, q: { saved?: string } = {}) => withQuery(`${ADMIN}/articles/${id}/edit`, q),
  autosave: (id: number) => `${ADMIN}/articles/${id}/autosave`,
  preview: (id: number) => `${ADMIN}/articles/${id}/preview`,
  revisions: (id: number, q: { saved?: string } = {}) => withQuery(`${ADMIN}/articles/${id}/revisions`, q),
  compareForm: (id: number) => `${ADMIN}/articles/${id}/revisions/compare`,
  compare: (id: number, from: number | 'current', to: number | 'current') => withQuery(`${ADMIN}/articles/${id}/revisions/compare`, { from: String(from), to: String(to) }),
  restore: (id: number, rev: number) => `${ADMIN}/articles/${id}/revisions/${rev}/restore`,
  media: () => `${ADMIN}/media.json`,
  /** The media library's upload route (POST, multipart), which the editor's image dialog uses. */
  upload: () => `${ADMIN}/media`,
};

/** The `:id` of these URLs: anything else names no article (404, not 400). */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^\\d{1,9}$' }) });
