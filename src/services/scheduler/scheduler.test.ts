import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../platform/clock.ts';
import { paragraphsToHtml } from '../../platform/html/sanitize.ts';
import { testSite, type TestSite } from '../../../test/support/app.ts';
import { Scheduler } from './scheduler.ts';

describe('scheduled articles', () => {
  /**
   * A site of its own for each test, at 08:00 with one article due at noon: the scheduler
   * publishes what is due and the clock moves, so a shared site would make each test depend on
   * which ran before it.
   */
  async function withScheduledSite(fn: (s: { site: TestSite; clock: ReturnType<typeof fixedClock>; id: number }) => Promise<void>): Promise<void> {
    const clock = fixedClock('2026-01-10T08:00:00Z');
    const site = await testSite({ clock });
    try {
      const id = await site.articles.save({
        edition: 'en',
        title: 'Budget to be announced at noon',
        bodyHtml: paragraphsToHtml(['The budget is announced at noon.']),
        publishedAt: '2026-01-10T12:00:00Z',
        status: 'published',
        commentStatus: 'open',
      });
      await fn({ site, clock, id });
    } finally {
      await site.close();
    }
  }

  it('a future publish date is saved as scheduled and is not public yet', () =>
    withScheduledSite(async ({ site, id }) => {
      assert.equal((await site.repos.articles.locate(id))?.status, 'scheduled');
      assert.equal((await site.app.fastify.inject(`/?p=${id}`)).statusCode, 404);
      const home = await site.app.fastify.inject('/en/');
      assert.ok(!home.body.includes('Budget to be announced'));
    }));

  it('goes live on the first request after its time, though the home page was cached', () =>
    withScheduledSite(async ({ site, clock, id }) => {
      // The home page is rendered and kept before the article is due.
      assert.ok(!(await site.app.fastify.inject('/en/')).body.includes('Budget to be announced'));
      clock.set('2026-01-10T12:00:01Z');
      const home = await site.app.fastify.inject('/en/');
      assert.ok(home.body.includes('Budget to be announced'));
      assert.equal((await site.repos.articles.locate(id))?.status, 'published');
    }));

  it('is published exactly once when several instances race for it', () =>
    withScheduledSite(async ({ site, clock, id }) => {
      // The noon article went live at noon, before this one was due.
      clock.set('2026-01-10T12:00:00Z');
      assert.deepEqual(await new Scheduler({ repos: site.repos, clock }).publishDue(), [id]);
      const later = await site.articles.save({
        edition: 'en',
        title: 'Evening briefing',
        bodyHtml: paragraphsToHtml(['Briefing.']),
        publishedAt: '2026-01-10T18:00:00Z',
        status: 'published',
        commentStatus: 'open',
      });
      clock.set('2026-01-10T18:00:00Z');
      const instances = [0, 1, 2].map(() => new Scheduler({ repos: site.repos, clock }));
      const published = (await Promise.all(instances.map((s) => s.publishDue()))).flat();
      assert.deepEqual(published, [later]);
    }));
});
