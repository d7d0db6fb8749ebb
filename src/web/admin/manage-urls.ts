import type { TermKind } from '../../domain/taxonomy.ts';
import { ADMIN, withQuery } from './context.ts';

/** The management screens' URLs (the rest of the newsroom's are adminUrls in context.ts). */
export const manageUrls = {
  taxonomy: (q: { edition?: string; done?: string } = {}) => withQuery(`${ADMIN}/taxonomy`, q),
  termCreate: (kind: TermKind) => `${ADMIN}/taxonomy/${kind}`,
  term: (kind: TermKind, id: number) => `${ADMIN}/taxonomy/${kind}/${id}`,
  termDelete: (kind: TermKind, id: number) => `${ADMIN}/taxonomy/${kind}/${id}/delete`,
  users: (q: { done?: string } = {}) => withQuery(`${ADMIN}/users`, q),
  user: (id: number) => `${ADMIN}/users/${id}`,
  userCreate: () => `${ADMIN}/users/new`,
  editions: (q: { edition?: string; done?: string } = {}) => withQuery(`${ADMIN}/editions`, q),
  home: (q: { edition?: string; done?: string } = {}) => withQuery(`${ADMIN}/home-page`, q),
  menus: (q: { edition?: string; done?: string } = {}) => withQuery(`${ADMIN}/menus`, q),
  pages: (q: { edition?: string } = {}) => withQuery(`${ADMIN}/pages`, q),
};
