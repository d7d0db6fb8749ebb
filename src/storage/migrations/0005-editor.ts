import type { DialectOps } from '../dialects/dialect.ts';
import type { MigrationDb } from '../migrate.ts';

/** Reserved: revisions, optimistic locking and old-URL redirects for the article editor. */
export async function up(_db: MigrationDb, _d: DialectOps): Promise<void> {}
