import type { OldTarget } from '../../services/wordpress/old-addresses.ts';
import { adminUrls } from '../admin/context.ts';
import type { PageContext } from './presenters.ts';

/**
 * The Khabar URL an old address leads to, in the edition it was asked in (an article found by
 * Khabar's own id keeps its own edition). Built by `Urls` from what was found, never from the
 * request, so the redirect cannot leave the site.
 */
export function oldTargetLocation(t: OldTarget, ctx: PageContext): string | null {
  const { urls, edition: e } = ctx;
  switch (t.kind) {
    case 'signIn':
      return adminUrls.login();
    case 'sitemap':
      return urls.sitemapIndex();
    case 'home':
      return urls.home(e, t.page);
    case 'article': {
      const own = ctx.editions.get(t.article.edition);
      if (!own) return null;
      if (t.article.kind === 'page') return urls.staticPage(own, t.article.slug);
      const url = urls.article(own, t.article);
      return t.commentPage && t.commentPage > 1 ? `${url}?cpage=${t.commentPage}` : url;
    }
    case 'archive':
      return urls[t.archive](e, t.slug, t.page);
    case 'date':
      return urls.date(e, t.year, t.month, t.day, t.page);
    case 'search':
      return urls.search(e, { q: t.q });
    case 'file':
      return t.url;
    case 'feed':
      return urls.feed(e, t.format, t.scope);
  }
}

/**
 * Does `location` name the very address asked for? Then the answer is the 404 page, never a
 * redirect to itself (a date archive that is empty, a page past an archive's end).
 */
export function isSameAddress(location: string, rawUrl: string, host: string | undefined): boolean {
  try {
    const base = `http://${host || 'localhost'}`;
    const to = new URL(location, base);
    const from = new URL(rawUrl, base);
    const path = (u: URL) => decodeURIComponent(u.pathname).replace(/\/+$/, '');
    return to.host.toLowerCase() === from.host.toLowerCase() && path(to) === path(from);
  } catch {
    return false;
  }
}
