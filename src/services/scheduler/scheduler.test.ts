import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../platform/clock.ts';
import { paragraphsToHtml } from '../../platform/html/sanitize.ts';
import { testSite, type TestSite } from '../../../test/support/app.ts';
import { Scheduler } from './scheduler.ts';

describe('scheduled articles', () => {
  const clock = fixedClock('2026-01-10T08:00:00Z');
  let site: TestSite;
  let id: number;
  before(async () => {
    site = await testSite({ clock });
    id = await site.articles.save({
      edition: 'en',
      title: 'Budget to be announced at noon',
      bodyHtml: paragraphsToHtml(['The budget is announced at noon.']),
      publishedAt: '2026-01-10T12:00:00Z',
      status: 'published',
      commentStatus: 'open',
    });
  });
  after(() => site.close());

  it('a future publish date is saved as scheduled and is not public yet', async () => {
    assert.equal((await site.repos.articles.locate(id))?.status, 'scheduled');
    assert.equal((await site.app.fastify.inject(`/?p=${id}`)).statusCode, 404);
    const home = await site.app.fastify.inject('/en/');
    assert.ok(!home.body.includes('Budget to be announced'));
  });

  it('goes live on the first request after its time, though the home page was cached', async () => {
    clock.set('2026-01-10T12:00:01Z');
    const home = await site.app.fastify.inject('/en/');
    assert.ok(home.body.includes('Budget to be announced'));
    assert.equal((await site.repos.articles.locate(id))?.status, 'published');
  });

  it('is published exactly once when several instances race for it', async () => {
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
  });
});
