import { sql } from 'kysely';
import type { MigrationDb } from '../migrate.ts';

/**
 * The home page asks for its sticky lead and its breaking strip (ArticleRepository.flagged) on
 * every render after a write. Through the listing index each candidate row had to be read for
 * its flag — a flag that sits behind the body, so overflow pages too — and with nothing flagged,
 * every article of the edition: about 5,500 page reads at 10,000 articles, 7.2 s for the first
 * home page at 100,000. A partial index holds the few flagged rows only, in the order asked.
 */
export async function up(db: MigrationDb): Promise<void> {
  for (const flag of ['sticky', 'breaking']) {
    await db.schema.createIndex(`articles_${flag}`).on('articles')
      .columns(['edition', 'kind', 'status', 'published_at', 'id'])
      .where(sql.ref(flag), '=', sql.lit(1))
      .execute();
  }
}
