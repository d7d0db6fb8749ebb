/** What templates receive: plain, already-formatted values. Never database rows or domain objects. */
export interface LinkVM {
  label: string;
  url: string;
}

export interface NavItemVM extends LinkVM {
  current: boolean;
}

export interface EditionLinkVM extends NavItemVM {
  lang: string;
}

export interface AlternateVM {
  lang: string;
  url: string;
}

export interface OpenGraphVM {
  type: 'website' | 'article';
  title: string;
  description: string;
  url: string;
  image: string;
  publishedTime?: string;
  modifiedTime?: string;
  section?: string;
}

export interface LayoutVM {
  lang: string;
  dir: 'rtl' | 'ltr';
  title: string;
  description: string;
  canonical: string | null;
  siteName: string;
  tagline: string;
  homeUrl: string;
  logoUrl: string | null;
  faviconUrl: string;
  nav: NavItemVM[];
  navLabel: string;
  editions: EditionLinkVM[];
  editionsLabel: string;
  skipLabel: string;
  footerText: string;
  css: string;
  js: string;
  fontPreloads: string[];
  og: OpenGraphVM | null;
  alternates: AlternateVM[];
  noindex: boolean;
  /** Feeds advertised with <link rel="alternate"> (the edition's, and the page's own). */
  feeds?: FeedLinkVM[];
  /** JSON-LD, already serialised with `<` escaped (rendered as a data block, not a script). */
  jsonLd?: string | null;
  search?: SearchFormVM;
  /**
   * The comment form's token, rendered as the body's LAST element (a hidden input tied to the form
   * by its `form` attribute): the cached page is compressed once up to it, and each response only
   * appends the token and the few closing bytes (web/public/page-cache.ts).
   */
  formToken?: { form: string; value: string } | null;
}

export interface FeedLinkVM {
  title: string;
  url: string;
  type: 'application/rss+xml' | 'application/atom+xml';
}

export interface SearchFormVM {
  action: string;
  label: string;
  placeholder: string;
  button: string;
  q: string;
}

/** "Most read" list beside the home page and articles. */
export interface MostReadVM {
  label: string;
  cards: CardVM[];
}

export interface DateVM {
  text: string;
  iso: string;
}

export interface CardVM {
  id: number;
  title: string;
  url: string;
  excerpt: string;
  date: DateVM;
  category: LinkVM | null;
  /** The editors' line above the headline («تحليل»); shown in place of the section. '' when none. */
  kicker: string;
  /** «عاجل» before the headline of a breaking story; null otherwise. */
  breaking: string | null;
  /** «3 تعليقات», linking to the thread; null without approved comments. */
  comments: LinkVM | null;
  /** The article's photo, cropped by the card's frame; null: a text-only card. */
  image: CardImageVM | null;
}

/**
 * A card's photo. The frame has its own shape (3:2) whatever the photo's: the box is reserved by
 * width and height (no layout shift) and the picture fills it, cropped around its centre.
 */
export interface CardImageVM {
  src: string;
  alt: string;
  srcset: string | null;
  /** Set by the template for where the card sits (lead, list, grid). */
  sources: { type: string; srcset: string }[];
  width: number;
  height: number;
  /** `fx-N fy-N`: the focal point in 10 % steps, which the stylesheet crops around (no inline style under the CSP). */
  focus: string;
}

export interface PaginationVM {
  label: string;
  status: string;
  prev: LinkVM | null;
  next: LinkVM | null;
}

export interface ListingVM {
  heading: string;
  intro: string;
  /** An author's photo beside the heading (author archives only). */
  photo: { src: string; alt: string; size: number } | null;
  cards: CardVM[];
  emptyText: string;
  pagination: PaginationVM | null;
}

export interface HomeSectionVM {
  title: LinkVM;
  more: LinkVM;
  cards: CardVM[];
}

export interface HomeVM {
  heading: string; // visually hidden h1: the site name
  lead: CardVM | null;
  leadLabel: string;
  latestLabel: string;
  latest: CardVM[];
  pagination: PaginationVM | null;
  sections: HomeSectionVM[];
  mostRead?: MostReadVM | null;
  /** The strip of breaking stories above the lead; null when there are none. */
  breaking: { label: string; items: LinkVM[] } | null;
}

export interface ShareLinkVM extends LinkVM {
  kind: 'whatsapp' | 'telegram' | 'x' | 'facebook' | 'email' | 'copy';
}

/** An article's lead photo: <picture> sources when it is one of ours (media library), else a plain image. */
export interface FeaturedImageVM {
  src: string;
  alt: string;
  srcset: string | null;
  sizes: string | null;
  width: number | null;
  height: number | null;
  sources: { type: string; srcset: string }[];
  caption: string;
  /** «الصورة: …», or empty. */
  credit: string;
  /** As a card's (`fx-N fy-N`), for wherever the photo is cropped. */
  focus: string;
}

export interface ArticleVM {
  id: number;
  /** The editors' line above the headline; '' when none. */
  kicker: string;
  /** «عاجل» beside the headline of a breaking story; null otherwise. */
  breaking: string | null;
  /** Where the story was filed from, shown at the start of the body («الدوحة —»); '' when none. */
  dateline: string;
  /** Where the page reports a view (the public page only; a preview counts none). */
  viewBeacon?: string;
  title: string;
  date: DateVM;
  hijriDate: string | null;
  category: LinkVM | null;
  byLabel: string;
  authors: LinkVM[];
  inLabel: string;
  categories: LinkVM[];
  /** «، » in Arabic, «, » in English. */
  listSeparator: string;
  bodyHtml: string; // sanitised on write
  /** «آخر تحديث»: when a published article was changed after it went out. */
  updated?: { label: string; date: DateVM } | null;
  featuredImage?: FeaturedImageVM | null;
  shareLabel: string;
  share: ShareLinkVM[];
  copiedLabel: string;
  tagsLabel: string;
  tags: LinkVM[];
  translationsLabel: string;
  translations: (LinkVM & { lang: string })[];
  relatedLabel: string;
  related: CardVM[];
  mostRead?: MostReadVM | null;
  /** The comment section; absent on pages that take no comments. */
  comments?: CommentsSectionVM | null;
}

export interface ErrorVM {
  title: string;
  body: string;
  home: LinkVM;
}

/** A comment body piece: text, or a link (http(s) only, rel="nofollow ugc noopener"). */
export type CommentSegmentVM = { kind: 'text'; text: string } | { kind: 'link'; url: string; text: string };

export interface CommentVM {
  id: number;
  authorName: string;
  authorUrl: string | null;
  /** A 5×5 identicon made from a keyed hash of the e-mail (never the e-mail itself). */
  avatar: { cells: boolean[]; hue: number };
  date: DateVM;
  permalink: string;
  /** Paragraphs → lines → segments. */
  paragraphs: CommentSegmentVM[][][];
  /** Shown only to its author: "awaiting moderation". */
  pendingText: string | null;
  reply: (LinkVM & { ariaLabel: string }) | null;
  depth: number;
  children: CommentVM[];
}

export interface CommentFieldVM {
  name: 'author' | 'email' | 'url';
  id: string;
  label: string;
  type: 'text' | 'email' | 'url';
  value: string;
  required: boolean;
  maxLength: number;
  autocomplete: string;
  error: string | null;
}

export interface CommentFormVM {
  action: string;
  articleId: number;
  parentId: number;
  /** Rendered by the layout, last in the body (LayoutVM.formToken), not inside the form. */
  token: string;
  /** The reader's held comments on this article, signed (private pages only): a new held one joins them. */
  held: string | null;
  heading: string;
  /** «Cancel reply»: shown when the form answers a comment (script shows it on a reply in place). */
  cancelReply: (LinkVM & { hidden: boolean }) | null;
  emailNote: string;
  requiredNote: string;
  /** A message for the whole form (too quick, duplicate, expired…), if any. */
  message: string | null;
  /** Links to the fields in error (the summary above the form). */
  errors: LinkVM[];
  fields: CommentFieldVM[];
  comment: { label: string; value: string; maxLength: number; error: string | null };
  submitLabel: string;
  /** The honeypot: hidden from people and assistive technology. */
  trap: { name: string; label: string };
}

export interface CommentsSectionVM {
  heading: string;
  /** Near the headline: «3 تعليقات» linking to the thread, or «اترك تعليقاً» to the form; null when neither. */
  headline: LinkVM | null;
  count: number;
  comments: CommentVM[];
  pagination: PaginationVM | null;
  closedText: string | null;
  form: CommentFormVM | null;
}
