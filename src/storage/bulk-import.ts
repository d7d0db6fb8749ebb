import { type ArticleRecord, articleLinkRows, articleValues } from './articles.ts';
import { type CommentRecord, importedCommentValues } from './comments.ts';
import type { DialectOps } from './dialects/dialect.ts';
import type { Tx } from './write-path.ts';

/** A new article as the bulk writer inserts it: its id reserved beforehand, its source's update time. */
export interface NewArticleRow extends ArticleRecord {
  id: number;
  updatedAt: string;
}

/** A new imported comment, its id reserved beforehand (replies name their parent's). */
export interface NewCommentRow extends CommentRecord {
  id: number;
  userId: number | null;
}

/**
 * The write side of a bulk load (the WordPress import): many new rows in a few multi-row
 * INSERTs, inside the caller's transaction. Rows come computed by the services' own rules
 * (services/articles/article-record.ts); this only moves them, in statements that stay under the
 * dialect's bound-parameter limit.
 */
export class BulkImportRepository {
  constructor(private readonly dialect: DialectOps) {}

  /** `n` ids for new rows of a table, known before they are inserted. */
  reserveIds(tx: Tx, table: 'articles' | 'comments', n: number): Promise<number[]> {
    return n > 0 ? this.dialect.reserveIds(tx, table, n) : Promise.resolve([]);
  }

  /** Of these article ids, those that still exist. */
  async existingArticles(tx: Tx, ids: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await tx.selectFrom('articles').select('id').where('id', 'in', ids.slice(i, i + 500)).execute()) out.add(r.id);
    }
    return out;
  }

  /** Of these slugs, those an article of this edition and kind already has (one query per slice). */
  async slugsTaken(tx: Tx, edition: string, kind: string, slugs: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const unique = [...new Set(slugs)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await tx.selectFrom('articles').select('slug')
        .where('edition', '=', edition).where('kind', '=', kind).where('slug', 'in', unique.slice(i, i + 500)).execute();
      for (const r of rows) out.add(r.slug);
    }
    return out;
  }

  /** New articles with their authors, sections and tags. */
  async insertArticles(tx: Tx, rows: readonly NewArticleRow[]): Promise<void> {
    // Every row names every column: a multi-row VALUES cannot leave one to its default on SQLite.
    await this.insertRows(tx, 'articles', rows.map((r) => ({
      ...articleValues(r, r.updatedAt),
      id: r.id,
      kind: r.kind ?? 'post',
      created_at: r.createdAt ?? r.updatedAt,
      parent_id: r.parentId ?? null,
      sticky: r.sticky ? 1 : 0,
      was_published: r.status === 'published' ? 1 : 0,
    })));
    const links = rows.map((r) => articleLinkRows(r.id, r));
    await this.insertRows(tx, 'article_authors', links.flatMap((l) => l.authors));
    await this.insertRows(tx, 'article_categories', links.flatMap((l) => l.categories));
    await this.insertRows(tx, 'article_tags', links.flatMap((l) => l.tags));
    await this.insertRows(tx, 'article_media', links.flatMap((l) => l.media));
  }

  /** New comments, parents before their replies (each statement's rows are checked at its end). */
  async insertComments(tx: Tx, rows: readonly NewCommentRow[]): Promise<void> {
    await this.insertRows(tx, 'comments', rows.map((r) => ({ ...importedCommentValues(r), id: r.id })));
  }

  /** Rows in as few INSERTs as the dialect's parameter limit allows, in order. */
  private async insertRows<T extends 'articles' | 'article_authors' | 'article_categories' | 'article_tags' | 'article_media' | 'comments'>(
    tx: Tx, table: T, rows: readonly Record<string, unknown>[],
  ): Promise<void> {
    if (!rows.length) return;
    const perRow = Object.keys(rows[0]!).length;
    const size = Math.max(1, Math.floor(this.dialect.maxParameters / perRow));
    for (let i = 0; i < rows.length; i += size) {
      // The row shapes are the tables' (built by articleValues, articleLinkRows, importedCommentValues).
      await tx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
    }
  }
}
