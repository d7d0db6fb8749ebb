import type { Author } from './user.ts';
import type { Category, Tag } from './taxonomy.ts';

export type ArticleStatus = 'draft' | 'pending' | 'scheduled' | 'published' | 'trash';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['draft', 'pending', 'scheduled', 'published', 'trash'];
export type CommentStatus = 'open' | 'closed';
/** What the newsroom's article list sorts by (WordPress's sortable columns). */
export const NEWSROOM_ORDERS = ['date', 'title', 'author', 'status'] as const;
export type NewsroomOrder = (typeof NEWSROOM_ORDERS)[number];
/** A news post (the flow, feeds, sitemaps) or a static page (/<edition>/<slug>/, outside the flow). */
export type ArticleKind = 'post' | 'page';

/** The compact form used in lists (home, archives, related). */
export interface ArticleSummary {
  id: number;
  edition: string;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: string; // ISO 8601 UTC instant
  status: ArticleStatus;
  featuredImageUrl: string | null;
  featuredImageAlt: string;
  /** Where a frame of another shape centres the (card) image; absent → its centre. */
  featuredImageFocus?: FocalPoint;
  primaryCategory: Category | null;
  /** Approved comments (lists show it); 0 where a read does not count them. */
  commentCount: number;
  /** The small line above the headline ('' when none); cards show it in place of the section. */
  kicker: string;
  /** Breaking news: the home page's strip and a marker on the article (migrations/0026-article-fields.ts). */
  breaking: boolean;
}

export interface Article extends ArticleSummary {
  bodyHtml: string;     // sanitised HTML
  bodyText: string;     // plain text of the body (search, excerpts)
  commentStatus: CommentStatus;
  translationGroup: string | null;
  createdAt: string;
  updatedAt: string;
  /** When a published article's content last changed after publication (the "updated" line); null if never. */
  revisedAt: string | null;
  featuredImageCaption: string;
  featuredImageCredit: string;
  /** What search engines and shares see instead of the title and excerpt ('' when the same). */
  seoTitle: string;
  seoDescription: string;
  /** Where the story was filed from («الدوحة»), shown at the start of the body; '' when none. */
  dateline: string;
  /** Kept at the top of the home page (WordPress's sticky; the home lead). */
  sticky: boolean;
  authors: Author[];
  categories: Category[];
  tags: Tag[];
}

/**
 * When a published article last changed for its readers: its revision after publication, else
 * its publication. Not `updatedAt`, which moves with any save of the row (an import, a re-save
 * without changes): dateModified, Atom's updated and the sitemap's lastmod say this.
 */
export function modifiedAt(a: Pick<Article, 'publishedAt' | 'revisedAt'>): string {
  return a.revisedAt && a.revisedAt > a.publishedAt ? a.revisedAt : a.publishedAt;
}

/** What a writer (the importer, later the newsroom) hands to the service. */
export interface ArticleInput {
  id?: number;
  edition: string;
  title: string;
  slug?: string;
  excerpt?: string;
  bodyHtml: string;
  publishedAt: string | null;  // ISO instant; null for drafts
  status: ArticleStatus;
  commentStatus: CommentStatus;
  translationGroup?: string | null;
  authorSlugs?: string[];
  categorySlugs?: string[];
  tagNames?: string[];
  /** Set when the row is created ('post' if absent); a save never changes it. */
  kind?: ArticleKind;
  /** The lead photo; absent → none. `alt` is required with a URL (the newsroom checks it). */
  featuredImage?: FeaturedImage | null;
  /** Tags that exist already, by slug (an import that made them with their own slugs). */
  tagSlugs?: string[];
  /** Written only when given (the WordPress import): a page's parent page; the home lead flag. */
  parentId?: number | null;
  sticky?: boolean;
  /** The newsroom's fields (absent: none). */
  kicker?: string;
  breaking?: boolean;
  seoTitle?: string;
  seoDescription?: string;
  dateline?: string;
  /**
   * A row only an autosave made (WordPress's auto-draft): it holds no slug and no list shows it
   * until a real save. Absent: a real save.
   */
  autoDraft?: boolean;
  /**
   * When the article was created and last changed as its source has it (an import); absent → the
   * time of the save. An import must not make a 2015 article look changed today.
   */
  createdAt?: string;
  updatedAt?: string;
}

export interface FeaturedImage {
  url: string;
  alt: string;
  caption: string;
  credit: string;
  /** Absent → the centre. */
  focus?: FocalPoint;
}

/** A point of an image in whole per cent of its width (x) and height (y) from the top-left: 0–100. */
export interface FocalPoint {
  x: number;
  y: number;
}
export const CENTRE: FocalPoint = { x: 50, y: 50 };

/** One article as the newsroom's list shows it: any status, with its authors and first section. */
export interface ArticleListItem {
  id: number;
  edition: string;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  authorIds: number[];
  authorNames: string[];
  categoryName: string | null;
}

/** What a capability check and a status change need to know about one article. */
export interface ArticleOwnership {
  id: number;
  edition: string;
  status: ArticleStatus;
  publishedAt: string | null;
  authorIds: number[];
}

/** What is stored about an article's state: a save is checked against it (status, owners, version). */
export interface ArticleState extends ArticleOwnership {
  kind: ArticleKind;
  slug: string;
  /** Moves on with every save: the optimistic lock of the editor. */
  version: number;
  translationGroup: string | null;
  /** Made by an autosave and never saved for real: no slug, hidden from the list. */
  autoDraft: boolean;
  /** The front page's flags as stored (kept by a save from someone who may not change them). */
  sticky: boolean;
  breaking: boolean;
}

/** Another article named by a translation link: which one, in which edition, in what state. */
export interface ArticleRef {
  id: number;
  edition: string;
  title: string;
  status: ArticleStatus;
  translationGroup: string | null;
}
