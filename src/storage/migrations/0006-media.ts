import type { DialectOps } from '../dialects/dialect.ts';
import type { MigrationDb } from '../migrate.ts';

/** Reserved: the media library. */
export async function up(_db: MigrationDb, _d: DialectOps): Promise<void> {}
