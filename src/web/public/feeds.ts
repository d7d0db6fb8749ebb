import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { modifiedAt, type Article } from '../../domain/article.ts';
import type { Comment } from '../../domain/comment.ts';
import type { Edition } from '../../domain/edition.ts';
import { VersionedCache } from '../../platform/cache.ts';
import type { Clock } from '../../platform/clock.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import { renderAtom } from '../../services/feeds/atom.ts';
import type { Feed, FeedImage, FeedItem } from '../../services/feeds/feed-model.ts';
import { heightAt, parseMediaUrl } from '../../services/media/media-urls.ts';
import { type FeedFilter, type FeedService } from '../../services/feeds/feeds.ts';
import { renderRss } from '../../services/feeds/rss.ts';
import { renderNewsSitemap, renderRobots, renderSitemapIndex, renderUrlSet } from '../../services/feeds/sitemaps.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import type { ArchiveService } from '../../services/archives/archives.ts';
import type { ArticleService } from '../../services/articles/articles.ts';
import type { PageContext } from './presenters.ts';
import type { Outcome } from './render-route.tsx';
import type { FeedFormat, FeedScope } from './router.ts';
import type { SiteState } from './site-state.ts';

export const FEED_TYPES = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8' } as const;
const GENERATOR = 'Khabar';

function itemOf(ctx: PageContext, a: Article, full: boolean): FeedItem {
  const { urls, edition: e } = ctx;
  return {
    title: a.title,
    url: urls.absolute(urls.article(e, a)),
    guid: urls.absolute(urls.shortLink(a.id)),
    published: a.publishedAt,
    updated: modifiedAt(a),
    authors: a.authors.map((x) => x.name),
    categories: [...a.categories.map((c) => c.name), ...a.tags.map((t) => t.name)],
    summary: a.excerpt,
    contentHtml: full ? a.bodyHtml : null,
    image: feedImage(ctx, a),
  };
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif' };

/** The article's photo for feed readers: absolute, with its type and size when the URL tells them. */
function feedImage(ctx: PageContext, a: Article): FeedImage | null {
  const url = a.featuredImageUrl;
  if (!url || !/^(https?:\/\/|\/(?!\/))/.test(url)) return null;
  const ours = parseMediaUrl(url, ctx.urls.siteUrl);
  const ext = /\.([a-z]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return {
    url: ctx.urls.absolute(ctx.urls.media(url)),
    type: IMAGE_TYPES[ext] ?? null,
    width: ours ? ours.fileWidth : null,
    height: ours ? heightAt(ours.fileWidth, ours.width, ours.height) : null,
    alt: a.featuredImageAlt,
  };
}

function commentItem(ctx: PageContext, a: Pick<Article, 'slug' | 'publishedAt'>, c: Comment): FeedItem {
  const url = `${ctx.urls.absolute(ctx.urls.article(ctx.edition, a))}#comment-${c.id}`;
  return {
    title: ctx.t('commentBy', { name: c.authorName }),
    url,
    guid: url,
    published: c.createdAt,
    updated: c.createdAt,
    authors: [c.authorName],
    categories: [],
    summary: c.body,
    contentHtml: null,
  };
}

function feedOf(ctx: PageContext, title: string, description: string, pageUrl: string, selfUrl: string, items: FeedItem[], since?: string): Feed {
  const e = ctx.edition;
  return {
    title,
    description,
    url: ctx.urls.absolute(pageUrl),
    selfUrl: ctx.urls.absolute(selfUrl),
    language: e.locale,
    dir: e.dir,
    // The newest change among the items. An empty feed is as old as what it follows (an
    // article's comments: the article), else a fixed instant that keeps its ETag stable.
    updated: items.map((i) => i.updated).sort().at(-1) ?? since ?? '1970-01-01T00:00:00.000Z',
    generator: GENERATOR,
    imageUrl: e.logoUrl ? ctx.urls.absolute(e.logoUrl) : null,
    items,
  };
}

/** A feed as an Outcome for the site's render cache, or null when its archive does not exist. */
export async function renderFeed(
  r: { format: FeedFormat; scope: FeedScope },
  ctx: PageContext,
  s: { feeds: FeedService; articles: ArticleService; archives: ArchiveService },
): Promise<Outcome | null> {
  const { edition: e, urls, t } = ctx;
  const opts = await s.feeds.options();
  let feed: Feed;
  const self = (scope: Parameters<typeof urls.feed>[2]) => urls.feed(e, r.format, scope);
  if (r.scope.kind === 'siteComments') {
    // WordPress's /comments/feed/: the edition's newest approved comments, each titled with its post.
    const recent = await s.feeds.recentComments(e.code, opts.items);
    const items = recent.items.map(({ comment, article }) => ({ ...commentItem(ctx, article, comment), title: t('commentOnBy', { title: article.title, name: comment.authorName }) }));
    feed = feedOf(ctx, t('siteCommentsFeed', { site: e.siteName }), e.tagline, urls.home(e), self({ kind: 'siteComments' }), items, recent.updated);
  } else if (r.scope.kind === 'comments') {
    const a = await s.articles.bySlug(e.code, r.scope.slug);
    if (!a || a.status !== 'published') return null;
    const d = zonedParts(a.publishedAt, e.timezone);
    if (d.year !== r.scope.year || d.month !== r.scope.month || d.day !== r.scope.day) return null;
    const comments = (await s.feeds.comments(a.id)).slice(-opts.items).reverse();
    feed = feedOf(ctx, t('commentsOn', { title: a.title }), a.excerpt, urls.article(e, a), self({ kind: 'comments', article: a }), comments.map((c) => commentItem(ctx, a, c)), a.publishedAt);
  } else {
    let filter: FeedFilter = {};
    let title = e.siteName;
    let pageUrl = urls.home(e);
    const scope = r.scope;
    if (scope.kind !== 'edition') {
      const found = await s.archives.find(e.code, scope.kind, scope.slug);
      if (!found) return null;
      [filter, title, pageUrl] = [found.filter, `${e.siteName} - ${found.name}`, urls[scope.kind](e, found.slug)];
    }
    const articles = await s.feeds.articles(e.code, filter, opts.items);
    feed = feedOf(ctx, title, e.tagline, pageUrl, self(scope), articles.map((a) => itemOf(ctx, a, opts.fullContent)));
  }
  return { kind: 'page', status: 200, html: r.format === 'atom' ? renderAtom(feed) : renderRss(feed), type: FEED_TYPES[r.format] };
}

export interface SitemapDeps {
  feeds: FeedService;
  scheduler: Scheduler;
  site: SiteState;
  clock: Clock;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** sitemap.xml (an index of monthly sitemaps), the Google News sitemap and robots.txt pointing to them. */
export function registerSitemaps(app: FastifyInstance, deps: SitemapDeps): void {
  const cache = new VersionedCache<string>(200);
  const xml = (reply: FastifyReply, body: string) =>
    reply.header('cache-control', 'public, max-age=300').type('application/xml; charset=utf-8').send(body);

  async function cached(key: string, make: (site: Awaited<ReturnType<SiteState['at']>>, urls: PageContext['urls']) => Promise<string | null>) {
    const version = await deps.scheduler.currentVersion();
    // The news sitemap depends on the time too: key it by the hour.
    const k = key === 'news' ? `news:${deps.clock.now().toISOString().slice(0, 13)}` : key;
    const hit = cache.get(k, version);
    if (hit !== undefined) return hit;
    const site = await deps.site.at(version);
    const body = await make(site, site.context(site.editions.default).urls);
    if (body !== null) cache.set(k, version, body);
    return body;
  }
  const editionOf = (site: Awaited<ReturnType<SiteState['at']>>, code: string): Edition | undefined => site.editions.get(code);

  app.get('/sitemap.xml', { schema: {} }, async (_req, reply) => {
    const body = await cached('index', async (_site, urls) => {
      const months = await deps.feeds.months();
      const maps = months.map((m) => ({ url: urls.absolute(urls.sitemapMonth(m.month)), lastModified: m.lastModified }));
      return renderSitemapIndex(maps);
    });
    return xml(reply, body ?? '');
  });

  app.withTypeProvider<TypeBoxTypeProvider>().get('/sitemaps/:file', { schema: { params: Type.Object({ file: Type.String() }) } }, async (req, reply) => {
    const m = /^(.+)\.xml$/.exec(req.params.file);
    const month = m?.[1] ?? '';
    if (!MONTH.test(month)) return app.khabarErrorPage(req, reply, 404);
    const body = await cached(`month:${month}`, async (site, urls) => {
      const entries = await deps.feeds.inMonth(month);
      if (!entries.length) return null;
      return renderUrlSet(entries.flatMap((a) => {
        const e = editionOf(site, a.edition);
        return e ? [{ url: urls.absolute(urls.article(e, a)), lastModified: a.updatedAt }] : [];
      }));
    });
    if (body === null) return app.khabarErrorPage(req, reply, 404);
    return xml(reply, body);
  });

  app.get('/news-sitemap.xml', { schema: {} }, async (_req, reply) => {
    const body = await cached('news', async (site, urls) => {
      const entries = await deps.feeds.recent(deps.clock.now());
      return renderNewsSitemap(entries.flatMap((a) => {
        const e = editionOf(site, a.edition);
        return e ? [{ url: urls.absolute(urls.article(e, a)), title: a.title, published: a.publishedAt, publicationName: e.siteName, language: e.locale.split('-')[0]!.toLowerCase() }] : [];
      }));
    });
    return xml(reply, body ?? '');
  });

  app.get('/robots.txt', { schema: {} }, async (_req, reply) => {
    const version = await deps.scheduler.currentVersion();
    const urls = (await deps.site.at(version)).context((await deps.site.at(version)).editions.default).urls;
    return reply
      .header('cache-control', 'public, max-age=3600')
      .type('text/plain; charset=utf-8')
      .send(renderRobots([urls.absolute(urls.sitemapIndex()), urls.absolute(urls.newsSitemap())]));
  });
}
