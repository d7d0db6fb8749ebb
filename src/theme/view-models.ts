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
}

export interface ShareLinkVM extends LinkVM {
  kind: 'whatsapp' | 'telegram' | 'x' | 'facebook' | 'email' | 'copy';
}

export interface ArticleVM {
  id: number;
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
  shareLabel: string;
  share: ShareLinkVM[];
  copiedLabel: string;
  tagsLabel: string;
  tags: LinkVM[];
  translationsLabel: string;
  translations: (LinkVM & { lang: string })[];
  relatedLabel: string;
  related: CardVM[];
}

export interface ErrorVM {
  title: string;
  body: string;
  home: LinkVM;
}
