import type { ArticleKind, ArticleStatus, CommentStatus, FocalPoint } from './article.ts';
import type { CommentModeration } from './comment.ts';

/*
 * What `khabar export` reads of a site: the nouns as a WordPress export carries them, with
 * their links by id (a page of articles is read at a time, never the whole site).
 */

/** An article (post or page) with everything an export carries, its terms and people by id. */
export interface ExportedArticle {
  id: number;
  kind: ArticleKind;
  slug: string;
  title: string;
  excerpt: string;
  bodyHtml: string;
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  commentStatus: CommentStatus;
  sticky: boolean;
  /** The newsroom's fields (WordPress: Yoast's SEO postmeta, Khabar's own for the rest). */
  kicker: string;
  breaking: boolean;
  seoTitle: string;
  seoDescription: string;
  dateline: string;
  featuredImageUrl: string | null;
  featuredImageAlt: string;
  featuredImageCaption: string;
  /** Its focal point; absent → the centre. */
  featuredImageFocus?: FocalPoint;
  /** A page's parent page (a Khabar id), or null. */
  parentId: number | null;
  authorIds: number[];
  categories: ExportedTermRef[];
  tags: ExportedTermRef[];
}

/** A term as an article carries it. */
export interface ExportedTermRef {
  id: number;
  slug: string;
  name: string;
}

/** A comment of any status, with its private fields (an export is the site owner's own copy). */
export interface ExportedComment {
  id: number;
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  body: string;
  status: CommentModeration;
  ip: string;
  createdAt: string;
}

/** A byline: its handle and name (never an e-mail or a password). */
export interface ExportedAuthor {
  id: number;
  slug: string;
  name: string;
}

export interface ExportedTerm {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** A section's parent section (a Khabar id), or null; tags have none. */
  parentId: number | null;
}

/** The largest ids an export must stay above when it numbers what did not come from WordPress. */
export interface ExportIdFloors {
  /** Posts, pages and attachments share WordPress's post ids. */
  wpPost: number;
  wpTerm: number;
  wpComment: number;
  wpUser: number;
  article: number;
  category: number;
}

/**
 * The WordPress postmeta keys of an article's newsroom fields: Yoast SEO's for the SEO title and
 * description (what most WordPress newsrooms have), Khabar's own hidden ones (`_`) for the rest.
 */
export const FIELD_META = {
  seoTitle: '_yoast_wpseo_title', seoDescription: '_yoast_wpseo_metadesc', kicker: '_khabar_kicker', dateline: '_khabar_dateline', breaking: '_khabar_breaking',
} as const;
