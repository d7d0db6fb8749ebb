import type { MigrationDb } from '../migrate.ts';
import type { DialectOps } from '../dialects/dialect.ts';

/**
 * Search over whole articles (issue 15): the index keeps, beside the title-and-lead tokens every
 * candidate is read with, the tokens of the whole article for BM25 (dialects/full-text.ts), and
 * its indexed terms gain the title marks. The index is emptied here: `khabar reindex` — run by
 * the start that applies this migration (cli/bootstrap.ts) — fills it again.
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await d.fullText.addWholeArticleFields(db);
}
