import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { pluralKey, type PluralForms } from '../../platform/i18n/plural.ts';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { Edition } from '../../domain/edition.ts';
import { Invalid } from '../../domain/errors.ts';
import { formatNumber } from '../../platform/dates/digits.ts';
import { formatShortDate, instantFromZoned } from '../../platform/dates/format.ts';
import type { SearchResults, SearchService } from '../../services/search/search.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import type { ArchiveService } from '../../services/archives/archives.ts';
import { renderDocument } from '../../theme/render.tsx';
import { SearchPage, type SearchVM } from '../../theme/search.tsx';
import { layoutVM, paginationVM, type PageContext } from './presenters.ts';
import { MAX_SEARCH_URL_LENGTH, type SearchQuery } from './router.ts';
import type { SiteState } from './site-state.ts';


/** The result count's six Arabic forms (one key serves zero and other: zero results show searchNone instead). */
export const SEARCH_COUNT: PluralForms = {
  zero: 'searchCountOther', one: 'searchCountOne', two: 'searchCountTwo', few: 'searchCountFew', many: 'searchCountMany', other: 'searchCountOther',
};

export const SEARCH_PER_PAGE = 10;
/** Deeper pages are never needed: the candidate window holds CANDIDATE_WINDOW (200) results. */
const MAX_PAGE = 1000;

export interface SearchDeps {
  search: SearchService;
  archives: ArchiveService;
}

/** A YYYY-MM-DD day in the edition's zone → the instant it starts (or the next day starts). */
function dayStart(day: string, e: Edition, next = false): string {
  const [year, month, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(year, month - 1, d + (next ? 1 : 0)));
  return instantFromZoned({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: 0, minute: 0 }, e.timezone).toISOString();
}

/** Runs a search for the page or the API. An unknown section finds nothing (it is not an error). */
export async function runSearch(e: Edition, q: SearchQuery, deps: SearchDeps): Promise<SearchResults> {
  const category = q.category ? await deps.archives.find(e.code, 'category', q.category) : null;
  return deps.search.search({
    edition: e.code,
    locale: e.locale,
    query: q.category && !category ? '' : q.q,
    page: Math.min(q.page, MAX_PAGE),
    perPage: SEARCH_PER_PAGE,
    ...(category && { categoryId: category.id }),
    ...(q.from && { from: dayStart(q.from, e) }),
    ...(q.to && { to: dayStart(q.to, e, true) }),
    ...(q.sort && { sort: q.sort }),
  });
}

/** Where the suggested query goes in its sentence (a character no translation contains). */
const SLOT = '\u0000';

function suggestionVM(sentence: string, text: string, url: string): SearchVM['suggestion'] {
  const [before = '', after = ''] = sentence.split(SLOT);
  return { before, text, url, after };
}

export function searchVM(ctx: PageContext, q: SearchQuery, r: SearchResults): SearchVM {
  const { edition: e, urls, t } = ctx;
  const n = (x: number) => formatNumber(x, e.digits);
  const pageUrl = (p: number) => urls.search(e, { ...q, page: p });
  const shown = r.query || q.q.trim();
  return {
    heading: shown ? t('searchTitle', { q: shown }) : t('searchEmptyTitle'),
    form: {
      action: urls.search(e, { q: '' }).split('?')[0]!,
      q: q.q, // the reader's text as typed, never cleaned up behind their back
      qLabel: t('searchLabel'),
      button: t('searchButton'),
      sectionLabel: t('searchSection'),
      allSections: t('searchAllSections'),
      sections: ctx.categories.map((c) => ({ value: c.slug, label: c.name, selected: c.slug === q.category })),
      fromLabel: t('searchFrom'),
      from: q.from ?? '',
      toLabel: t('searchTo'),
      to: q.to ?? '',
      sortLabel: t('searchSort'),
      sorts: [
        { value: 'relevance', label: t('searchSortRelevance'), selected: !q.sort },
        { value: 'date', label: t('searchSortDate'), selected: q.sort === 'date' },
      ],
    },
    suggestion: r.suggestion ? suggestionVM(t('searchDidYouMean', { q: SLOT }), r.suggestion, urls.search(e, { ...q, q: r.suggestion, page: 1 })) : null,
    resultsLabel: t('searchResults'),
    summary: r.total ? (r.capped ? t('searchCountCapped', { n: n(r.total) }) : t(pluralKey(ctx.edition.locale, r.total, SEARCH_COUNT), { n: n(r.total) })) : null,
    notice: r.relaxed && r.total ? t('searchRelaxed') : null,
    emptyText: r.tooGeneral ? t('searchTooGeneral') : !r.terms.length ? t('searchPrompt') : r.hits.length ? null : t('searchNone'),
    results: r.hits.map((h) => ({
      url: urls.article(e, h.article),
      title: h.title,
      snippet: h.snippet,
      date: { text: formatShortDate(h.article.publishedAt, e), iso: h.article.publishedAt },
      category: h.article.primaryCategory ? { label: h.article.primaryCategory.name, url: urls.category(e, h.article.primaryCategory.slug) } : null,
    })),
    pagination: r.total ? paginationVM(ctx, { ...r, items: r.hits }, pageUrl) : null,
  };
}

/** The search page's HTML. Never cached by the site: its key would be whatever a reader typed. */
export async function renderSearchPage(q: SearchQuery, ctx: PageContext, deps: SearchDeps): Promise<string> {
  const r = await runSearch(ctx.edition, q, deps);
  const vm = searchVM(ctx, q, r);
  return renderDocument(
    layoutVM(ctx, { title: vm.heading, canonical: null, ownSearchForm: true, noindex: true }),
    h(SearchPage, { vm }),
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[^\s/?#]{1,200}$/;

/**
 * GET /api/v1/search?edition=ar&q=…[&page=&category=&from=&to=]: the same service as the page.
 * Bad parameters get a 400 naming the field, in the edition's language; odd queries get results.
 */
export function registerSearchApi(app: FastifyInstance, deps: SearchDeps & { site: SiteState; scheduler: Scheduler }): void {
  // Values are checked below, one by one, so each refusal names its field in the edition's language.
  const typed = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));
  const querystring = Type.Object({ edition: typed, q: typed, page: typed, category: typed, from: typed, to: typed, sort: typed }, { additionalProperties: true });
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/search', { schema: { querystring } }, async (req, reply) => {
    const version = await deps.scheduler.currentVersion();
    const site = await deps.site.at(version);
    const one = (k: keyof typeof req.query) => {
      const v = req.query[k];
      return Array.isArray(v) ? v[0] : v;
    };
    const e = site.editions.get(one('edition') ?? '') ?? (one('edition') === undefined ? site.editions.default : undefined);
    const ctx = site.context(e ?? site.editions.default);
    // Refusals are Invalid like every other API's: web/errors.ts shapes them, in the asked edition's language.
    if (!e) throw new Invalid('edition', 'unknown');
    // The page refuses such a URL with the site's 400 page (router.ts); the API answers the same.
    if (req.url.length > MAX_SEARCH_URL_LENGTH) throw new Invalid('q', 'too_long', { max: MAX_SEARCH_URL_LENGTH });
    const page = one('page') ?? '1';
    if (!/^[1-9]\d{0,5}$/.test(page)) throw new Invalid('page', 'number', { min: 1, max: 999_999 });
    const from = one('from');
    const to = one('to');
    if (from !== undefined && from !== '' && !DAY.test(from)) throw new Invalid('from', 'invalid');
    if (to !== undefined && to !== '' && !DAY.test(to)) throw new Invalid('to', 'invalid');
    const category = one('category');
    if (category !== undefined && category !== '' && !SLUG.test(category)) throw new Invalid('category', 'slug');
    const sort = one('sort');
    if (sort !== undefined && sort !== '' && sort !== 'relevance' && sort !== 'date') throw new Invalid('sort', 'one_of', { options: 'relevance, date' });
    const q: SearchQuery = { q: one('q') ?? '', page: Number(page), ...(category && { category }), ...(from && { from }), ...(to && { to }), ...(sort === 'date' && { sort }) };
    const r = await runSearch(e, q, deps);
    const { urls } = ctx;
    return reply.header('cache-control', 'no-store').send({
      query: r.query,
      edition: e.code,
      total: r.total,
      capped: r.capped,
      relaxed: r.relaxed,
      tooGeneral: r.tooGeneral,
      ...(r.tooGeneral && { message: ctx.t('searchTooGeneral') }),
      sort: q.sort ?? 'relevance',
      // "Did you mean": the corrected query and its results page (null when there is none).
      suggestion: r.suggestion ? { query: r.suggestion, url: urls.absolute(urls.search(e, { ...q, q: r.suggestion, page: 1 })) } : null,
      page: r.page,
      pages: r.pages,
      results: r.hits.map((h) => ({
        id: h.article.id,
        title: h.article.title,
        url: urls.absolute(urls.article(e, h.article)),
        publishedAt: h.article.publishedAt,
        category: h.article.primaryCategory ? { slug: h.article.primaryCategory.slug, name: h.article.primaryCategory.name } : null,
        excerpt: h.article.excerpt,
        snippet: h.snippet.map((s) => s.text).join(''),
        highlights: { title: h.title, snippet: h.snippet },
        score: Math.round(h.score * 1000) / 1000,
      })),
    });
  });
}
