import type { DialectOps } from '../dialects/dialect.ts';
import type { MigrationDb } from '../migrate.ts';

/** Reserved: menus, home lead story and other management tables. */
export async function up(_db: MigrationDb, _d: DialectOps): Promise<void> {}
