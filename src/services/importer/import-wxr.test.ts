import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import sharp from 'sharp';
import { fixedClock } from '../../platform/clock.ts';
import { SHARED_DIR } from '../../../test/support/corpus.ts';
import { testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { scratchDir } from '../../../test/support/scratch-dir.ts';
import { MediaService } from '../media/media.ts';
import { importWxr, type WxrImportOptions, type WxrReport } from './import-wxr.ts';
import { permalinksSettingKey } from '../wordpress/permalinks.ts';
import { surveyWxr, WxrError } from './wxr.ts';
import { configuredMediaStore } from '../media/open-media-store.ts';
import { docKey } from '../../storage/search.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/wxr');
const AR = join(FIXTURES, 'newsroom-ar.xml');
const SHARED = join(SHARED_DIR, 'data');

describe('importing a WordPress export (WXR)', () => {
  let rt: TestRuntime;
  const clock = fixedClock('2025-01-01T00:00:00Z');
  beforeEach(async () => (rt = await testRuntime({ clock })));
  afterEach(() => rt.close());

  const deps = () => ({
    repos: rt.repos, articles: rt.articles, clock, secret: rt.secret,
    media: new MediaService({ repos: rt.repos, clock, store: configuredMediaStore(rt.config), maxBytes: 10 * 1024 * 1024 }),
  });
  const run = (file = AR, opts: WxrImportOptions = {}) => importWxr(file, deps(), opts);
  const db = () => rt.repos.db.kysely;
  const wpId = (kind: Parameters<TestRuntime['repos']['wordpressIds']['find']>[1], id: number) => rt.repos.wordpressIds.find('ar', kind, id);
  const count = async (table: 'articles' | 'comments' | 'users' | 'categories' | 'tags' | 'media' | 'wordpress_ids') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => ({
    articles: await count('articles'), comments: await count('comments'), users: await count('users'), categories: await count('categories'),
    tags: await count('tags'), media: await count('media'), ids: await count('wordpress_ids'),
  });

  it('brings posts and pages over with decoded Arabic slugs, the source dates, excerpt, sticky and the parent page', async () => {
    const r = await run();
    assert.deepEqual([r.counts.post, r.counts.page], [{ imported: 6, updated: 0, skipped: 0 }, { imported: 2, updated: 0, skipped: 0 }]);
    const a = (await rt.repos.articles.findById((await wpId('post', 101))!))!;
    assert.equal(a.slug, 'افتتاح-جسر');
    assert.equal(a.status, 'published');
    assert.equal(a.publishedAt, '2022-02-25T15:50:00.000Z');
    assert.equal(a.updatedAt, '2022-03-01T09:00:00.000Z', 'the modified time is the source’s, not the import’s');
    assert.equal(a.createdAt, '2022-02-25T15:50:00.000Z');
    assert.equal(a.excerpt, 'جسر يختصر الرحلة');
    assert.match(a.bodyHtml, /افتتحت البلدية جسراً جديداً/);
    assert.deepEqual(a.authors.map((x) => x.name), ['سلمى الحسن']);
    assert.deepEqual(a.categories.map((c) => c.slug), ['بنوك']);
    assert.deepEqual(a.tags.map((t) => t.slug).sort(), ['النفط', 'طرق']);
    const row = await db().selectFrom('articles').select(['sticky', 'parent_id']).where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(row.sticky, 1);
    const child = await db().selectFrom('articles').select(['kind', 'slug', 'parent_id', 'comment_status']).where('id', '=', (await wpId('page', 201))!).executeTakeFirstOrThrow();
    assert.deepEqual(child, { kind: 'page', slug: 'الفريق', parent_id: await wpId('page', 200), comment_status: 'closed' });
  });

  it('maps statuses to the workflow: private and password-protected never public, future scheduled, drafts and pending kept', async () => {
    const r = await run();
    const status = async (id: number) => (await rt.repos.articles.locate((await wpId('post', id))!))?.status;
    assert.equal(await status(102), 'draft');
    assert.equal(await status(103), 'draft');
    assert.equal(await status(104), 'draft');
    assert.equal(await status(105), 'pending');
    assert.equal(await status(106), 'scheduled');
    assert.ok(r.notes.some((n) => n.wpId === 102 && /private/.test(n.note)));
    assert.ok(r.notes.some((n) => n.wpId === 103 && /password-protected/.test(n.note)), 'each password-protected post is named');
  });

  it('makes authors byline accounts that cannot sign in, linked to their articles and their own comments', async () => {
    const r = await run();
    assert.deepEqual(r.counts.author, { imported: 2, updated: 0, skipped: 0 });
    const salma = (await wpId('user', 7))!;
    const account = await rt.repos.accounts.byEmail('salma@alwaha.example');
    assert.equal(account?.id, salma);
    assert.equal(account?.passwordHash, null);
    assert.equal((await rt.repos.users.profile(salma))?.active, false);
    const own = await db().selectFrom('comments').select('user_id').where('id', '=', (await wpId('comment', 503))!).executeTakeFirstOrThrow();
    assert.equal(own.user_id, salma);
  });

  it('keeps sections with their hierarchy and tags with their slugs and descriptions; other taxonomies are named as skipped', async () => {
    const r = await run();
    const economy = await db().selectFrom('categories').selectAll().where('id', '=', (await wpId('category', 3))!).executeTakeFirstOrThrow();
    assert.deepEqual([economy.slug, economy.name, economy.description, economy.parent_id], ['اقتصاد', 'اقتصاد', 'أخبار المال والأعمال', null]);
    const banks = await db().selectFrom('categories').select(['slug', 'parent_id']).where('id', '=', (await wpId('category', 4))!).executeTakeFirstOrThrow();
    assert.deepEqual(banks, { slug: 'بنوك', parent_id: economy.id });
    const oil = await db().selectFrom('tags').select(['slug', 'name', 'description']).where('id', '=', (await wpId('tag', 11))!).executeTakeFirstOrThrow();
    assert.deepEqual(oil, { slug: 'النفط', name: 'النفط', description: 'أسعار النفط وإنتاجه' });
    assert.ok(r.skipped.some((s) => s.kind === 'term' && /nav_menu/.test(s.reason)));
    assert.ok(r.skipped.some((s) => s.kind === 'nav_menu_item' && s.wpId === 300));
  });

  it('brings comments of every status with their thread, dates, name, e-mail, URL and IP; pingbacks are named as skipped', async () => {
    const r = await run();
    assert.deepEqual(r.counts.comment, { imported: 5, updated: 0, skipped: 1 });
    const c = async (id: number) => rt.repos.comments.find((await wpId('comment', id))!);
    const first = (await c(501))!;
    assert.deepEqual([first.status, first.authorName, first.authorEmail, first.authorUrl, first.ip, first.createdAt, first.body],
      ['approved', 'قارئ', 'reader@example.org', 'https://reader.example', '192.0.2.10', '2022-02-25T17:00:00.000Z', 'خبر سار للمدينة']);
    assert.equal((await c(503))!.parentId, first.id);
    assert.deepEqual([(await c(502))!.status, (await c(504))!.status, (await c(505))!.status], ['pending', 'spam', 'trash']);
    // The e-mail stays private: the public shape carries its keyed hash only.
    const shown = await rt.repos.comments.approvedFor(first.articleId);
    assert.ok(shown.every((x) => !('authorEmail' in x)));
    assert.ok(r.skipped.some((s) => s.kind === 'comment' && s.wpId === 506 && /pingback/.test(s.reason)));
  });

  it('keeps featured images with their alt text and caption; without --uploads images keep their old addresses and are counted', async () => {
    const r = await run();
    const a = (await rt.repos.articles.findById((await wpId('post', 101))!))!;
    assert.equal(a.featuredImageUrl, 'https://alwaha.example/wp-content/uploads/2022/02/bridge.png');
    assert.equal(a.featuredImageAlt, 'جسر معلق فوق النهر');
    assert.equal(a.featuredImageCaption, 'الجسر الجديد عند الغروب');
    assert.deepEqual(a.featuredImageFocus, { x: 30, y: 70 }, 'a Khabar export’s focal point (_khabar_focal_point)');
    assert.equal(r.externalImages, 2, 'the body image and the featured image');
    assert.deepEqual(r.counts.attachment, { imported: 0, updated: 0, skipped: 0 });
    assert.equal(r.attachmentsLeft, 1);
  });

  it('with --uploads puts the images into the media library with variants, and articles point at them', async () => {
    const uploads = scratchDir('khabar-uploads-');
    mkdirSync(join(uploads, '2022/02'), { recursive: true });
    writeFileSync(join(uploads, '2022/02/bridge.png'), await sharp({ create: { width: 640, height: 400, channels: 3, background: '#3a7' } }).png().toBuffer());
    const r = await run(AR, { uploads });
    assert.deepEqual(r.counts.attachment, { imported: 1, updated: 0, skipped: 0 });
    const mediaId = (await wpId('attachment', 50))!;
    const m = (await rt.repos.media.byId(mediaId))!;
    assert.equal(m.alt, 'جسر معلق فوق النهر');
    assert.ok(m.variants.length > 1);
    const a = (await rt.repos.articles.findById((await wpId('post', 101))!))!;
    assert.match(a.featuredImageUrl!, new RegExp(m.name));
    // The body's sized copy (bridge-300x200.png) is handed to the body converter as the same image
    // (ctx.mediaUrl); an image the converter leaves at the old address is counted.
    assert.equal(r.externalImages, a.bodyHtml.includes('alwaha.example/wp-content') ? 1 : 0);
    await run(AR, { uploads });
    assert.equal(await count('media'), 1, 'a re-run makes no second copy');
  });

  it('keeps the old permalink structure for the edition (detected from the links, or as given)', async () => {
    const r = await run();
    assert.deepEqual(r.permalinks, { structure: '/%year%/%monthnum%/%day%/%postname%/', detected: true });
    assert.equal(await rt.repos.settings.get(permalinksSettingKey('ar')), '/%year%/%monthnum%/%day%/%postname%/');
    await run(AR, { permalinks: '/%postname%/' });
    assert.equal(await rt.repos.settings.get(permalinksSettingKey('ar')), '/%postname%/');
    await assert.rejects(run(AR, { permalinks: 'postname' }), /not a WordPress permalink structure/);
    await assert.rejects(run(AR, { uploads: join(FIXTURES, 'no-such-folder') }), /is not a folder/);
    await assert.rejects(run(AR, { edition: 'fr' }), /unknown edition "fr" \(known: ar, en\)/);
  });

  it('is re-runnable: the same file again updates and duplicates nothing', async () => {
    await run();
    const before = await snapshot();
    const r = await run();
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual([r.counts.post, r.counts.comment.updated, r.counts.author.updated, r.counts.category.updated], [{ imported: 0, updated: 6, skipped: 0 }, 5, 2, 2]);
  });

  it('keeps the old address answering when a re-import changes a published post’s slug', async () => {
    await run();
    const id = (await wpId('post', 101))!;
    const dir = scratchDir('khabar-wxr-');
    const { readFileSync } = await import('node:fs');
    const changed = readFileSync(AR, 'utf8').replace('<wp:post_name><![CDATA[%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad-%d8%ac%d8%b3%d8%b1]]>', '<wp:post_name><![CDATA[new-bridge]]>');
    writeFileSync(join(dir, 'changed.xml'), changed);
    await run(join(dir, 'changed.xml'));
    assert.equal((await rt.repos.articles.findById(id))?.slug, 'new-bridge');
    const moved = await rt.articles.formerAddress('ar', 'افتتاح-جسر', () => true);
    assert.equal(moved?.kind === 'moved' && moved.to.id, id);
  });

  it('completes an import stopped after a batch when run again', async () => {
    await assert.rejects(run(AR, { batchSize: 2, afterBatch: (n) => { if (n === 2) throw new Error('killed'); } }), /killed/);
    const half = await count('articles');
    assert.ok(half > 0 && half < 8, `${half} articles after the stop`);
    const r = await run(AR, { batchSize: 2 });
    assert.equal(await count('articles'), 8);
    assert.equal(r.counts.post.imported + r.counts.post.updated, 6);
    const again = await snapshot();
    await run();
    assert.deepEqual(await snapshot(), again);
  });

  it('writes nothing on a dry run and reports the same as the real run', async () => {
    const empty = await snapshot();
    const dry = await run(AR, { dryRun: true });
    assert.deepEqual(await snapshot(), empty);
    assert.equal(await rt.repos.settings.get(permalinksSettingKey('ar')), null);
    const real = await run();
    assert.deepEqual({ ...dry, dryRun: false }, real);
  });

  it('prepares the posts on a worker thread (a big file’s way) with the same outcome as on the importer’s own', async () => {
    const outcome = async (inWorker: boolean) => {
      const report = await run(AR, { inWorker });
      const articles = await db().selectFrom('articles').select(['id', 'slug', 'title', 'excerpt', 'body_html', 'body_text', 'status', 'published_at']).orderBy('id').execute();
      const comments = await db().selectFrom('comments').select(['id', 'article_id', 'parent_id', 'body', 'author_name', 'status']).orderBy('id').execute();
      const keys = articles.map((a) => ({ id: a.id, docKey: docKey(a.published_at ?? '1970-01-01T00:00:00Z', a.id), publishedAt: a.published_at ?? '' }));
      const search = [...await rt.repos.search.withTokens(keys, 'whole'), ...await rt.repos.search.withTokens(keys, 'lead')];
      return { report, articles, comments, search };
    };
    const here = await outcome(false);
    await rt.close();
    rt = await testRuntime({ clock });
    const there = await outcome(true);
    assert.ok(here.search.length > 0);
    assert.deepEqual(there, here);
  });

  it('stops with the second pass’s error when the file changed after it was checked, on either thread', async () => {
    for (const inWorker of [false, true]) {
      const file = join(scratchDir('khabar-wxr-'), 'changed.xml');
      writeFileSync(file, readFileSync(AR));
      // Progress is first reported after the attachments, before the posts are read again.
      let cut = false;
      const onProgress = () => {
        if (!cut) writeFileSync(file, readFileSync(AR, 'utf8').replace('<wp:post_id>101</wp:post_id>', '<wp:post_id>101</wp:post'));
        cut = true;
      };
      await assert.rejects(run(file, { inWorker, onProgress }), (e: Error) => e instanceof WxrError && /line \d+/.test(e.message), `inWorker: ${inWorker}`);
    }
  });

  it('refuses a file that is not well-formed, naming line and column, and writes nothing', async () => {
    const empty = await snapshot();
    await assert.rejects(run(join(FIXTURES, 'malformed.xml')), (e: Error) => e instanceof WxrError && e.line === 15 && /line 15, column \d+/.test(e.message));
    assert.deepEqual(await snapshot(), empty);
  });

  it('reads WXR 1.0: authors and terms named only by the items', async () => {
    const r = await run(join(FIXTURES, 'blog-en.xml'), { edition: 'en' });
    assert.deepEqual([r.counts.post.imported, r.counts.author.imported, r.counts.category.imported, r.counts.tag.imported], [1, 1, 1, 1]);
    const a = (await rt.repos.articles.findById((await rt.repos.wordpressIds.find('en', 'post', 9))!))!;
    assert.deepEqual([a.edition, a.slug, a.authors[0]?.name, a.categories[0]?.slug, a.tags[0]?.slug], ['en', 'ferry-timetable', 'jane', 'transport', 'ferries']);
    assert.equal(r.permalinks.structure, '/%year%/%monthnum%/%postname%/');
  });

  it('keeps WordPress ids per edition: the same export into two editions makes two sets of articles', async () => {
    await run(AR, { edition: 'ar' });
    await run(AR, { edition: 'en' });
    assert.notEqual(await rt.repos.wordpressIds.find('ar', 'post', 101), await rt.repos.wordpressIds.find('en', 'post', 101));
    assert.equal(await count('articles'), 16);
  });
});

describe('importing the WordPress test exports (../shared)', () => {
  const wxr = join(SHARED, 'wxr-importer-fixtures');
  const unit = join(SHARED, 'wp-theme-unit-test');
  const skip = existsSync(wxr) && existsSync(unit) ? false : 'the shared test data (../shared/data) is not on this machine';
  let rt: TestRuntime;
  beforeEach(async () => {
    await rt?.close();
    rt = await testRuntime({ clock: fixedClock('2025-01-01T00:00:00Z') });
  });
  after(() => rt?.close());
  const run = (file: string) => importWxr(file, { repos: rt.repos, articles: rt.articles, clock: rt.clock, secret: rt.secret });
  const accounted = (r: WxrReport, kind: 'post' | 'page' | 'comment' | 'author', n: number) =>
    assert.equal(r.counts[kind].imported + r.counts[kind].updated + r.counts[kind].skipped, n, `${kind}s accounted for`);

  it('the theme unit test data: every post, page, comment, term and author accounted for', { skip }, async () => {
    const r = await run(join(unit, 'themeunittestdata.wordpress.xml'));
    accounted(r, 'post', 58);
    accounted(r, 'page', 21);
    accounted(r, 'comment', 33);
    // Every term the file declares is a section or tag now, or is named as skipped.
    const declared = (await surveyWxr(join(unit, 'themeunittestdata.wordpress.xml'))).terms;
    assert.equal(declared.length, 185);
    for (const t of declared) {
      const kind = t.taxonomy === 'category' ? 'category' : t.taxonomy === 'post_tag' ? 'tag' : null;
      const found = kind && (await rt.repos.wordpressIds.find('ar', kind, t.id!));
      assert.ok(found || r.skipped.some((s) => s.kind === 'term' && s.wpId === t.id), `term ${t.id} ${t.taxonomy}`);
    }
    assert.equal(r.skipped.filter((s) => s.kind === 'nav_menu_item').length, 70);
    assert.ok(r.counts.author.imported >= 2);
    // Spot checks, one per kind.
    const page = await rt.repos.articles.findById((await rt.repos.wordpressIds.find('ar', 'page', 2))!);
    assert.equal(page?.title, 'About The Tests');
    assert.ok(await rt.repos.wordpressIds.find('ar', 'comment', 881));
    assert.ok((await rt.repos.taxonomies.categoryBySlug('ar', 'parent-category')));
  });

  it('the block test data and every well-formed importer fixture import; the malformed ones are refused at a line', { skip }, async () => {
    await run(join(unit, '64-block-test-data.xml'));
    for (const f of ['small-export.xml', 'valid-wxr-1.0.xml', 'valid-wxr-1.1.xml', 'wxr-utf-8-challenges.xml', 'e2e-wxr-comprehensive.xml', 'namespace-edge-cases.xml']) {
      const r = await run(join(wxr, f));
      assert.ok(r.counts.post.imported + r.counts.post.updated + r.counts.post.skipped > 0, f);
    }
    for (const f of ['malformed.xml', 'malformed-simple.xml']) {
      await assert.rejects(run(join(wxr, f)), (e: Error) => e instanceof WxrError && e.line !== null, f);
    }
  });
});
