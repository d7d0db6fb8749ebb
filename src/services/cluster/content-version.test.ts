import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../platform/clock.ts';
import { testRuntime } from '../../../test/support/runtime.ts';
import { ContentVersion } from './content-version.ts';

describe('the content version', () => {
  it('without Redis is the database’s, read on every request: a write from another process shows at once', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const rt = await testRuntime({ clock });
    try {
      const version = new ContentVersion({ repos: rt.repos, clock, redis: null });
      const before = await version.read();
      let reads = 0;
      const counter = rt.repos.changes;
      const read = counter.read.bind(counter);
      (counter as { read: () => Promise<number> }).read = () => { reads++; return read(); };
      // As another process would: the counter moves without this process hearing of it.
      await rt.repos.db.kysely.updateTable('change_counter').set({ value: before + 5 }).where('id', '=', 1).execute();
      assert.equal(await version.read(), before + 5);
      assert.equal(await version.read(), before + 5);
      assert.equal(reads, 2, 'one read per request, clock or no clock');
    } finally {
      await rt.close();
    }
  });
});
