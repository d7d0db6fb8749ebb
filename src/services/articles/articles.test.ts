import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleInput } from '../../domain/article.ts';
import type { InvalidationKey } from '../../domain/invalidation.ts';
import { fixedClock } from '../../platform/clock.ts';
import { testRuntime } from '../../../test/support/runtime.ts';
import { ArticleWorkflow } from './workflow.ts';

describe('what an article’s write invalidates', () => {
  it('a draft’s saves invalidate nothing; publishing and unpublishing invalidate its page, its edition’s lists and feeds, and its section', async () => {
    const rt = await testRuntime({ clock: fixedClock('2026-01-10T08:00:00Z') });
    try {
      await rt.repos.write((tx) => rt.repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'economy', name: 'اقتصاد', description: '', position: 0 }), { invalidates: [] });
      const [section] = await rt.repos.taxonomies.categories('ar');
      const heard: InvalidationKey[][] = [];
      rt.repos.onWrite((keys) => heard.push([...keys]));
      const version = await rt.repos.changes.read();
      const draft: ArticleInput = { edition: 'ar', title: 'مسودة', bodyHtml: '<p>نص</p>', status: 'draft', publishedAt: null, commentStatus: 'open', categorySlugs: ['economy'] };
      const id = await rt.articles.save(draft);
      await rt.articles.save({ ...draft, id, title: 'مسودة ثانية' });
      assert.deepEqual(heard, [], 'an autosaved draft must not empty every cache');
      assert.equal(await rt.repos.changes.read(), version);

      const listed: InvalidationKey[] = [`article:${id}`, 'home:ar', 'feed:ar', `section:${section!.id}`];
      await rt.articles.save({ ...draft, id, status: 'published', publishedAt: '2026-01-10T07:00:00Z' });
      assert.deepEqual(heard, [listed]);
      assert.ok((await rt.repos.changes.read()) > version);
      await rt.articles.save({ ...draft, id, status: 'draft', publishedAt: '2026-01-10T07:00:00Z' });
      assert.deepEqual(heard, [listed, listed], 'unpublished: where it was listed changes');
    } finally {
      await rt.close();
    }
  });

  it('a bulk status change invalidates where each changed article is listed, and nothing when nothing changed', async () => {
    const rt = await testRuntime({ clock: fixedClock('2026-01-10T08:00:00Z') });
    try {
      const admin = { id: 1, role: 'administrator' as const };
      const id = await rt.articles.save({ edition: 'en', title: 'Draft', bodyHtml: '<p>Text</p>', status: 'draft', publishedAt: null, commentStatus: 'open' });
      const heard: InvalidationKey[][] = [];
      rt.repos.onWrite((keys) => heard.push([...keys]));
      const workflow = new ArticleWorkflow({ repos: rt.repos, clock: rt.clock });
      assert.deepEqual(await workflow.bulk(admin, 'publish', [id]), { changed: [id], unchanged: [] });
      assert.deepEqual(heard, [[`article:${id}`, 'home:en', 'feed:en']]);
      assert.deepEqual(await workflow.bulk(admin, 'publish', [id]), { changed: [], unchanged: [id] });
      assert.equal(heard.length, 1);
    } finally {
      await rt.close();
    }
  });
});
