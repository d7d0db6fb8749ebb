import type { MigrationDb } from '../migrate.ts';
import type { DialectOps } from '../dialects/dialect.ts';

/**
 * Search's candidate stage reads each match's edition, status and date from the articles row
 * (dialects/full-text.ts `addMatchStateIndex`): where the dialect needs it, an index that holds
 * them, so a match costs an index lookup and not a walk past the article's body.
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await d.fullText.addMatchStateIndex(db);
}
