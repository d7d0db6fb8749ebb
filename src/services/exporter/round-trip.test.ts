import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../platform/clock.ts';
import { Urls } from '../editions/urls.ts';
import { importWxr } from '../importer/import-wxr.ts';
import { testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { exportWxr } from './wxr-export.ts';

const FIXTURE = join(import.meta.dirname, '../../../test/fixtures/wxr/newsroom-ar.xml');

/**
 * The way out and the way in agree: a WordPress export imported, exported by Khabar, and the
 * export imported into an empty Khabar, brings the same articles, comments, terms, authors and
 * addresses (the WordPress ids the old links use).
 */
describe('export and import round trip', () => {
  const clock = fixedClock('2025-01-01T00:00:00Z');
  let first: TestRuntime;
  let second: TestRuntime;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-round-trip-'));
    first = await testRuntime({ clock });
    second = await testRuntime({ clock });
    await importWxr(FIXTURE, { repos: first.repos, articles: first.articles, clock, secret: first.secret }, { edition: 'ar' });
    // The fields WordPress has no column for travel as postmeta (the bridge story has Yoast's from the fixture).
    const bridge = (await first.repos.wordpressIds.all('ar', 'post')).get(101)!;
    await first.repos.db.kysely.updateTable('articles').set({ kicker: 'خاص', dateline: 'عمّان', breaking: 1 }).where('id', '=', bridge).execute();
    const file = join(dir, 'out.xml');
    writeFileSync(file, '');
    await exportWxr(first.repos, new Urls('http://news.test'), { edition: 'ar', now: clock.now(), write: (c) => appendFileSync(file, c) });
    await importWxr(file, { repos: second.repos, articles: second.articles, clock, secret: second.secret }, { edition: 'ar' });
  });
  after(async () => {
    await first?.close();
    await second?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What a site holds, by WordPress id where it has one, so two sites' own ids do not matter. */
  const snapshot = async (rt: TestRuntime) => {
    const db = rt.repos.db.kysely;
    const posts = await rt.repos.wordpressIds.all('ar', 'post');
    const pages = await rt.repos.wordpressIds.all('ar', 'page');
    const byKhabar = new Map([...posts, ...pages].map(([wp, k]) => [k, wp]));
    const articles = (await db.selectFrom('articles').select(['id', 'kind', 'slug', 'title', 'status', 'published_at', 'body_html', 'parent_id', 'kicker', 'dateline', 'breaking', 'seo_title', 'seo_description']).where('edition', '=', 'ar').execute())
      .filter((a) => byKhabar.has(a.id))
      .map((a) => ({
        wp: byKhabar.get(a.id), kind: a.kind, slug: a.slug, title: a.title, status: a.status, publishedAt: a.published_at, body: a.body_html, parent: a.parent_id === null ? null : byKhabar.get(a.parent_id),
        fields: [a.kicker, a.dateline, a.breaking, a.seo_title, a.seo_description],
      }))
      .sort((x, y) => x.wp! - y.wp!);
    const comments = (await db.selectFrom('comments').select(['author_name', 'body', 'status', 'created_at']).execute())
      .map((c) => `${c.created_at}|${c.author_name}|${c.status}|${c.body}`).sort();
    const sections = await db.selectFrom('categories').select(['id', 'slug', 'name', 'description', 'parent_id']).where('edition', '=', 'ar').execute();
    const slugOf = new Map(sections.map((c) => [c.id, c.slug]));
    const categories = sections.map((c) => `${c.slug}|${c.name}|${c.description}|parent:${c.parent_id === null ? '' : slugOf.get(c.parent_id)}`).sort();
    const tags = (await db.selectFrom('tags').select(['slug', 'name', 'description']).where('edition', '=', 'ar').execute()).map((t) => `${t.slug}|${t.name}|${t.description}`).sort();
    const authors = (await db.selectFrom('users').select('display_name').execute()).map((u) => u.display_name).sort();
    return { articles, comments, categories, tags, authors };
  };

  it('brings back every article with the same WordPress id, slug, title, status, date and body', async () => {
    const [a, b] = [await snapshot(first), await snapshot(second)];
    assert.ok(a.articles.length > 0);
    assert.ok(a.articles.some((x) => x.parent), 'the fixture has a page with a parent');
    assert.deepEqual(b.articles, a.articles);
  });

  it('brings the newsroom fields: Yoast SEO\'s title and description (its %%…%% template words dropped), the kicker, dateline and breaking flag', async () => {
    const bridge = (await snapshot(first)).articles.find((a) => a.wp === 101)!;
    assert.deepEqual(bridge.fields, ['خاص', 'عمّان', 1, 'جسر النهر الجديد يختصر الرحلة إلى النصف', 'افتتحت البلدية جسراً جديداً فوق النهر ما يعنيه للسكان.']);
    assert.deepEqual((await snapshot(second)).articles.find((a) => a.wp === 101)!.fields, bridge.fields);
  });

  it('brings back every comment of every status, every section (with its parent) and tag (with its description), every author', async () => {
    const [a, b] = [await snapshot(first), await snapshot(second)];
    assert.ok(a.comments.length > 0);
    assert.ok(a.categories.some((c) => !c.endsWith('parent:')), 'the fixture has a section with a parent');
    assert.deepEqual(b.comments, a.comments);
    assert.deepEqual(b.categories, a.categories);
    assert.deepEqual(b.tags, a.tags);
    assert.deepEqual(b.authors, a.authors);
  });
});
