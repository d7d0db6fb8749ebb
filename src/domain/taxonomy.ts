export interface Category {
  id: number;
  edition: string;
  slug: string;
  name: string;
  description: string;
}

export interface Tag {
  id: number;
  edition: string;
  slug: string;
  name: string;
}

/** The two taxonomies: sections (categories) and tags. */
export type TermKind = 'category' | 'tag';
export const TERM_KINDS: readonly TermKind[] = ['category', 'tag'];

/** A section or tag with what the newsroom manages about it and how many articles carry it. */
export interface Term {
  id: number;
  edition: string;
  slug: string;
  name: string;
  /** Tags have none (''). */
  description: string;
  /** Menu order of sections; 0 for tags. */
  position: number;
  articles: number;
}

/** What a section or tag is written with. */
export interface TermFields {
  slug: string;
  name: string;
  description: string;
  position: number;
}
