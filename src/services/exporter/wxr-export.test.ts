import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { Invalid } from '../../domain/errors.ts';
import type { ArticleInput } from '../../domain/article.ts';
import { Urls } from '../editions/urls.ts';
import { cdata, type ExportCounts, exportWxr, wordpressSlug } from './wxr-export.ts';

/** An element of the file, as far as the tests need one. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

/** The file read by a strict XML parser (namespaces on): a tree, or a thrown error naming line and column. */
export function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: '#root', attrs: {}, text: '', children: [] };
  const stack = [root];
  parser.on('opentag', (t) => {
    const n: Node = { name: t.name, attrs: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])), text: '', children: [] };
    stack.at(-1)!.children.push(n);
    stack.push(n);
  });
  parser.on('text', (t) => (stack.at(-1)!.text += t));
  parser.on('cdata', (t) => (stack.at(-1)!.text += t));
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return root.children[0]!;
}

const child = (n: Node, name: string) => n.children.find((c) => c.name === name);
const all = (n: Node, name: string) => n.children.filter((c) => c.name === name);
const text = (n: Node, name: string) => child(n, name)?.text.trim() ?? '';

const SITE = 'https://khabar.example';
const ISO = (s: string) => new Date(s).toISOString();

describe('khabar export: one edition as a WordPress WXR 1.2 file', () => {
  let rt: TestRuntime;
  let xml: string;
  let counts: ExportCounts;
  let channel: Node;
  const ids: Record<string, number> = {};

  const save = (input: Partial<ArticleInput> & { title: string }) =>
    rt.articles.save({ edition: 'ar', bodyHtml: '<p>نص</p>', publishedAt: '2024-03-01T07:00:00Z', status: 'published', commentStatus: 'open', ...input });

  before(async () => {
    rt = await testRuntime({ config: { siteUrl: SITE } });
    const { repos } = rt;
    await repos.write(async (tx) => {
      const now = ISO('2024-01-01T00:00:00Z');
      ids.sara = await repos.users.upsert(tx, { email: 'sara@newsroom.example', slug: 'sara', name: 'سارة الكاتبة', role: 'author', bio: '', passwordHash: null }, now);
      ids.ali = await repos.users.upsert(tx, { email: 'ali@newsroom.example', slug: 'علي', name: 'علي المحرر', role: 'editor', bio: '', passwordHash: null }, now);
      ids.economy = await repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'اقتصاد', name: 'اقتصاد', description: 'أخبار المال' });
      ids.sport = await repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'sport', name: 'رياضة', description: '' });
      ids.media = await repos.media.insert(tx, {
        name: 'a1b2c3d4e5f607182930-1200x800', format: 'jpeg', originalWidth: 1200, originalHeight: 800, originalBytes: 1000, width: 1200, height: 800,
        variants: [{ width: 1200, height: 800, format: 'jpg', bytes: 900 }], alt: 'ميناء جدة', caption: 'الميناء صباحاً', credit: 'واس', uploadedBy: ids.sara!, createdAt: now,
      });
    }, { invalidates: [] });
    ids.lead = await save({
      title: 'الميزانية ]]> الجديدة', slug: 'الميزانية-الجديدة', excerpt: 'ملخص ]]> الخبر', bodyHtml: '<p>قالت الوزارة إن <strong>الميزانية</strong> تنمو.</p><figure><img src="/media/a1b2c3d4e5f607182930-1200x800/800.jpg" alt="الميناء" /></figure>',
      authorSlugs: ['sara', 'علي'], categorySlugs: ['اقتصاد', 'sport'], tagNames: ['النفط', 'Budget'],
      featuredImage: { url: '/media/a1b2c3d4e5f607182930-1200x800/1200.jpg', alt: 'ميناء جدة', caption: 'الميناء', credit: 'واس', focus: { x: 30, y: 70 } },
    });
    ids.draft = await save({ title: 'مسودة', publishedAt: null, status: 'draft', authorSlugs: ['علي'] });
    ids.pending = await save({ title: 'بانتظار المراجعة', publishedAt: null, status: 'pending', authorSlugs: ['sara'], featuredImage: { url: 'https://old.example.sa/wp-content/uploads/2020/01/صورة.jpg', alt: 'صورة قديمة', caption: '', credit: '' } });
    ids.future = await save({ title: 'Coming soon', publishedAt: '2999-01-01T00:00:00Z', status: 'published', commentStatus: 'closed' });
    ids.about = await save({ title: 'من نحن', slug: 'about', kind: 'page', bodyHtml: '<p>صفحة</p>' });
    await repos.articles.setSticky(repos.db.kysely, ids.lead!, true);
    await repos.write(async (tx) => {
      const c = (articleId: number, parentId: number | null, status: 'approved' | 'pending' | 'spam' | 'trash', body: string, at: string) =>
        repos.comments.insert(tx, { articleId, parentId, status, body, authorName: 'قارئ', authorEmail: 'reader@example.org', authorUrl: '', ip: '203.0.113.7', userAgent: 'UA', createdAt: ISO(at), emailHash: 'h', bodyHash: body });
      ids.c1 = await c(ids.lead!, null, 'approved', 'تعليق أول ]]> فيه نهاية CDATA', '2024-03-01T08:00:00Z');
      ids.c2 = await c(ids.lead!, ids.c1, 'pending', 'رد على التعليق', '2024-03-01T09:00:00Z');
      ids.c3 = await c(ids.lead!, null, 'spam', 'spam spam', '2024-03-01T10:00:00Z');
      ids.c4 = await c(ids.about!, null, 'trash', 'محذوف', '2024-03-02T10:00:00Z');
      // The lead and its first comment came from WordPress; the rest did not. A WordPress
      // attachment holds the number that is Khabar's id of "Coming soon".
      await repos.wordpressIds.set(tx, 'ar', 'post', 14525, ids.lead!);
      await repos.wordpressIds.set(tx, 'ar', 'attachment', ids.future!, ids.media!);
      await repos.wordpressIds.set(tx, 'ar', 'comment', 900, ids.c1!);
      await repos.wordpressIds.set(tx, 'ar', 'category', 7, ids.economy!);
      await repos.wordpressIds.set(tx, 'ar', 'user', 3, ids.sara!);
      // The same WordPress id in another edition names something else: not this file's concern.
      await repos.wordpressIds.set(tx, 'en', 'post', 1, ids.draft!);
    }, { invalidates: [] });

    const chunks: string[] = [];
    // Pages of two rows: every list crosses a page boundary.
    counts = await exportWxr(rt.repos, new Urls(SITE), { edition: 'ar', now: new Date('2024-06-01T12:00:00Z'), pageSize: 2, write: (c) => void chunks.push(c) });
    xml = chunks.join('');
    channel = child(parseXml(xml), 'channel')!;
  });
  after(() => rt.close());

  const items = () => all(channel, 'item');
  const item = (title: string) => items().find((i) => text(i, 'title') === title)!;

  it('is well-formed WXR 1.2 with the namespaces WordPress’s importer looks for', () => {
    const rss = parseXml(xml);
    assert.equal(rss.name, 'rss');
    assert.equal(rss.attrs['xmlns:wp'], 'http://wordpress.org/export/1.2/');
    assert.equal(text(channel, 'wp:wxr_version'), '1.2');
    assert.equal(text(channel, 'wp:base_site_url'), `${SITE}/ar`);
    assert.equal(text(channel, 'language'), 'ar');
  });

  it('has every post, page, attachment, comment, term and author of the edition, and says how many', () => {
    const types = items().map((i) => text(i, 'wp:post_type'));
    assert.deepEqual({ post: types.filter((t) => t === 'post').length, page: types.filter((t) => t === 'page').length, attachment: types.filter((t) => t === 'attachment').length }, { post: 4, page: 1, attachment: 2 });
    assert.equal(items().flatMap((i) => all(i, 'wp:comment')).length, 4);
    assert.equal(all(channel, 'wp:category').length, 2);
    assert.equal(all(channel, 'wp:tag').length, 2);
    assert.equal(all(channel, 'wp:author').length, 2);
    assert.deepEqual(counts, { edition: 'ar', posts: 4, pages: 1, attachments: 2, comments: 4, categories: 2, tags: 2, authors: 2 });
  });

  it('keeps WordPress ids where they came from WordPress and gives everything else an id no other item has', () => {
    const postIds = items().map((i) => Number(text(i, 'wp:post_id')));
    assert.equal(new Set(postIds).size, postIds.length);
    assert.equal(text(item('الميزانية ]]> الجديدة'), 'wp:post_id'), '14525');
    // Khabar's own id for what did not come from WordPress…
    assert.equal(text(item('مسودة'), 'wp:post_id'), String(ids.draft));
    // …unless WordPress had that number: then above everything else (R + M + A + id).
    const maxArticle = Math.max(ids.lead!, ids.draft!, ids.pending!, ids.future!, ids.about!);
    assert.equal(text(item('Coming soon'), 'wp:post_id'), String(14525 + maxArticle + ids.media! + maxArticle + ids.future!));
    const economy = all(channel, 'wp:category').find((c) => text(c, 'wp:cat_name') === 'اقتصاد')!;
    assert.equal(text(economy, 'wp:term_id'), '7');
    const termIds = [...all(channel, 'wp:category'), ...all(channel, 'wp:tag')].map((t) => text(t, 'wp:term_id'));
    assert.equal(new Set(termIds).size, termIds.length);
    const sara = all(channel, 'wp:author').find((a) => text(a, 'wp:author_login') === 'sara')!;
    assert.equal(text(sara, 'wp:author_id'), '3');
  });

  it('writes Arabic as it is: titles, bodies, names, slugs (percent-encoded as WordPress stores them)', () => {
    const lead = item('الميزانية ]]> الجديدة');
    // The site's own images with its address in front: the file is read by another site.
    assert.equal(text(lead, 'content:encoded'), `<p>قالت الوزارة إن <strong>الميزانية</strong> تنمو.</p><figure><img src="${SITE}/media/a1b2c3d4e5f607182930-1200x800/800.jpg" alt="الميناء" loading="lazy" /></figure>`);
    assert.equal(text(lead, 'wp:post_name'), wordpressSlug('الميزانية-الجديدة'));
    assert.equal(decodeURIComponent(text(lead, 'wp:post_name')), 'الميزانية-الجديدة');
    assert.ok(xml.includes('سارة الكاتبة'));
  });

  it('splits a ]]> in CDATA so the text comes back whole', () => {
    assert.equal(cdata('a]]>b'), '<![CDATA[a]]]]><![CDATA[>b]]>');
    assert.equal(cdata('a\u0001b\uFFFEc'), '<![CDATA[abc]]>', 'characters XML forbids are dropped');
    assert.equal(text(item('الميزانية ]]> الجديدة'), 'excerpt:encoded'), 'ملخص ]]> الخبر');
    const first = all(item('الميزانية ]]> الجديدة'), 'wp:comment').find((c) => text(c, 'wp:comment_id') === '900')!;
    assert.equal(text(first, 'wp:comment_content'), 'تعليق أول ]]> فيه نهاية CDATA');
  });

  it('maps statuses, dates (the edition’s clock and UTC), stickiness and comment status', () => {
    const lead = item('الميزانية ]]> الجديدة');
    assert.equal(text(lead, 'wp:status'), 'publish');
    assert.equal(text(lead, 'wp:post_date'), '2024-03-01 10:00:00');
    assert.equal(text(lead, 'wp:post_date_gmt'), '2024-03-01 07:00:00');
    assert.match(text(lead, 'wp:post_modified_gmt'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(text(lead, 'wp:is_sticky'), '1');
    assert.equal(text(item('مسودة'), 'wp:status'), 'draft');
    assert.equal(text(item('مسودة'), 'wp:post_date_gmt'), '0000-00-00 00:00:00');
    assert.equal(text(item('بانتظار المراجعة'), 'wp:status'), 'pending');
    assert.equal(text(item('Coming soon'), 'wp:status'), 'future');
    assert.equal(text(item('Coming soon'), 'wp:comment_status'), 'closed');
    assert.equal(text(item('Coming soon'), 'wp:is_sticky'), '0');
    assert.equal(text(item('من نحن'), 'wp:post_type'), 'page');
  });

  it('names the first byline as dc:creator by login: the slug, or author-<id> for a login WordPress could not take', () => {
    assert.equal(text(item('الميزانية ]]> الجديدة'), 'dc:creator'), 'sara');
    const ali = all(channel, 'wp:author').find((a) => text(a, 'wp:author_display_name') === 'علي المحرر')!;
    assert.equal(text(ali, 'wp:author_login'), `author-${text(ali, 'wp:author_id')}`);
    assert.equal(text(item('مسودة'), 'dc:creator'), text(ali, 'wp:author_login'));
  });

  it('keeps every byline, in order, in _khabar_bylines when there are several (WordPress has one author)', () => {
    const bylines = (i: Node) => all(i, 'wp:postmeta').filter((m) => text(m, 'wp:meta_key') === '_khabar_bylines').map((m) => text(m, 'wp:meta_value'));
    const ali = text(all(channel, 'wp:author').find((a) => text(a, 'wp:author_display_name') === 'علي المحرر')!, 'wp:author_login');
    assert.deepEqual(bylines(item('الميزانية ]]> الجديدة')), [`sara,${ali}`]);
    assert.deepEqual(bylines(item('مسودة')), []);
  });

  it('keeps a featured image’s focal point off the centre in _khabar_focal_point (x,y per cent)', () => {
    const focus = (i: Node) => all(i, 'wp:postmeta').filter((m) => text(m, 'wp:meta_key') === '_khabar_focal_point').map((m) => text(m, 'wp:meta_value'));
    assert.deepEqual(focus(item('الميزانية ]]> الجديدة')), ['30,70']);
    assert.deepEqual(focus(item('بانتظار المراجعة')), [], 'the centre says nothing');
  });

  it('gives no newsroom e-mail address (WordPress’s importer does not need one)', () => {
    assert.ok(!xml.includes('@newsroom.example'));
    assert.ok(!xml.includes('wp:author_email'));
  });

  it('puts categories and tags on each item by nicename', () => {
    const cats = all(item('الميزانية ]]> الجديدة'), 'category').map((c) => `${c.attrs.domain}:${decodeURIComponent(c.attrs.nicename!)}:${c.text}`);
    assert.deepEqual(cats.sort(), ['category:sport:رياضة', 'category:اقتصاد:اقتصاد', 'post_tag:budget:Budget', 'post_tag:النفط:النفط'].sort());
  });

  it('keeps comments of every status with their threads', () => {
    const thread = all(item('الميزانية ]]> الجديدة'), 'wp:comment');
    const by = (body: string) => thread.find((c) => text(c, 'wp:comment_content') === body)!;
    assert.equal(text(by('رد على التعليق'), 'wp:comment_parent'), '900');
    assert.equal(text(by('رد على التعليق'), 'wp:comment_approved'), '0');
    assert.equal(text(by('رد على التعليق'), 'wp:comment_id'), String(900 + ids.c2!));
    assert.equal(text(by('spam spam'), 'wp:comment_approved'), 'spam');
    assert.equal(text(by('تعليق أول ]]> فيه نهاية CDATA'), 'wp:comment_approved'), '1');
    assert.equal(text(by('تعليق أول ]]> فيه نهاية CDATA'), 'wp:comment_date'), '2024-03-01 11:00:00');
    assert.equal(text(by('تعليق أول ]]> فيه نهاية CDATA'), 'wp:comment_author_IP'), '203.0.113.7');
    assert.equal(text(all(item('من نحن'), 'wp:comment')[0]!, 'wp:comment_approved'), 'trash');
  });

  it('lists the media library as attachments at their public address, and featured images by _thumbnail_id', () => {
    const thumbnail = (i: Node) => text(all(i, 'wp:postmeta').find((m) => text(m, 'wp:meta_key') === '_thumbnail_id')!, 'wp:meta_value');
    const attachment = (id: string) => items().find((i) => text(i, 'wp:post_type') === 'attachment' && text(i, 'wp:post_id') === id)!;
    const library = attachment(thumbnail(item('الميزانية ]]> الجديدة')));
    assert.equal(text(library, 'wp:attachment_url'), `${SITE}/media/a1b2c3d4e5f607182930-1200x800/1200.jpg`);
    assert.equal(text(library, 'excerpt:encoded'), 'الميناء صباحاً');
    assert.equal(text(all(library, 'wp:postmeta')[0]!, 'wp:meta_value'), 'ميناء جدة');
    assert.equal(text(library, 'dc:creator'), 'sara');
    // An image outside the library: an attachment of its own, child of its article.
    const outside = attachment(thumbnail(item('بانتظار المراجعة')));
    assert.equal(text(outside, 'wp:attachment_url'), 'https://old.example.sa/wp-content/uploads/2020/01/صورة.jpg');
    assert.equal(text(outside, 'wp:post_parent'), text(item('بانتظار المراجعة'), 'wp:post_id'));
    // Every attachment comes before the post that names it: a one-pass reader never waits for one.
    const position = (i: Node) => items().indexOf(i);
    assert.ok(position(library) < position(item('الميزانية ]]> الجديدة')) && position(outside) < position(item('بانتظار المراجعة')));
  });

  it('writes while it reads: the first post is in the file before the second page of posts is read', async () => {
    const store = rt.repos.siteExport;
    const read = store.articles.bind(store);
    let pagesRead = 0;
    let pagesReadAtFirstPost: number | null = null;
    store.articles = async (...args) => {
      pagesRead++;
      return read(...args);
    };
    try {
      await exportWxr(rt.repos, new Urls(SITE), {
        edition: 'ar', now: new Date(), pageSize: 2,
        write: (chunk) => {
          if (pagesReadAtFirstPost === null && chunk.includes('<wp:post_type><![CDATA[post]]>')) pagesReadAtFirstPost = pagesRead;
        },
      });
    } finally {
      store.articles = read;
    }
    assert.equal(pagesReadAtFirstPost, 1);
    assert.ok(pagesRead >= 3, `five articles in pages of two: ${pagesRead} reads`);
  });

  it('refuses an edition that does not exist, naming the ones that do', async () => {
    await assert.rejects(exportWxr(rt.repos, new Urls(SITE), { edition: 'fr', now: new Date(), write: () => {} }), (e: unknown) => e instanceof Invalid && e.problems[0]?.code === 'unknown_edition');
  });

  it('writes the default edition when none is named', async () => {
    const c = await exportWxr(rt.repos, new Urls(SITE), { now: new Date(), write: () => {} });
    assert.equal(c.edition, 'ar');
  });
});
