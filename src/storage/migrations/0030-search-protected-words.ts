import type { MigrationDb } from '../migrate.ts';
import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialects/dialect.ts';
import type { Database } from '../schema.ts';

/**
 * The analyzer keeps a few more words whole (لبنان was stemmed to لبن «milk», ولاية to ولا, …:
 * platform/arabic/stem.ts), so the stems already indexed for them are stale. The index is emptied
 * here; the start that applies this migration fills it again (REINDEX_AFTER, cli/bootstrap.ts).
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  // The search tables are as the schema describes them: the migration's untyped handle is that database.
  await d.fullText.clear(db as unknown as Kysely<Database>);
}
