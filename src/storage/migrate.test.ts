import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byCodePoint, MIGRATION_NAMES } from './migrate.ts';

describe('migration order (migrate.ts)', () => {
  it('is the order listed, by code point, and the locale order Kysely sorts by unless told', () => {
    assert.deepEqual([...MIGRATION_NAMES].sort(byCodePoint), MIGRATION_NAMES);
    assert.deepEqual([...MIGRATION_NAMES].sort((a, b) => a.localeCompare(b)), MIGRATION_NAMES);
  });
});
