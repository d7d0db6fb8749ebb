import type { MigrationDb } from '../migrate.ts';
import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialects/dialect.ts';
import type { Database } from '../schema.ts';

/**
 * The scorer's token lists are now stored in one-byte characters (services/search/stored-tokens.ts),
 * so those already indexed no longer read as the scorer expects. The index is emptied here; the
 * start that applies this migration fills it again (REINDEX_AFTER, cli/bootstrap.ts).
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  // The search tables are as the schema describes them: the migration's untyped handle is that database.
  await d.fullText.clear(db as unknown as Kysely<Database>);
}
