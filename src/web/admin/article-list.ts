import { zonedParts } from '../../platform/dates/format.ts';
import type { Account } from '../../domain/account.ts';
import { ARTICLE_STATUSES, type ArticleListItem, type ArticleStatus, NEWSROOM_ORDERS, type NewsroomOrder } from '../../domain/article.ts';
import type { Paged } from '../../domain/page.ts';
import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import type { FilterChoices, NewsroomFilter } from '../../services/articles/newsroom-list.ts';
import { BULK_ACTIONS, type BulkAction } from '../../services/articles/workflow.ts';
import { canDo, canDoTo, type ArticleAction } from '../../services/users/capabilities.ts';
import type { ArticleListVM, Notice, Option, SortVM } from '../../theme/admin/view-models.ts';
import type { Urls } from '../../services/editions/urls.ts';
import { adminUrls } from './context.ts';

/**
 * Day, month name, year and 24-hour time, as on the public site, in the article's edition zone.
 * ICU's own short date pattern puts a Latin comma and slashes into Arabic text, which the bidi
 * algorithm then scatters across the cell.
 */
export function newsroomDate(locale: 'ar' | 'en', iso: string, timeZone: string): string {
  const z = zonedParts(iso, timeZone);
  const month = new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : 'en-GB', { month: 'short', timeZone }).format(new Date(iso));
  return `${z.day} ${month} ${z.year} - ${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
}

/** The list's filters from a query string or the bulk form's hidden fields; unknown values are dropped. */
export function parseFilter(q: Record<string, unknown>, choices: FilterChoices): NewsroomFilter {
  const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
  const int = (k: string) => (/^\d{1,9}$/.test(str(k)) ? Number(str(k)) : undefined);
  const status = str('status');
  const edition = str('edition');
  const categoryId = int('category');
  const authorId = int('author');
  const page = int('page');
  const orderBy = (NEWSROOM_ORDERS as readonly string[]).includes(str('orderby')) ? (str('orderby') as NewsroomOrder) : 'date';
  // Dates newest first, words from A (or ا) unless asked otherwise.
  const order = str('order') === 'asc' || str('order') === 'desc' ? (str('order') as 'asc' | 'desc') : orderBy === 'date' ? 'desc' : 'asc';
  return {
    orderBy,
    order,
    ...((ARTICLE_STATUSES as readonly string[]).includes(status) && { status: status as ArticleStatus }),
    ...(choices.editions.some((e) => e.code === edition) && { edition }),
    ...(categoryId !== undefined && choices.categories.some((c) => c.id === categoryId) && { categoryId }),
    ...(authorId !== undefined && choices.authors.some((a) => a.id === authorId) && { authorId }),
    ...(str('q') && { text: str('q').slice(0, 200) }),
    page: page && page > 0 ? page : 1,
  };
}

/** The filter as query values (links, the redirect after a bulk action, hidden fields). */
export function filterQuery(f: NewsroomFilter, page = f.page): Record<string, string | undefined> {
  return {
    status: f.status,
    edition: f.edition,
    category: f.categoryId?.toString(),
    author: f.authorId?.toString(),
    q: f.text,
    orderby: f.orderBy === 'date' && f.order === 'desc' ? undefined : f.orderBy,
    order: f.orderBy === 'date' && f.order === 'desc' ? undefined : f.order,
    page: page > 1 ? String(page) : undefined,
  };
}

/** A column heading's sort link: this column, flipping the direction when it is the current one (back to page 1). */
function sortVM(t: AdminTranslate, f: NewsroomFilter, by: NewsroomOrder, label: string): SortVM {
  const current = f.orderBy === by ? f.order : null;
  const next = current ? (current === 'asc' ? 'desc' : 'asc') : by === 'date' ? 'desc' : 'asc';
  return { label, url: adminUrls.articles(filterQuery({ ...f, orderBy: by, order: next }, 1)), current, hint: t(next === 'asc' ? 'sortAscending' : 'sortDescending') };
}

export interface ListInput {
  t: AdminTranslate;
  locale: 'ar' | 'en';
  account: Account;
  filter: NewsroomFilter;
  result: Paged<ArticleListItem>;
  counts: Record<ArticleStatus | 'all', number>;
  choices: FilterChoices;
  urls: Urls;
  csrf: string;
  notices: Notice[];
  /** Re-shown after a refused bulk action. */
  checked?: number[];
  action?: string;
}

const ROW_ACTIONS: ArticleAction[] = ['article.edit', 'article.trash', 'article.restore'];

export function presentArticleList(i: ListInput): ArticleListVM {
  const { t, filter: f, choices } = i;
  const opt = (value: string, label: string, selected: boolean): Option => ({ value, label, selected });
  const editionLabel = (code: string) => (code === 'ar' ? 'العربية' : code === 'en' ? 'English' : code);
  const byCode = new Map(choices.editions.map((e) => [e.code, e]));
  const checked = new Set(i.checked ?? []);
  // Contributors can never publish: do not offer what would always be refused.
  const offered = BULK_ACTIONS.filter((a: BulkAction) => a !== 'publish' || i.account.role !== 'contributor');

  return {
    notices: i.notices,
    statusLinks: (['all', ...ARTICLE_STATUSES] as const).map((s) => ({
      label: t(`status_${s}`),
      count: i.counts[s],
      url: adminUrls.articles(s === 'all' ? {} : { status: s }),
      current: (f.status ?? 'all') === s,
    })),
    filterAction: adminUrls.articles(),
    sort: { title: sortVM(t, f, 'title', t('colTitle')), author: sortVM(t, f, 'author', t('colAuthors')), status: sortVM(t, f, 'status', t('colStatus')), date: sortVM(t, f, 'date', t('colDate')) },
    filters: {
      status: [opt('', t('status_all'), !f.status), ...ARTICLE_STATUSES.map((s) => opt(s, t(`status_${s}`), f.status === s))],
      edition: [opt('', t('any'), !f.edition), ...choices.editions.map((e) => opt(e.code, editionLabel(e.code), f.edition === e.code))],
      category: [
        opt('', t('any'), f.categoryId === undefined),
        ...choices.categories
          .filter((c) => !f.edition || c.edition === f.edition)
          .map((c) => opt(String(c.id), `${c.name} (${c.edition})`, f.categoryId === c.id)),
      ],
      author: [opt('', t('any'), f.authorId === undefined), ...choices.authors.map((a) => opt(String(a.id), a.name, f.authorId === a.id))],
      text: f.text ?? '',
    },
    hidden: Object.entries(filterQuery(f)).flatMap(([name, value]) => (value ? [{ name: `f_${name}`, value }] : [])),
    bulkAction: adminUrls.bulk(),
    csrf: i.csrf,
    bulkOptions: [opt('', '—', !i.action), ...offered.map((a) => opt(a, t(`bulk_${a}`), i.action === a))],
    rows: i.result.items.map((r) => {
      const e = byCode.get(r.edition);
      const live = r.status === 'published' && r.publishedAt && e;
      return {
        id: r.id,
        title: r.title,
        lang: e?.locale ?? r.edition,
        viewUrl: live ? i.urls.article(e, { slug: r.slug, publishedAt: r.publishedAt! }) : null,
        editUrl: canDoTo(i.account, 'article.edit', r) || canDoTo(i.account, 'article.restore', r) ? `${adminUrls.articles()}/${r.id}/edit` : null,
        selectable: ROW_ACTIONS.some((a) => canDoTo(i.account, a, r)),
        checked: checked.has(r.id),
        selectLabel: t('selectArticle', { title: r.title }),
        authors: r.authorNames.join(i.locale === 'ar' ? '، ' : ', '),
        category: r.categoryName ?? '',
        edition: editionLabel(r.edition),
        status: t(`status_${r.status}`),
        statusKey: r.status,
        date: r.publishedAt ? { iso: r.publishedAt, text: newsroomDate(i.locale, r.publishedAt, e?.timezone ?? 'UTC') } : null,
      };
    }),
    total: t('total', { count: i.result.total }),
    pagination:
      i.result.pages > 1
        ? {
            prev: f.page > 1 ? adminUrls.articles(filterQuery(f, f.page - 1)) : null,
            next: f.page < i.result.pages ? adminUrls.articles(filterQuery(f, f.page + 1)) : null,
            label: t('pageOf', { page: f.page, pages: i.result.pages }),
          }
        : null,
    clearUrl: adminUrls.articles(),
    newUrl: canDo(i.account, 'article.create') ? `${adminUrls.articles()}/new` : null,
  };
}
