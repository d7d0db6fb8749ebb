import { formatMonthYear, formatShortDate, zonedParts, instantFromZoned } from '../../platform/dates/format.ts';
import { formatNumber } from '../../platform/dates/digits.ts';
import type { ArticleService } from '../../services/articles/articles.ts';
import type { ArchiveService } from '../../services/archives/archives.ts';
import type { StaticPageService } from '../../services/static-pages/static-pages.ts';
import { renderDocument } from '../../theme/render.tsx';
import { ArticlePage, ErrorPage, HomePage, ListingPage } from '../../theme/pages.tsx';
import { StaticPageView } from '../../theme/static-page.tsx';
import { COMMENT_FORM_ID } from '../../theme/comments.tsx';
import type { ArchiveKind, Route } from './router.ts';
import { articleLayout, articleVM, authorPhotoVM, cardVM, feedLinks, homeVM, layoutVM, listingVM, type PageContext } from './presenters.ts';
import type { FeedService } from '../../services/feeds/feeds.ts';
import type { MostRead } from '../../services/popularity/most-read.ts';
import { viewBeaconPath } from './view-beacon.ts';
import type { MostReadVM } from '../../theme/view-models.ts';
import { renderFeed } from './feeds.ts';
import type { Article } from '../../domain/article.ts';
import { type InvalidationKey, invalidates } from '../../domain/invalidation.ts';
import type { CommentService } from '../../services/comments/comments.ts';
import { type ArticleView, commentsSection } from './comments-view.ts';

export type Outcome =
  // `type`: a feed's content type (default HTML); `articleId`: the article shown (view counts).
  // `commentFormFor`: the page holds TOKEN_PLACEHOLDER, replaced by a fresh form token per response.
  // `keys`: what the page shows, as the write path names it (a CDN tags the page with them).
  | { kind: 'page'; status: number; html: string; type?: string; articleId?: number; commentFormFor?: number; keys?: InvalidationKey[] }
  | { kind: 'redirect'; location: string; permanent: boolean; keys?: InvalidationKey[] };

export interface PageServices {
  articles: ArticleService;
  archives: ArchiveService;
  staticPages: StaticPageService;
  feeds?: FeedService;
  mostRead?: MostRead;
  comments?: CommentService;
}

export const PER_PAGE = 12;
const page = (html: string, status = 200): Outcome => ({ kind: 'page', status, html });
const withKeys = (keys: InvalidationKey[], o: Outcome): Outcome => ({ ...o, keys: [...(o.keys ?? []), ...keys] });

/** Renders one public route, or null when what it names does not exist (→ 404). */
export async function renderRoute(route: Route, ctx: PageContext, s: PageServices, view: ArticleView = {}): Promise<Outcome | null> {
  const o = await renderOutcome(route, ctx, s, view);
  if (!o) return o;
  // Every page shows the edition (masthead, menus); lists follow the front page's key (a publish
  // touches it), an article its own.
  const code = ctx.edition.code;
  const keys: InvalidationKey[] = [invalidates.edition(code), ...(o.keys ?? [])];
  if (o.kind === 'page' && o.articleId !== undefined) keys.push(invalidates.article(o.articleId));
  if (route.kind === 'home' || route.kind === 'date') keys.push(invalidates.home(code));
  if (route.kind === 'feed') keys.push(invalidates.feed(code));
  // The edition's comments feed: any comment shown or hidden, on any article.
  if (route.kind === 'feed' && route.scope.kind === 'siteComments') keys.push(invalidates.commentLists(code));
  return { ...o, keys };
}

async function renderOutcome(route: Route, ctx: PageContext, s: PageServices, view: ArticleView): Promise<Outcome | null> {
  switch (route.kind) {
    case 'home':
      return home(ctx, s, route.page);
    case 'category':
    case 'tag':
    case 'author':
      return archive(ctx, s, route.kind, route.slug, route.page);
    case 'date':
      return dateArchive(ctx, s, route.year, route.month, route.day, route.page);
    case 'article':
      return article(ctx, s, route, view);
    case 'staticPage':
      return staticPage(ctx, s, route.slug);
    case 'feed':
      return s.feeds ? renderFeed(route, ctx, { feeds: s.feeds, articles: s.articles, archives: s.archives }) : null;
    default:
      return null;
  }
}

async function home(ctx: PageContext, s: PageServices, n: number): Promise<Outcome | null> {
  const content = await s.articles.home(ctx.edition.code, n, PER_PAGE);
  if (n > 1 && n > content.latest.pages) return null;
  const canonical = ctx.urls.home(ctx.edition, n);
  return page(
    renderDocument(
      layoutVM(ctx, {
        title: n > 1 ? ctx.t('pageOf', { page: formatNumber(n, ctx.edition.digits), pages: formatNumber(content.latest.pages, ctx.edition.digits) }) : null,
        canonical,
        currentNav: ctx.urls.home(ctx.edition),
        og: ogWebsite(ctx, canonical),
      }),
      <HomePage vm={{ ...homeVM(ctx, content), mostRead: await mostReadVM(ctx, s) }} />,
    ),
  );
}

function ogWebsite(ctx: PageContext, url: string) {
  const e = ctx.edition;
  return {
    type: 'website' as const,
    title: e.siteName,
    description: e.tagline,
    url: ctx.urls.absolute(url),
    image: ctx.urls.absolute(e.shareImageUrl ?? ctx.assets.shareImage),
  };
}

const ARCHIVE_HEADING = { category: 'categoryArchive', tag: 'tagArchive', author: 'authorArchive' } as const;

async function archive(ctx: PageContext, s: PageServices, kind: ArchiveKind, slug: string, n: number): Promise<Outcome | null> {
  const { edition: e, urls, t } = ctx;
  const found = await s.archives.find(e.code, kind, slug);
  if (!found) return null;
  const { intro, filter } = found;
  const photo = authorPhotoVM(ctx, found.photoUrl, found.name);
  const heading = t(ARCHIVE_HEADING[kind], { name: found.name });
  const pageUrl = (p: number) => urls[kind](e, slug, p);
  const list = await s.articles.list({ edition: e.code, ...filter, page: n, perPage: PER_PAGE });
  if (n > list.pages) return null;
  // An author with no story in this edition has no page here.
  if (kind === 'author' && list.total === 0) return null;
  const canonical = pageUrl(n);
  const keys = [kind === 'category' ? invalidates.section(found.id) : kind === 'tag' ? invalidates.tag(found.id) : invalidates.author(found.id)];
  return withKeys(keys, page(
    renderDocument(
      layoutVM(ctx, { title: heading, description: intro || heading, canonical, currentNav: kind === 'category' ? urls.category(e, slug) : '', feeds: feedLinks(ctx, heading, { kind, slug }) }),
      <ListingPage vm={listingVM(ctx, heading, intro, list, pageUrl, kind === 'category' ? slug : undefined, photo)} />,
    ),
  ));
}

async function dateArchive(ctx: PageContext, s: PageServices, year: number, month: number | undefined, day: number | undefined, n: number): Promise<Outcome | null> {
  const e = ctx.edition;
  // The archive covers whole days in the edition's time zone, not in UTC.
  const start = { year, month: month ?? 1, day: day ?? 1, hour: 0, minute: 0 };
  if (day !== undefined && new Date(Date.UTC(year, start.month - 1, day)).getUTCDate() !== day) return null;
  const end =
    day !== undefined
      ? nextDay(start)
      : month !== undefined
        ? { ...start, year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1 }
        : { ...start, year: year + 1 };
  const from = instantFromZoned(start, e.timezone).toISOString();
  const to = instantFromZoned(end, e.timezone).toISOString();
  const list = await s.articles.list({ edition: e.code, from, to, page: n, perPage: PER_PAGE });
  if (list.total === 0 || n > list.pages) return null;
  const label =
    day !== undefined
      ? formatShortDate(instantFromZoned({ ...start, hour: 12 }, e.timezone).toISOString(), e)
      : month !== undefined
        ? formatMonthYear(year, month, e)
        : formatNumber(year, e.digits);
  const heading = ctx.t('dateArchive', { date: label });
  const pageUrl = (p: number) => ctx.urls.date(e, year, month, day, p);
  return page(
    renderDocument(
      layoutVM(ctx, { title: heading, canonical: pageUrl(n) }),
      <ListingPage vm={listingVM(ctx, heading, '', list, pageUrl)} />,
    ),
  );
}

function nextDay(d: { year: number; month: number; day: number; hour: number; minute: number }) {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: 0, minute: 0 };
}

async function article(ctx: PageContext, s: PageServices, r: Extract<Route, { kind: 'article' }>, view: ArticleView): Promise<Outcome | null> {
  const a = await s.articles.bySlug(ctx.edition.code, r.slug);
  if (!a) return formerAddress(ctx, s, r, false);
  const d = zonedParts(a.publishedAt, ctx.edition.timezone);
  // A date in the URL that is not the article's (an old link, a typo) goes to the permalink,
  // unless it is exactly the old address of another article that had this slug.
  if (d.year !== r.year || d.month !== r.month || d.day !== r.day) {
    return (await formerAddress(ctx, s, r, true)) ?? { kind: 'redirect', location: ctx.urls.article(ctx.edition, a), permanent: true };
  }
  return articlePage(ctx, s, a, view);
}

/**
 * An address no published article has now: a 301 to where the article moved (its slug, date or
 * edition changed), a 410 when it was withdrawn (unpublished or trashed after going out), else null.
 */
async function formerAddress(ctx: PageContext, s: PageServices, r: Extract<Route, { kind: 'article' }>, exactDateOnly: boolean): Promise<Outcome | null> {
  const sameDay = (instant: string) => {
    const d = zonedParts(instant, ctx.edition.timezone);
    return d.year === r.year && d.month === r.month && d.day === r.day;
  };
  const found = await s.articles.formerAddress(ctx.edition.code, r.slug, sameDay, exactDateOnly);
  if (!found) return null;
  if (found.kind === 'gone') return page(renderErrorPage(ctx, 'gone'), 410);
  const e = ctx.editions.get(found.to.edition);
  if (!e || !found.to.publishedAt) return null;
  return { kind: 'redirect', location: ctx.urls.article(e, { slug: found.to.slug, publishedAt: found.to.publishedAt }), permanent: true };
}

/** A published static page (about, contact) at /<edition>/<slug>/. */
async function staticPage(ctx: PageContext, s: PageServices, slug: string): Promise<Outcome | null> {
  const p = await s.staticPages.published(ctx.edition.code, slug);
  if (!p) return null;
  const url = ctx.urls.staticPage(ctx.edition, p.slug);
  return withKeys([invalidates.article(p.id)], page(
    renderDocument(
      layoutVM(ctx, { title: p.title, description: p.excerpt || p.title, canonical: url, currentNav: url }),
      <StaticPageView vm={{ title: p.title, bodyHtml: p.bodyHtml }} />,
    ),
  ));
}

/** The article page; the comment POST renders it too, to re-show the form with the reader's text. */
export async function articlePage(ctx: PageContext, s: PageServices, a: Article, view: ArticleView = {}, status = 200): Promise<Outcome> {
  const [related, translations] = await Promise.all([s.articles.related(a, 4), s.articles.translations(a)]);
  const comments = s.comments ? await commentsSection(ctx, s.comments, a, view) : null;
  const vm = { ...articleVM(ctx, a, related, translations), viewBeacon: viewBeaconPath(a.id), mostRead: await mostReadVM(ctx, s, a.id), comments };
  const layout = { ...layoutVM(ctx, articleLayout(ctx, a, translations)), formToken: comments?.form ? { form: COMMENT_FORM_ID, value: comments.form.token } : null };
  const html = renderDocument(layout, <ArticlePage vm={vm} />);
  return { kind: 'page', status, html, articleId: a.id, ...(comments?.form && view.token === undefined && { commentFormFor: a.id }) };
}

/** The edition's most read stories (leaving out the one being read), or null when none are counted yet. */
async function mostReadVM(ctx: PageContext, s: PageServices, exceptId?: number): Promise<MostReadVM | null> {
  if (!s.mostRead) return null;
  const list = (await s.mostRead.list(ctx.edition.code)).filter((a) => a.id !== exceptId);
  return list.length ? { label: ctx.t('mostRead'), cards: list.map((a) => cardVM(ctx, a)) } : null;
}

export type ErrorKind = 'notFound' | 'gone' | 'badRequest' | 'tooManyRequests' | 'serverError' | 'unavailable';

const ERROR_TEXT = {
  notFound: ['notFoundTitle', 'notFoundBody'],
  gone: ['goneTitle', 'goneBody'],
  badRequest: ['badRequestTitle', 'badRequestBody'],
  tooManyRequests: ['tooManyRequestsTitle', 'tooManyRequestsBody'],
  serverError: ['serverErrorTitle', 'serverErrorBody'],
  unavailable: ['unavailableTitle', 'unavailableBody'],
} as const;

/** An error page in the edition's language (never a stack trace). */
export function renderErrorPage(ctx: PageContext, kind: ErrorKind, requestId = ''): string {
  const [titleKey, bodyKey] = ERROR_TEXT[kind];
  const title = ctx.t(titleKey);
  return renderDocument(
    layoutVM(ctx, { title }),
    <ErrorPage vm={{ title, body: ctx.t(bodyKey, { id: requestId }), home: { label: ctx.t('backHome'), url: ctx.urls.home(ctx.edition) } }} />,
  );
}

