import { type Kysely, sql } from 'kysely';
import type { ArticleRef, ArticleState, ArticleStatus } from '../domain/article.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

/** The editor's reads and small writes that ArticleRepository.save does not cover. */
export class ArticleEditorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The article's stored state; inside a write, pass its `tx` (a save checks what it is about to change). */
  async state(id: number, db: Tx = this.db): Promise<ArticleState | null> {
    const row = await db
      .selectFrom('articles')
      .select(['id', 'kind', 'edition', 'slug', 'status', 'published_at', 'version', 'translation_group', 'auto_draft', 'sticky', 'breaking'])
      .where('id', '=', id)
      // Posts and static pages alike: the editor serves both (the caller checks what a page needs).
      .executeTakeFirst();
    if (!row) return null;
    const authors = await db.selectFrom('article_authors').select('user_id').where('article_id', '=', id).orderBy('position').execute();
    return {
      id: row.id,
      kind: row.kind === 'page' ? 'page' : 'post',
      edition: row.edition,
      // An auto-draft's placeholder is no slug (migrations/0026-article-fields.ts).
      slug: Number(row.auto_draft) === 1 ? '' : row.slug,
      status: row.status as ArticleStatus,
      publishedAt: row.published_at,
      version: row.version,
      translationGroup: row.translation_group,
      autoDraft: Number(row.auto_draft) === 1,
      sticky: Number(row.sticky) === 1,
      breaking: Number(row.breaking) === 1,
      authorIds: authors.map((a) => a.user_id),
    };
  }

  /**
   * Takes the optimistic lock: moves the version on only if it is still the one the form was
   * loaded at. One UPDATE, so of two concurrent saves exactly one wins (PostgreSQL re-checks the
   * WHERE after the first commits; SQLite runs writers one at a time).
   */
  async claimVersion(tx: Tx, id: number, version: number): Promise<boolean> {
    const r = await tx.updateTable('articles').set({ version: sql`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async markRevised(tx: Tx, id: number, now: string): Promise<void> {
    await tx.updateTable('articles').set({ revised_at: now }).where('id', '=', id).execute();
  }

  /** The stored (sanitised) text, for the revision a save leaves behind. */
  async text(tx: Tx, id: number): Promise<{ title: string; excerpt: string; bodyHtml: string; version: number; status: ArticleStatus }> {
    const r = await tx.selectFrom('articles').select(['title', 'excerpt', 'body_html', 'version', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    return { title: r.title, excerpt: r.excerpt, bodyHtml: r.body_html, version: r.version, status: r.status as ArticleStatus };
  }

  /** Deletes the auto-drafts last saved before `before` (their revisions, links and index rows go with them). */
  async deleteAutoDrafts(tx: Tx, before: string): Promise<number> {
    const r = await tx.deleteFrom('articles').where('auto_draft', '=', 1).where('updated_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async groupMembers(tx: Tx, group: string): Promise<number[]> {
    const rows = await tx.selectFrom('articles').select('id').where('translation_group', '=', group).execute();
    return rows.map((r) => r.id);
  }

  async setGroup(tx: Tx, ids: number[], group: string | null): Promise<void> {
    if (ids.length) await tx.updateTable('articles').set({ translation_group: group }).where('id', 'in', ids).execute();
  }

  async choicesByIds(ids: number[], db: Tx = this.db): Promise<ArticleRef[]> {
    if (!ids.length) return [];
    const rows = await db.selectFrom('articles').select(CHOICE_COLUMNS).where('id', 'in', ids).where('kind', '=', 'post').execute();
    return rows.map(toChoice);
  }

  /** Recent posts of an edition (not in the trash), offered as translation links. */
  async translationChoices(edition: string, limit: number): Promise<ArticleRef[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(CHOICE_COLUMNS)
      .where('edition', '=', edition)
      .where('kind', '=', 'post')
      .where('status', '!=', 'trash')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toChoice);
  }

  /** The other articles of a translation group (the edit form's current links). */
  async groupChoices(group: string, exceptId: number): Promise<ArticleRef[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(CHOICE_COLUMNS)
      .where('translation_group', '=', group)
      .where('id', '!=', exceptId)
      .execute();
    return rows.map(toChoice);
  }

  async version(id: number): Promise<number | null> {
    const r = await this.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirst();
    return r?.version ?? null;
  }
}

/** What a translation link shows of an article. */
const CHOICE_COLUMNS = ['id', 'edition', 'title', 'status', 'translation_group'] as const;

function toChoice(r: { id: number; edition: string; title: string; status: string; translation_group: string | null }): ArticleRef {
  return { id: r.id, edition: r.edition, title: r.title, status: r.status as ArticleStatus, translationGroup: r.translation_group };
}
