import type { Account } from '../../domain/account.ts';
import type { ArticleListItem, ArticleStatus } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import type { Paged } from '../../domain/page.ts';
import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import type { NewsroomDashboard } from '../../services/articles/newsroom-list.ts';
import type { Urls } from '../../services/editions/urls.ts';
import { canDo, canDoTo } from '../../services/users/capabilities.ts';
import type { DashboardBlockVM, DashboardVM } from '../../theme/admin/view-models.ts';
import { newsroomDate } from './article-list.ts';
import { adminUrls } from './context.ts';

export interface DashboardInput {
  t: AdminTranslate;
  locale: 'ar' | 'en';
  account: Account;
  dashboard: NewsroomDashboard;
  counts: Record<ArticleStatus | 'all', number>;
  editions: { get(code: string): Edition | undefined };
  urls: Urls;
}

export function presentDashboard(i: DashboardInput): DashboardVM {
  const { t, account, dashboard: d } = i;
  const row = (a: ArticleListItem, meta: string[] = []) => {
    const e = i.editions.get(a.edition);
    const live = a.status === 'published' && a.publishedAt && e;
    const editable = canDoTo(account, 'article.edit', a);
    return {
      title: a.title,
      lang: e?.locale ?? a.edition,
      url: editable ? `${adminUrls.articles()}/${a.id}/edit` : live ? i.urls.article(e, { slug: a.slug, publishedAt: a.publishedAt! }) : null,
      meta: [...(a.publishedAt ? [newsroomDate(i.locale, a.publishedAt, e?.timezone ?? 'UTC')] : []), ...meta],
    };
  };
  const block = (id: string, title: string, list: Paged<ArticleListItem>, query: Record<string, string>): DashboardBlockVM => ({
    id,
    title,
    rows: list.items.map((a) => row(a)),
    more: list.total > list.items.length ? { label: t('dashSeeAll', { count: list.total }), url: adminUrls.articles(query) } : null,
    empty: t('dashNothing'),
  });
  const published: DashboardBlockVM = {
    id: 'published',
    title: t('dashPublished'),
    rows: d.published.map(({ item, views }) => row(item, [t('dashViews', { count: views })])),
    more: i.counts.published > d.published.length ? { label: t('dashSeeAll', { count: i.counts.published }), url: adminUrls.articles({ status: 'published' }) } : null,
    empty: t('dashNothing'),
  };
  return {
    welcome: t('welcome', { name: account.name }),
    role: t('yourRole', { role: t(`role_${account.role}`) }),
    counts: (['all', 'draft', 'pending', 'scheduled', 'published'] as const).map((s) => ({
      label: t(`status_${s}`),
      count: i.counts[s],
      url: adminUrls.articles(s === 'all' ? {} : { status: s }),
    })),
    articlesUrl: adminUrls.articles(),
    newUrl: canDo(account, 'article.create') ? `${adminUrls.articles()}/new` : null,
    held: d.heldComments === null ? null : { text: t('dashHeld', { count: d.heldComments }), url: adminUrls.comments(), count: d.heldComments },
    blocks: [
      block('pending', t('dashPending'), d.pending, { status: 'pending' }),
      block('drafts', t('dashMyDrafts'), d.myDrafts, { status: 'draft', author: String(account.id) }),
      block('scheduled', t('dashScheduled'), d.scheduled, { status: 'scheduled', orderby: 'date', order: 'asc' }),
      published,
    ],
  };
}
