import type { ArticleInput, ArticleKind } from '../../domain/article.ts';
import { DomainError } from '../../domain/errors.ts';
import { slugify } from '../../platform/slug.ts';
import type { NewArticleRow } from '../../storage/bulk-import.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Tx } from '../../storage/write-path.ts';
import { indexNewArticles, type PreparedTokens } from '../search/indexer.ts';
import { articleLinks, articleRecord, checkArticle, type CheckedArticle, type CleanBody, slugRoot, uniqueSlug } from './article-record.ts';

/** Per input: its new id, or the same refusal `ArticleService.save` would have thrown. */
export type BulkArticleOutcome = { id: number } | { error: DomainError };

/**
 * Many new articles in one go (the WordPress import's bulk path): each input goes through the
 * rules of `ArticleService.save` (article-record.ts), and then all of them are written with a
 * few multi-row INSERTs and indexed for search together, inside the caller's transaction.
 *
 * Only new articles (no `id`) with tags by slug: an update (re-import) goes through `save`,
 * which also keeps a moved post's old address. Invalidation is the caller's: a bulk load
 * declares one `edition:` key for its write, not the keys of every article.
 */
export async function insertNewArticles(
  repos: Repositories, tx: Tx, now: string, inputs: readonly ArticleInput[],
  /** Bodies the caller already sanitised, by their HTML: not cleaned again, and their search tokens if made. */
  clean?: ReadonlyMap<string, CleanBody & { tokens?: PreparedTokens }>,
): Promise<BulkArticleOutcome[]> {
  const out: BulkArticleOutcome[] = [];
  // In slices: a slice's bodies, sanitised copies and search tokens are written and dropped before
  // the next is made, so they die young instead of piling up in V8's old generation (the RSS).
  for (let i = 0; i < inputs.length; i += SLICE) out.push(...(await insertSlice(repos, tx, now, inputs.slice(i, i + SLICE), clean)));
  return out;
}

/** Articles written per multi-row INSERT (a slice's slugs are checked against the slices before it, already stored). */
const SLICE = 100;

async function insertSlice(repos: Repositories, tx: Tx, now: string, inputs: readonly ArticleInput[], clean?: ReadonlyMap<string, CleanBody & { tokens?: PreparedTokens }>): Promise<BulkArticleOutcome[]> {
  const editions = new Set((await repos.editions.all(tx)).map((e) => e.code));
  const outcomes: (BulkArticleOutcome | null)[] = inputs.map(() => null);
  const refuse = (i: number, e: unknown) => {
    if (!(e instanceof DomainError)) throw e;
    outcomes[i] = { error: e };
  };
  const checked: (CheckedArticle | null)[] = inputs.map((input, i) => {
    if (input.id !== undefined || input.tagNames?.length) throw new Error('insertNewArticles takes new articles with tags by slug (ArticleService.save does the rest)');
    try {
      return checkArticle(input, editions, now, clean);
    } catch (e) {
      refuse(i, e);
      return null;
    }
  });

  // Authors, sections and tags of the whole batch in one query each per edition.
  const lookups = new Map<string, Parameters<typeof articleLinks>[1]>();
  for (const edition of new Set(inputs.map((a) => a.edition))) {
    const of = inputs.filter((a) => a.edition === edition);
    lookups.set(edition, {
      authors: await repos.users.idsBySlugs(tx, [...new Set(of.flatMap((a) => a.authorSlugs ?? []))]),
      categories: await repos.taxonomies.categoryIdsBySlugs(tx, edition, [...new Set(of.flatMap((a) => a.categorySlugs ?? []))]),
      tags: await repos.taxonomies.tagIdsBySlugs(tx, edition, [...new Set(of.flatMap((a) => a.tagSlugs ?? []))]),
    });
  }

  // Slugs: WordPress's «-2» rule against what is stored and what this batch took before.
  const kindOf = (a: ArticleInput): ArticleKind => a.kind ?? 'post';
  const roots = inputs.map((a) => slugRoot(a.slug ?? slugify(a.title), undefined));
  const taken = new Map<string, Set<string>>(); // by edition and kind: stored slugs among the roots
  const used = new Map<string, Set<string>>(); // by edition and kind: slugs this batch gave out
  for (const key of new Set(inputs.map((a) => `${a.edition}\0${kindOf(a)}`))) {
    const [edition, kind] = key.split('\0') as [string, ArticleKind];
    taken.set(key, await repos.bulkImport.slugsTaken(tx, edition, kind, roots.filter((_, i) => `${inputs[i]!.edition}\0${kindOf(inputs[i]!)}` === key)));
    used.set(key, new Set());
  }

  const rows: NewArticleRow[] = [];
  const ready: number[] = [];
  for (const [i, input] of inputs.entries()) {
    const c = checked[i];
    if (!c) continue;
    let links;
    try {
      links = articleLinks(input, lookups.get(input.edition)!);
    } catch (e) {
      refuse(i, e);
      continue;
    }
    const key = `${input.edition}\0${kindOf(input)}`;
    const root = roots[i]!;
    const batch = used.get(key)!;
    const slug = await uniqueSlug(root, (s) => batch.has(s) || (s === root ? taken.get(key)!.has(s) : repos.articles.slugTaken(input.edition, s, undefined, tx, kindOf(input))));
    batch.add(slug);
    const record = articleRecord(input, c, kindOf(input), slug, links);
    rows.push({ ...record, id: 0, updatedAt: input.updatedAt !== undefined ? new Date(input.updatedAt).toISOString() : now });
    ready.push(i);
  }
  const ids = await repos.bulkImport.reserveIds(tx, 'articles', rows.length);
  rows.forEach((r, k) => {
    r.id = ids[k]!;
    outcomes[ready[k]!] = { id: r.id };
  });
  await repos.bulkImport.insertArticles(tx, rows);
  // Same transaction: the search index never disagrees with what was saved.
  await indexNewArticles(repos, tx, rows.map((r) => ({
    id: r.id, edition: r.edition, kind: r.kind ?? 'post', status: r.status, publishedAt: r.publishedAt, title: r.title, excerpt: r.excerpt, bodyText: r.bodyText,
    prepared: clean?.get(r.bodyHtml)?.tokens,
  })));
  return outcomes.map((o) => o!);
}
