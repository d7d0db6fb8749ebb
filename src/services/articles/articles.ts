import { randomUUID } from 'node:crypto';
import type { Article, ArticleInput, ArticleKind, ArticleSummary } from '../../domain/article.ts';
import { type InvalidationKey, invalidates } from '../../domain/invalidation.ts';
import { type Paged, pageCount } from '../../domain/page.ts';
import type { Clock } from '../../platform/clock.ts';
import { slugify } from '../../platform/slug.ts';
import type { ArticleLocator, ListFilter } from '../../storage/articles.ts';
import type { PublishedArticleQuery } from '../../storage/published-queries.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Touch, Tx } from '../../storage/write-path.ts';
import { indexArticle } from '../search/indexer.ts';
import { articleLinks, articleRecord, checkArticle, slugRoot, uniqueSlug } from './article-record.ts';

/** How an auto-draft's placeholder slug starts (no slug slugify makes starts so). */
export const AUTO_DRAFT_SLUG = '_auto-draft-';

export interface ArticleQuery {
  edition: string;
  categoryId?: number;
  tagId?: number;
  authorId?: number;
  from?: string;
  to?: string;
  page: number;
  perPage: number;
}

/** How many breaking stories the home page's strip names. */
const BREAKING_LIMIT = 3;

export interface HomeSection {
  category: { id: number; slug: string; name: string };
  items: ArticleSummary[];
}

export interface HomeContent {
  /** The edition's breaking stories, newest first (the strip above the lead). */
  breaking: ArticleSummary[];
  lead: ArticleSummary | null;
  latest: Paged<ArticleSummary>;
  sections: HomeSection[];
}

export interface ArticleServiceDeps {
  repos: Repositories;
  clock: Clock;
}

/** Articles: the one read path for pages and APIs, and the one write path for every writer. */
export class ArticleService {
  constructor(private readonly deps: ArticleServiceDeps) {}

  private get repos() {
    return this.deps.repos;
  }

  async bySlug(edition: string, slug: string): Promise<Article | null> {
    const a = await this.repos.articles.findBySlug(edition, slug);
    return a && a.status === 'published' ? a : null;
  }

  /**
   * What an article address that no published article answers used to be: `moved` (a published
   * article had this slug, before its slug, date or edition changed) or `gone` (the article was
   * published once and is not now). `sameDay` says whether an instant falls on the URL's date;
   * with `exactDateOnly` only an old address with that very date counts.
   */
  async formerAddress(edition: string, slug: string, sameDay: (instant: string) => boolean, exactDateOnly = false): Promise<{ kind: 'moved'; to: ArticleLocator } | { kind: 'gone' } | null> {
    const olds = await this.repos.oldUrls.bySlug(edition, slug);
    const old = olds.find((o) => sameDay(o.publishedAt)) ?? (exactDateOnly ? undefined : olds[0]);
    if (old) {
      const to = await this.repos.articles.locate(old.articleId);
      if (to?.status === 'published') return { kind: 'moved', to };
      if (to) return { kind: 'gone' };
    }
    if (exactDateOnly) return null;
    return (await this.repos.oldUrls.withdrawn(edition, slug)) ? { kind: 'gone' } : null;
  }

  /** Where `?p=<id>` points: published articles only. */
  async locatePublished(id: number): Promise<ArticleLocator | null> {
    const l = await this.repos.articles.locate(id);
    return l && l.status === 'published' ? l : null;
  }

  async list(q: ArticleQuery): Promise<Paged<ArticleSummary>> {
    const filter: ListFilter = {
      edition: q.edition,
      limit: q.perPage,
      offset: (q.page - 1) * q.perPage,
      ...(q.categoryId !== undefined && { categoryId: q.categoryId }),
      ...(q.tagId !== undefined && { tagId: q.tagId }),
      ...(q.authorId !== undefined && { authorId: q.authorId }),
      ...(q.from !== undefined && { from: q.from }),
      ...(q.to !== undefined && { to: q.to }),
    };
    const { items, total } = await this.repos.articles.listPublished(filter);
    return { items, total, page: q.page, perPage: q.perPage, pages: pageCount(total, q.perPage) };
  }

  /** Published posts or pages of an edition with WordPress's filters, whole (the WordPress REST API). */
  async published(q: PublishedArticleQuery): Promise<{ items: Article[]; total: number }> {
    const { ids, total } = await this.repos.published.articleIds(q);
    return { items: await this.repos.published.articles(q.edition, ids), total };
  }

  /** Published articles of an edition by their Khabar ids, in that order (those that are not published are left out). */
  async publishedMany(edition: string, ids: readonly number[]): Promise<Article[]> {
    return this.repos.published.articles(edition, ids);
  }

  /** One published post or page of an edition by its Khabar id, or null. */
  async publishedOne(edition: string, kind: ArticleKind, id: number): Promise<Article | null> {
    const [a] = await this.repos.published.articles(edition, [id]);
    return a && (await this.repos.articles.locate(id))?.kind === kind ? a : null;
  }

  async related(article: Article, limit = 4): Promise<ArticleSummary[]> {
    return this.repos.articles.related(article, limit);
  }

  async translations(article: Article): Promise<ArticleSummary[]> {
    return this.repos.articles.translations(article);
  }

  /** The home page: a lead story (the newest sticky, else the newest), the latest, and a block per section. */
  async home(edition: string, page: number, perPage = 10, perSection = 4): Promise<HomeContent> {
    const articles = this.repos.articles;
    const lead = (await articles.stickyLead(edition)) ?? (await articles.listPublished({ edition, limit: 1, offset: 0, withTotal: false })).items[0] ?? null;
    // The lead is shown on its own, so every page of "latest" leaves it out.
    const exclude = lead ? [lead.id] : [];
    const { items, total } = await articles.listPublished({ edition, excludeIds: exclude, limit: perPage, offset: (page - 1) * perPage });
    const latest: Paged<ArticleSummary> = { items, total, page, perPage, pages: pageCount(total, perPage) };
    const sections: HomeSection[] = [];
    if (page === 1) {
      const shown = [...exclude, ...items.map((a) => a.id)];
      for (const c of await this.repos.taxonomies.categories(edition)) {
        let block = await articles.listPublished({ edition, categoryId: c.id, excludeIds: shown, limit: perSection, offset: 0, withTotal: false });
        // A small edition's latest list holds every story: the section still gets its block
        // (its newest besides the lead), or the home page would have no sections at all.
        if (!block.items.length) block = await articles.listPublished({ edition, categoryId: c.id, excludeIds: exclude, limit: Math.min(perSection, 3), offset: 0, withTotal: false });
        if (block.items.length) sections.push({ category: { id: c.id, slug: c.slug, name: c.name }, items: block.items });
      }
    }
    const breaking = page === 1 ? await articles.breaking(edition, BREAKING_LIMIT) : [];
    return { breaking, lead, latest, sections };
  }

  /**
   * Writes one article (insert, or replace when its id exists) with its authors, categories
   * and tags. Body HTML is sanitised here, so no writer can store unsafe markup. Alone it is its
   * own write; a writer of several (an import, the editor) passes its write's `tx` and `touch`,
   * which hears what this save changes for readers.
   */
  async save(input: ArticleInput): Promise<number>;
  async save(input: ArticleInput, tx: Tx, touch: Touch): Promise<number>;
  async save(input: ArticleInput, tx?: Tx, touch?: Touch): Promise<number> {
    if (!tx || !touch) return this.repos.write((t, tch) => this.save(input, t, tch), { invalidates: [] });
    const editions = new Set((await this.repos.editions.all(tx)).map((e) => e.code));
    const now = this.deps.clock.now().toISOString();
    const checked = checkArticle(input, editions, now);
    const { publishedAt, status } = checked;
    // The stored kind wins over the input's: a save never turns a post into a page or back.
    const before = input.id !== undefined ? await this.repos.articles.storedState(tx, input.id) : null;
    const kind = before?.kind ?? input.kind ?? 'post';
    // An auto-draft holds no slug (WordPress keeps its post_name empty until a real save): a
    // placeholder slugify never makes («_»), so an abandoned one takes no address from anyone.
    const slug = input.autoDraft
      ? (before?.slug.startsWith(AUTO_DRAFT_SLUG) ? before.slug : `${AUTO_DRAFT_SLUG}${randomUUID()}`)
      : await uniqueSlug(slugRoot(input.slug ?? slugify(input.title), input.id), (s) => this.repos.articles.slugTaken(input.edition, s, input.id, tx, kind));

    const found = {
      authors: await this.repos.users.idsBySlugs(tx, input.authorSlugs ?? []),
      categories: await this.repos.taxonomies.categoryIdsBySlugs(tx, input.edition, input.categorySlugs ?? []),
      tags: await this.repos.taxonomies.tagIdsBySlugs(tx, input.edition, input.tagSlugs ?? []),
    };
    // Checked before any tag is made from a name: an unknown author writes nothing.
    articleLinks(input, found);
    const namedTagIds: number[] = [];
    for (const name of input.tagNames ?? []) {
      const tagSlug = slugify(name);
      if (tagSlug) namedTagIds.push(await this.repos.taxonomies.ensureTag(tx, input.edition, tagSlug, name.trim()));
    }
    const links = articleLinks(input, found, namedTagIds);

    // Public pages (and the scheduler's next due time) change only when the article is or was
    // live or scheduled: a draft's autosave every few seconds must not empty every cache.
    const isListed = (st: string | undefined) => st === 'published' || st === 'scheduled';
    const keys: InvalidationKey[] = [];
    if (isListed(before?.status) && input.id !== undefined) {
      for (const l of await this.repos.articles.listings(tx, [input.id])) keys.push(...invalidates.listedArticle(l));
    }
    const id = await this.repos.articles.save(
      tx,
      articleRecord(input, checked, kind, slug, links),
      input.updatedAt !== undefined ? new Date(input.updatedAt).toISOString() : now,
    );
    // A published post whose address changes (slug, date or edition) keeps its old one answering
    // with a 301, whoever saves it: the editor, the JSON import, the WordPress import.
    if (before && before.kind === 'post' && before.status === 'published' && before.publishedAt &&
      (slug !== before.slug || input.edition !== before.edition || publishedAt !== before.publishedAt)) {
      await this.repos.oldUrls.record(tx, { edition: before.edition, slug: before.slug, publishedAt: before.publishedAt, articleId: id }, now);
    }
    // Imports keep their ids: PostgreSQL's identity must then continue past them.
    if (input.id !== undefined) await this.repos.db.dialect.syncIdSequence(tx, 'articles');
    // Same transaction: the search index never disagrees with what was saved.
    await indexArticle(this.repos, tx, id);
    if (isListed(status)) keys.push(...invalidates.listedArticle({ id, edition: input.edition, ...links }));
    touch(...keys);
    return id;
  }
}
