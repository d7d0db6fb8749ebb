import { pluralKey, type PluralForms } from '../../platform/i18n/plural.ts';
import { CENTRE, type FocalPoint, modifiedAt, type Article, type ArticleSummary } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import type { Paged } from '../../domain/page.ts';
import type { MenuItem } from '../../domain/menu.ts';
import type { Category } from '../../domain/taxonomy.ts';
import { formatNumber } from '../../platform/dates/digits.ts';
import { formatDateLine, formatHijri, formatShortDate } from '../../platform/dates/format.ts';
import type { Translate } from '../../platform/i18n/strings.ts';
import type { EditionSet } from '../../services/editions/editions.ts';
import type { HomeContent } from '../../services/articles/articles.ts';
import type {
  ArticleVM, CardImageVM, CardVM, FeaturedImageVM, FeedLinkVM, HomeVM, LayoutVM, LinkVM, ListingVM, OpenGraphVM, PaginationVM, ShareLinkVM,
} from '../../theme/view-models.ts';
import type { Assets } from '../assets.ts';
import type { Urls } from '../../services/editions/urls.ts';
import { renderEmbedCards } from '../../platform/html/embeds.ts';
import { escapeHtml } from '../../platform/html/sanitize.ts';
import { mediaUrl, parseMediaUrl, variantWidths } from '../../services/media/media-urls.ts';
import { ARTICLE_IMAGE_SIZES, responsiveBodyImages, responsiveImage } from '../../services/media/responsive.ts';

/** Everything a presenter needs about the site and the edition being served. */
export interface PageContext {
  edition: Edition;
  editions: EditionSet;
  urls: Urls;
  t: Translate;
  assets: Assets;
  categories: Category[];
  /** The edition's own masthead menu; empty: the automatic menu of its sections. */
  menu?: MenuItem[];
}

export interface LayoutOptions {
  title: string | null; // null: the home page (site name and tagline)
  description?: string;
  canonical?: string | null;
  currentNav?: string; // the URL of the current section
  og?: OpenGraphVM | null;
  alternates?: { lang: string; url: string }[];
  /** The page's own feeds, advertised after the edition's (archives, an article's comments). */
  feeds?: FeedLinkVM[];
  jsonLd?: string | null;
  /** The page has its own search form (the search page): the masthead's is left out, so a page has one search box and one search landmark. */
  ownSearchForm?: boolean;
  /** Pages search engines should not keep (search results: endless, reader-made URLs). */
  noindex?: boolean;
}

/** RSS and Atom links for one feed scope, titled in the edition's language. */
export function feedLinks(ctx: PageContext, title: string, scope: Parameters<PageContext['urls']['feed']>[2]): FeedLinkVM[] {
  const { urls, edition: e, t } = ctx;
  return [
    { title: t('feedRss', { title }), url: urls.absolute(urls.feed(e, 'rss', scope)), type: 'application/rss+xml' },
    { title: t('feedAtom', { title }), url: urls.absolute(urls.feed(e, 'atom', scope)), type: 'application/atom+xml' },
  ];
}

/**
 * JSON-LD for a script data block. `<` (and `>`, `&`) become \u escapes so no text in the data
 * can close the element (`</script>`) or open a comment; a data block is not executed, so the CSP
 * (script-src 'self') does not apply to it.
 */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const isArabic = (e: Edition) => e.locale.split('-')[0] === 'ar';

export function layoutVM(ctx: PageContext, o: LayoutOptions): LayoutVM {
  const { edition: e, urls, t, assets } = ctx;
  const home = urls.home(e);
  return {
    lang: e.locale,
    dir: e.dir,
    title: o.title ? `${o.title} - ${e.siteName}` : e.tagline ? `${e.siteName} - ${e.tagline}` : e.siteName,
    description: o.description ?? e.tagline,
    canonical: o.canonical === undefined ? null : o.canonical && urls.absolute(o.canonical),
    siteName: e.siteName,
    tagline: e.tagline,
    homeUrl: home,
    logoUrl: e.logoUrl,
    faviconUrl: e.faviconUrl ?? assets.favicon,
    nav: [
      { label: t('home'), url: home, current: o.currentNav === home },
      ...(ctx.menu?.length
        ? ctx.menu.map((m) => {
            const url = m.category ? urls.category(e, m.category.slug) : (m.url ?? home);
            return { label: m.label || m.category?.name || url, url, current: o.currentNav === url };
          })
        : ctx.categories.map((c) => {
            const url = urls.category(e, c.slug);
            return { label: c.name, url, current: o.currentNav === url };
          })),
    ],
    navLabel: t('home'),
    editions: ctx.editions.list.map((x) => ({
      label: translatorLabel(x),
      url: urls.home(x),
      lang: x.locale,
      current: x.code === e.code,
    })),
    editionsLabel: t('editions'),
    skipLabel: t('skipToContent'),
    footerText: t('footerRights', { year: formatNumber(new Date().getUTCFullYear(), e.digits), site: e.siteName }),
    css: assets.css,
    js: assets.js,
    // The Arabic webfont is only worth its bytes on Arabic pages.
    fontPreloads: isArabic(e) ? assets.fontPreloads : [],
    og: o.og ?? null,
    alternates: o.alternates ?? [],
    noindex: o.noindex ?? false,
    feeds: [...feedLinks(ctx, e.siteName, { kind: 'edition' }), ...(o.feeds ?? [])],
    jsonLd: o.jsonLd ?? null,
    ...(!o.ownSearchForm && {
      search: {
        action: urls.search(e, { q: '' }).split('?')[0]!,
        label: t('searchLabel'),
        placeholder: t('searchPlaceholder'),
        button: t('searchButton'),
        q: '',
      },
    }),
  };
}

/**
 * An edition's name in its own language: «العربية», «English». Kept per locale and code: every
 * page names every edition, and an Intl.DisplayNames costs about 0.1 ms to make.
 */
function translatorLabel(e: Edition): string {
  const key = `${e.locale}|${e.code}`;
  let label = editionLabels.get(key);
  if (label === undefined) {
    label = editionLabel(e);
    if (editionLabels.size >= 100) editionLabels.clear();
    editionLabels.set(key, label);
  }
  return label;
}
const editionLabels = new Map<string, string>();

function editionLabel(e: Edition): string {
  try {
    const name = new Intl.DisplayNames([e.locale], { type: 'language' }).of(e.locale.split('-')[0]!);
    return name ? name.charAt(0).toLocaleUpperCase(e.locale) + name.slice(1) : e.code;
  } catch {
    return e.code;
  }
}

const COMMENT_COUNT: PluralForms = {
  zero: 'commentsZero', one: 'commentsOne', two: 'commentsTwo', few: 'commentsFew', many: 'commentsMany', other: 'commentsOther',
};

/** «٣ تعليقات», «تعليقان», «11 تعليقاً», "3 comments": the language's plural rules, the edition's digits. */
export function commentCount(ctx: PageContext, n: number): string {
  const key = n === 0 ? 'commentsZero' : pluralKey(ctx.edition.locale, n, COMMENT_COUNT);
  return ctx.t(key, { n: formatNumber(n, ctx.edition.digits) });
}

export function cardVM(ctx: PageContext, a: ArticleSummary): CardVM {
  const { edition: e, urls } = ctx;
  return {
    id: a.id,
    title: a.title,
    url: urls.article(e, a),
    excerpt: a.excerpt,
    date: { text: formatShortDate(a.publishedAt, e), iso: a.publishedAt },
    category: a.primaryCategory ? { label: a.primaryCategory.name, url: urls.category(e, a.primaryCategory.slug) } : null,
    kicker: a.kicker,
    breaking: a.breaking ? ctx.t('breaking') : null,
    comments: a.commentCount > 0 ? { label: commentCount(ctx, a.commentCount), url: `${urls.article(e, a)}#comments` } : null,
    image: cardImageVM(ctx, a),
  };
}

/** The 3:2 frame cards crop photos to (its width and height reserve the box before it loads). */
export const CARD_FRAME = { width: 480, height: 320 };

/** A card's photo: our library's variants when it is one of ours, else the URL as it is (http(s) or a site path). */
export function cardImageVM(ctx: PageContext, a: ArticleSummary): CardImageVM | null {
  const url = a.featuredImageUrl;
  if (!url || !/^(https?:\/\/|\/(?!\/))/.test(url)) return null;
  const r = responsiveImage(url, { origin: ctx.urls.siteUrl, at: (path) => ctx.urls.media(path) });
  return { src: r?.src ?? url, alt: a.featuredImageAlt, srcset: r?.srcset ?? null, sources: r?.sources ?? [], ...CARD_FRAME, focus: focusClass(a.featuredImageFocus) };
}

/** A focal point as the classes the public stylesheet crops by, rounded to 10 % steps. */
export function focusClass(p: FocalPoint | undefined): string {
  const step = (v: number) => Math.min(10, Math.max(0, Math.round(v / 10)));
  const { x, y } = p ?? CENTRE;
  return `fx-${step(x)} fy-${step(y)}`;
}

export function paginationVM(ctx: PageContext, p: Paged<unknown>, pageUrl: (n: number) => string): PaginationVM | null {
  if (p.pages <= 1) return null;
  const { t, edition: e } = ctx;
  return {
    label: t('pagination'),
    status: t('pageOf', { page: formatNumber(p.page, e.digits), pages: formatNumber(p.pages, e.digits) }),
    prev: p.page > 1 ? { label: t('previousPage'), url: pageUrl(p.page - 1) } : null,
    next: p.page < p.pages ? { label: t('nextPage'), url: pageUrl(p.page + 1) } : null,
  };
}

export function homeVM(ctx: PageContext, h: HomeContent): HomeVM {
  const { t, urls, edition: e } = ctx;
  return {
    heading: e.siteName,
    breaking: h.breaking.length ? { label: t('breaking'), items: h.breaking.map((a) => ({ label: a.title, url: urls.article(e, a) })) } : null,
    lead: h.lead && cardVM(ctx, h.lead),
    leadLabel: t('leadStory'),
    latestLabel: t('latest'),
    latest: h.latest.items.map((a) => cardVM(ctx, a)),
    pagination: paginationVM(ctx, h.latest, (n) => urls.home(e, n)),
    sections: h.sections.map((s) => ({
      title: { label: s.category.name, url: urls.category(e, s.category.slug) },
      more: { label: t('moreIn', { name: s.category.name }), url: urls.category(e, s.category.slug) },
      cards: s.items.map((a) => cardVM(ctx, a)),
    })),
  };
}

/** The size an author's photo is shown at, square (the CSS crops it: object-fit). */
export const AUTHOR_PHOTO_SIZE = 96;

/**
 * An author's photo on a page: the library's smallest variant of it (a 96 px square needs no
 * more), where the media are served from. Null when the stored address names no library file.
 */
export function authorPhotoVM(ctx: PageContext, photoUrl: string | null, name: string): ListingVM['photo'] {
  const parsed = photoUrl ? parseMediaUrl(photoUrl) : null;
  if (!parsed) return null;
  const small = mediaUrl(parsed.name, variantWidths(parsed.width)[0]!, parsed.format);
  return { src: ctx.urls.media(small), alt: name, size: AUTHOR_PHOTO_SIZE };
}

export function listingVM(
  ctx: PageContext, heading: string, intro: string, p: Paged<ArticleSummary>, pageUrl: (n: number) => string, sectionSlug?: string,
  photo: ListingVM['photo'] = null,
): ListingVM {
  return {
    heading,
    intro,
    photo,
    // On a section's own page its name above every headline says nothing new.
    cards: p.items.map((a) => {
      const card = cardVM(ctx, a);
      return a.primaryCategory?.slug === sectionSlug ? { ...card, category: null } : card;
    }),
    emptyText: ctx.t('noArticles'),
    pagination: paginationVM(ctx, p, pageUrl),
  };
}

export function shareLinks(ctx: PageContext, title: string, permalink: string, shortLink: string): ShareLinkVM[] {
  const { t } = ctx;
  const u = encodeURIComponent(permalink);
  const text = encodeURIComponent(title);
  return [
    { kind: 'whatsapp', label: t('shareWhatsApp'), url: `https://wa.me/?text=${text}%20${u}` },
    { kind: 'telegram', label: t('shareTelegram'), url: `https://t.me/share/url?url=${u}&text=${text}` },
    { kind: 'x', label: t('shareX'), url: `https://x.com/intent/post?url=${u}&text=${text}` },
    { kind: 'facebook', label: t('shareFacebook'), url: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { kind: 'email', label: t('shareEmail'), url: `mailto:?subject=${text}&body=${u}` },
    { kind: 'copy', label: t('copyLink'), url: shortLink },
  ];
}

export function articleVM(ctx: PageContext, a: Article, related: ArticleSummary[], translations: ArticleSummary[]): ArticleVM {
  const { edition: e, urls, t, editions } = ctx;
  const permalink = urls.absolute(urls.article(e, a));
  return {
    id: a.id,
    kicker: a.kicker,
    breaking: a.breaking ? t('breaking') : null,
    dateline: a.dateline,
    title: a.title,
    date: { text: formatDateLine(a.publishedAt, e), iso: a.publishedAt },
    hijriDate: e.showHijri ? formatHijri(a.publishedAt, e) : null,
    updated: a.revisedAt && a.revisedAt > a.publishedAt ? { label: t('updated'), date: { text: formatDateLine(a.revisedAt, e), iso: a.revisedAt } } : null,
    category: a.primaryCategory ? { label: a.primaryCategory.name, url: urls.category(e, a.primaryCategory.slug) } : null,
    byLabel: t('by'),
    authors: a.authors.map((x) => ({ label: x.name, url: urls.author(e, x.slug) })),
    inLabel: t('in'),
    categories: a.categories.map((c) => ({ label: c.name, url: urls.category(e, c.slug) })),
    listSeparator: isArabic(e) ? '، ' : ', ',
    // YouTube / X placeholders as link cards: nothing on the page loads from the provider.
    // Our media library's images get <picture> sources (from their URLs: no query per image).
    bodyHtml: withDateline(responsiveBodyImages(renderEmbedCards(a.bodyHtml), { origin: urls.siteUrl, at: (path) => urls.media(path) }), a.dateline),
    featuredImage: featuredImageVM(ctx, a),
    shareLabel: t('share'),
    share: shareLinks(ctx, a.title, permalink, urls.absolute(urls.shortLink(a.id))),
    copiedLabel: '✓',
    tagsLabel: t('tags'),
    tags: a.tags.map((x) => ({ label: x.name, url: urls.tag(e, x.slug) })),
    translationsLabel: t('alsoIn'),
    translations: translations.flatMap((tr) => {
      const te = editions.get(tr.edition);
      return te ? [{ label: tr.title, url: urls.article(te, tr), lang: te.locale }] : [];
    }),
    relatedLabel: t('related'),
    related: related.map((r) => cardVM(ctx, r)),
  };
}

/**
 * The dateline at the start of the body, as newspapers print it: «الدوحة — » opening the first
 * paragraph (a paragraph of its own when the body starts with something else).
 */
export function withDateline(bodyHtml: string, dateline: string): string {
  if (!dateline) return bodyHtml;
  const place = `<span class="dateline-place">${escapeHtml(dateline)} —</span> `;
  const first = /^\s*<p(\s[^>]*)?>/.exec(bodyHtml);
  return first ? `${first[0]}${place}${bodyHtml.slice(first[0].length)}` : `<p>${place}</p>${bodyHtml}`;
}

/** The lead photo: responsive when it comes from the media library; only http(s) or site paths. */
export function featuredImageVM(ctx: PageContext, a: Article): FeaturedImageVM | null {
  const url = a.featuredImageUrl;
  if (!url || !/^(https?:\/\/|\/(?!\/))/.test(url)) return null;
  const text = { alt: a.featuredImageAlt, caption: a.featuredImageCaption, credit: a.featuredImageCredit ? ctx.t('photoCredit', { credit: a.featuredImageCredit }) : '', focus: focusClass(a.featuredImageFocus) };
  const r = responsiveImage(url, { origin: ctx.urls.siteUrl, sizes: ARTICLE_IMAGE_SIZES, at: (path) => ctx.urls.media(path) });
  if (!r) return { src: url, srcset: null, sizes: null, width: null, height: null, sources: [], ...text };
  return { src: r.src, srcset: r.srcset, sizes: r.sizes, width: r.width, height: r.height, sources: r.sources, ...text };
}

export function articleLayout(ctx: PageContext, a: Article, translations: ArticleSummary[]): LayoutOptions {
  const { edition: e, urls, editions, assets } = ctx;
  const url = urls.article(e, a);
  const alternates = translations.flatMap((tr) => {
    const te = editions.get(tr.edition);
    return te ? [{ lang: te.locale, url: urls.absolute(urls.article(te, tr)) }] : [];
  });
  const image = urls.absolute(urls.media(a.featuredImageUrl ?? e.shareImageUrl ?? assets.shareImage));
  // What search engines and shares see: the SEO title and description when the editors gave them
  // (Yoast's); JSON-LD's headline stays the real one, as the page shows it.
  const seoTitle = a.seoTitle || a.title;
  const description = a.seoDescription || a.excerpt;
  return {
    title: seoTitle,
    description,
    canonical: url,
    feeds: feedLinks(ctx, ctx.t('commentsOn', { title: a.title }), { kind: 'comments', article: a }),
    jsonLd: jsonLdScript({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      mainEntityOfPage: { '@type': 'WebPage', '@id': urls.absolute(url) },
      headline: a.title,
      description,
      inLanguage: e.locale,
      datePublished: a.publishedAt,
      dateModified: modifiedAt(a),
      image: [image],
      author: a.authors.map((x) => ({
        '@type': 'Person', name: x.name, url: urls.absolute(urls.author(e, x.slug)), ...(x.photoUrl && { image: urls.absolute(urls.media(x.photoUrl)) }),
      })),
      ...(a.primaryCategory && { articleSection: a.primaryCategory.name }),
      ...(a.tags.length && { keywords: a.tags.map((x) => x.name).join(', ') }),
      publisher: {
        '@type': 'Organization',
        name: e.siteName,
        url: urls.absolute(urls.home(e)),
        // A logo, not the 1200×630 share card: the edition's own, else Khabar's mark.
        logo: { '@type': 'ImageObject', url: urls.absolute(e.logoUrl ?? assets.logo), ...(!e.logoUrl && { width: 512, height: 512 }) },
      },
    }),
    ...(a.primaryCategory && { currentNav: urls.category(e, a.primaryCategory.slug) }),
    alternates: alternates.length ? [{ lang: e.locale, url: urls.absolute(url) }, ...alternates] : [],
    og: {
      type: 'article',
      title: seoTitle,
      description,
      url: urls.absolute(url),
      image,
      publishedTime: a.publishedAt,
      modifiedTime: modifiedAt(a),
      ...(a.primaryCategory && { section: a.primaryCategory.name }),
    },
  };
}
