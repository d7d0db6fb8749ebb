import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WPAPI from 'wpapi';
import { surrogateKey } from '../../src/domain/invalidation.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { updateEdition } from '../../src/services/editions/settings.ts';
import { SEED_LIKE_ID, writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from '../support/app.ts';
import { realSchemas, shapeProblems, type WpKind } from '../support/wp-schemas.ts';

/**
 * The WordPress REST API, read by the real `wpapi` client as apps and newsletter tools read
 * WordPress: every endpoint, parameter, header and error shape the issue names, and what must
 * never show (drafts, held comments, e-mails, newsroom members without a published article).
 */

type Wp = InstanceType<typeof WPAPI>;
type Obj = Record<string, unknown> & { id: number };

const DRAFT_ID = 501;
const SCHEDULED_ID = 502;
const PENDING_ID = 503;
const PAGE_ID = 510;
const DRAFT_PAGE_ID = 511;
/** The seed-like article came from WordPress, where it was post 9001 (the importer records this). */
const WP_POST_ID = 9001;
const MEDIA_NAME = 'abcdef0123456789abcd-1200x800';
/** Shown in the body of a published post (WordPress: attached to it), and one only a draft's body shows. */
const BODY_MEDIA = 'bbbbbb0123456789abcd-800x600';
const DRAFT_MEDIA = 'dddddd0123456789abcd-800x600';
const bodyImage = (name: string) => `<p>نص.</p><figure><img src="/media/${name}/800.jpg" alt="صورة" width="800" height="600"></figure>`;

const PRIVATE = {
  emails: ['salma@example.org', 'omar@example.org', 'ghost@example.org', 'admin@example.org', 'reader@example.org', 'held@example.org'],
  ips: ['203.0.113.7', '203.0.113.8'],
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('the WordPress REST API', () => {
  let site: TestSite;
  let origin: string;
  let wp: Wp;
  /** Every body and header this suite received, for the privacy check at the end. */
  const seen: string[] = [];
  let validate: ((kind: WpKind, o: unknown) => string[]) | null = null;

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await site.app.fastify.inject({ url, headers });
    seen.push(res.body, JSON.stringify(res.headers));
    return res;
  };
  const json = async (url: string) => {
    const res = await get(url);
    return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) as unknown };
  };
  /** A wpapi request, remembered for the privacy check. */
  const read = async <T>(p: Promise<T>): Promise<T> => {
    const out = await p;
    seen.push(JSON.stringify(out), JSON.stringify((out as { _paging?: unknown })._paging ?? null));
    return out;
  };
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      seen.push(JSON.stringify(e));
      return e as { code: string; message: string; data: { status: number; params?: Record<string, string> } };
    }
    assert.fail('expected a refusal');
  };
  /** `embed`: as WordPress embeds an object (the schemas' `embed` context); the real schemas describe the `view` one. */
  const check = (kind: WpKind, o: unknown, context: 'view' | 'embed' = 'view') => {
    assert.deepEqual(shapeProblems(kind, o as Record<string, unknown>, context), [], `${kind} has WordPress's fields and types (${context})`);
    if (validate && context === 'view') assert.deepEqual(validate(kind, o), [], `${kind} validates against wp-json-schemas`);
  };

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    site = await testSite({ clock: fixedClock('2024-05-01T09:00:00Z'), siteUrl: origin });
    await writeNewsroom(site);
    const now = site.clock.now().toISOString();
    const base = { edition: 'ar', commentStatus: 'open' as const, authorSlugs: ['salma-nour'], categorySlugs: ['economy'] };
    await site.repos.write(async (tx) => {
      // Signed in by e-mail: an administrator with no byline and a writer whose only story is a draft.
      await site.repos.users.upsert(tx, { email: 'admin@example.org', slug: 'site-admin', name: 'Site Admin', role: 'administrator', bio: '', passwordHash: 'x' }, now);
      await site.repos.users.upsert(tx, { email: 'ghost@example.org', slug: 'ghost-writer', name: 'Ghost Writer', role: 'author', bio: '', passwordHash: null }, now);
      await site.repos.media.insert(tx, {
        name: MEDIA_NAME, format: 'jpeg', originalWidth: 1200, originalHeight: 800, originalBytes: 1000, width: 1200, height: 800,
        variants: [{ width: 800, height: 533, format: 'jpg', bytes: 500 }, { width: 1200, height: 800, format: 'jpg', bytes: 900 }],
        alt: 'ميناء الرياض الجاف', caption: 'الوفد في الميناء', credit: 'خبر', uploadedBy: null, createdAt: now,
      });
      for (const [name, alt] of [[BODY_MEDIA, 'صورة في متن خبر'], [DRAFT_MEDIA, 'صورة في مسودة']] as const) {
        await site.repos.media.insert(tx, {
          name, format: 'jpeg', originalWidth: 800, originalHeight: 600, originalBytes: 500, width: 800, height: 600,
          variants: [{ width: 800, height: 600, format: 'jpg', bytes: 500 }], alt, caption: '', credit: '', uploadedBy: null, createdAt: now,
        });
      }
    }, { invalidates: [] });
    await site.articles.save({ ...base, id: DRAFT_ID, title: 'مسودة سرية عن اندماج', bodyHtml: paragraphsToHtml(['لم تنشر بعد.']) + bodyImage(DRAFT_MEDIA), publishedAt: null, status: 'draft', authorSlugs: ['ghost-writer'], tagNames: ['اندماج-سري'] });
    await site.articles.save({ ...base, id: SCHEDULED_ID, title: 'خبر مجدول للغد', bodyHtml: paragraphsToHtml(['ينشر غداً.']), publishedAt: '2030-01-01T09:00:00Z', status: 'published' });
    await site.articles.save({ ...base, id: PENDING_ID, title: 'خبر ينتظر المراجعة', bodyHtml: paragraphsToHtml(['للمراجعة.']), publishedAt: null, status: 'pending' });
    await site.articles.save({ ...base, id: PAGE_ID, kind: 'page', title: 'من نحن', slug: 'about', bodyHtml: paragraphsToHtml(['صحيفة عربية.']) + bodyImage(BODY_MEDIA), publishedAt: '2022-01-01T00:00:00Z', status: 'published', categorySlugs: [] });
    await site.articles.save({ ...base, id: DRAFT_PAGE_ID, kind: 'page', title: 'صفحة لم تنشر', slug: 'soon', bodyHtml: paragraphsToHtml(['قريباً.']), publishedAt: null, status: 'draft', categorySlugs: [] });
    // The seed-like article leads with the library image and came from WordPress.
    const seed = (await site.repos.articles.findById(SEED_LIKE_ID))!;
    await site.articles.save({
      id: SEED_LIKE_ID, edition: 'ar', title: seed.title, bodyHtml: seed.bodyHtml, publishedAt: seed.publishedAt, status: 'published', commentStatus: 'open',
      translationGroup: seed.translationGroup, authorSlugs: ['salma-nour'], categorySlugs: ['economy'], tagNames: ['طاقة', 'نقل'],
      featuredImage: { url: `/media/${MEDIA_NAME}/1200.jpg`, alt: 'ميناء الرياض الجاف', caption: '', credit: '' },
    });
    await site.repos.write(async (tx) => {
      await site.repos.wordpressIds.set(tx, 'ar', 'post', WP_POST_ID, SEED_LIKE_ID);
      const comment = (status: string, name: string, email: string, body: string, ip: string, parentId: number | null = null) =>
        site.repos.comments.insert(tx, {
          articleId: SEED_LIKE_ID, parentId, authorName: name, authorEmail: email, authorUrl: '', body, ip, userAgent: 'test',
          status: status as 'approved', createdAt: now, emailHash: `hash-${email}`, bodyHash: `${status}-${body}`,
        });
      const first = await comment('approved', 'قارئ', 'reader@example.org', 'تعليق منشور', '203.0.113.7');
      await comment('approved', 'قارئ', 'reader@example.org', 'رد منشور', '203.0.113.7', first);
      await comment('pending', 'محجوز', 'held@example.org', 'تعليق ينتظر الموافقة', '203.0.113.8');
      await comment('spam', 'مزعج', 'held@example.org', 'رسالة مزعجة', '203.0.113.8');
    }, { invalidates: ['edition:ar'] });
    await site.app.fastify.listen({ port, host: '127.0.0.1' });
    wp = new WPAPI({ endpoint: `${origin}/ar/wp-json` });
    validate = await realSchemas();
  });
  after(() => site.close());

  it('every page names its edition’s API root (WordPress’s discovery header)', async () => {
    assert.equal((await get('/ar/')).headers.link, `<${origin}/ar/wp-json/>; rel="https://api.w.org/"`);
    assert.equal((await get('/en/category/economy/')).headers.link, `<${origin}/en/wp-json/>; rel="https://api.w.org/"`);
  });

  it('the index lists the namespace and its routes; /wp-json/ is the default edition’s', async () => {
    const root = await json('/wp-json/');
    assert.equal(root.status, 200);
    const index = root.body as { name: string; namespaces: string[]; routes: Record<string, { methods: string[] }>; timezone_string: string };
    assert.deepEqual(index.namespaces, ['wp/v2']);
    assert.equal(index.timezone_string, 'Asia/Riyadh');
    for (const r of ['/wp/v2/posts', '/wp/v2/posts/(?P<id>[\\d]+)', '/wp/v2/pages', '/wp/v2/categories', '/wp/v2/tags', '/wp/v2/users', '/wp/v2/comments', '/wp/v2/media', '/wp/v2/search']) {
      assert.ok(index.routes[r], `route ${r}`);
    }
    assert.deepEqual(index.routes['/wp/v2/comments']!.methods, ['GET', 'POST']);
    const en = (await json('/en/wp-json/')).body as { name: string; timezone_string: string };
    assert.notEqual(en.name, index.name, 'each edition has its own');
    const ns = (await json('/ar/wp-json/wp/v2')).body as { namespace: string };
    assert.equal(ns.namespace, 'wp/v2');
    // Where every object's `_links.about` points.
    assert.equal(((await json('/ar/wp-json/wp/v2/types/post')).body as { rest_base: string }).rest_base, 'posts');
    assert.deepEqual(Object.keys((await json('/ar/wp-json/wp/v2/taxonomies')).body as object), ['category', 'post_tag']);
    assert.equal(((await json('/ar/wp-json/wp/v2/users/me')).body as { code: string }).code, 'rest_not_logged_in');
  });

  it('an edition with a host of its own answers at that host’s /wp-json/', async () => {
    await updateEdition(site.repos, 'en', [['host', 'en.news.test']]);
    try {
      const res = await get('/wp-json/wp/v2/posts', { host: 'en.news.test' });
      const posts = JSON.parse(res.body) as Obj[];
      assert.deepEqual(posts.map((p) => p.id), [2]);
      assert.equal((await get('/en/wp-json/wp/v2/posts', { host: 'en.news.test' })).statusCode, 404, 'no edition prefix on a host of its own');
    } finally {
      await updateEdition(site.repos, 'en', [['host', '']]);
    }
  });

  it('lists published posts only, newest first, with WordPress’s fields', async () => {
    const posts = await read(wp.posts().get()) as Obj[];
    assert.deepEqual(posts.map((p) => p.id), [4, 3, WP_POST_ID]);
    for (const p of posts) check('post', p);
    const seed = posts.find((p) => p.id === WP_POST_ID)!;
    assert.equal(seed.date, '2022-02-25T18:50:00', 'the edition’s wall-clock time');
    assert.equal(seed.date_gmt, '2022-02-25T15:50:00');
    assert.equal(seed.status, 'publish');
    assert.match(String(seed.link), new RegExp(`^${origin}/ar/2022/02/25/`));
    assert.ok(typeof seed.featured_media === 'number' && seed.featured_media > 0);
  });

  it('pages with X-WP-Total, X-WP-TotalPages and Link next/prev (wpapi follows them)', async () => {
    const first = await read(wp.posts().perPage(2).get()) as Obj[] & { _paging: { total: number; totalPages: number; next?: { get(): Promise<Obj[]> }; links: Record<string, string> } };
    assert.equal(first.length, 2);
    assert.equal(first._paging.total, 3);
    assert.equal(first._paging.totalPages, 2);
    const second = await read(first._paging.next!.get()) as Obj[] & { _paging: { links: Record<string, string> } };
    assert.deepEqual(second.map((p) => p.id), [WP_POST_ID]);
    assert.match(second._paging.links.prev!, /page=1/);
    assert.equal(second._paging.links.next, undefined);
    const raw = await get('/ar/wp-json/wp/v2/posts?per_page=1&page=2');
    assert.equal(raw.headers['x-wp-total'], '3');
    assert.equal(raw.headers['x-wp-totalpages'], '3');
    assert.match(String(raw.headers.link), /rel="prev".*rel="next"/);
    const busted = await get('/ar/wp-json/wp/v2/posts?per_page=1&_=12345');
    assert.equal(busted.headers.link, `<${origin}/ar/wp-json/wp/v2/posts?per_page=1&page=2>; rel="next"`, 'unknown parameters are not carried into the links');
  });

  it('filters: search, slug, categories, tags, author, after/before, include/exclude, orderby/order', async () => {
    const ids = async (req: { get(): Promise<unknown> }) => ((await read(req.get())) as Obj[]).map((p) => p.id);
    assert.deepEqual(await ids(wp.posts().search('مذنب')), [4]);
    const seed = (await read(wp.posts().id(WP_POST_ID).get())) as { slug: string; categories: number[]; tags: number[]; author: number };
    assert.deepEqual(await ids(wp.posts().slug(seed.slug)), [WP_POST_ID]);
    const economy = seed.categories[0]!;
    assert.deepEqual(await ids(wp.posts().categories([economy])), [3, WP_POST_ID]);
    assert.deepEqual(await ids(wp.posts().tags([seed.tags[0]!])), [3, WP_POST_ID], 'both carry طاقة');
    assert.deepEqual(await ids(wp.posts().author(seed.author)), [3, WP_POST_ID]);
    assert.deepEqual(await ids(wp.posts().after('2022-02-28T00:00:00Z')), [4, 3]);
    assert.deepEqual(await ids(wp.posts().before('2022-02-28T00:00:00Z')), [WP_POST_ID]);
    assert.deepEqual(await ids(wp.posts().include([3, WP_POST_ID])), [3, WP_POST_ID]);
    // wpapi sorts its query string, so the order of `include` is sent by hand.
    const byInclude = (await json(`/ar/wp-json/wp/v2/posts?include=${WP_POST_ID},4&orderby=include`)).body as Obj[];
    assert.deepEqual(byInclude.map((p) => p.id), [WP_POST_ID, 4]);
    assert.deepEqual(await ids(wp.posts().exclude([4])), [3, WP_POST_ID]);
    assert.deepEqual(await ids(wp.posts().param('categories_exclude', [economy])), [4]);
    assert.deepEqual(await ids(wp.posts().param('tags_exclude', [seed.tags[0]!])), [4]);
    assert.deepEqual(await ids(wp.posts().orderby('date').order('asc')), [WP_POST_ID, 3, 4]);
    assert.deepEqual(await ids(wp.posts().orderby('id').order('desc')), [SEED_LIKE_ID, 4, 3].map((id) => (id === SEED_LIKE_ID ? WP_POST_ID : id)));
  });

  it('an imported post is shown and found by its WordPress id, and still by its Khabar id', async () => {
    const byWp = await read(wp.posts().id(WP_POST_ID).get()) as Obj;
    const byKhabar = await read(wp.posts().id(SEED_LIKE_ID).get()) as Obj;
    assert.equal(byWp.id, WP_POST_ID);
    assert.equal(byKhabar.id, WP_POST_ID);
  });

  it('_embed brings the author, sections and tags, lead image and approved replies, each as WordPress embeds it', async () => {
    const [post] = await read(wp.posts().include([WP_POST_ID]).embed().get()) as (Obj & { _embedded: Record<string, unknown[]> })[];
    check('post', post);
    const e = post!._embedded;
    assert.equal((e.author![0] as { slug: string }).slug, 'salma-nour');
    check('user', e.author![0], 'embed');
    const [cats, tags] = e['wp:term'] as Obj[][];
    assert.deepEqual(cats!.map((c) => c.slug), ['economy']);
    assert.deepEqual(tags!.map((t) => t.slug).sort(), ['طاقة', 'نقل'].sort());
    cats!.forEach((c) => check('category', c, 'embed'));
    assert.ok(!('count' in cats![0]!), 'a count is not embedded');
    const media = e['wp:featuredmedia']![0] as Obj;
    check('attachment', media, 'embed');
    assert.equal(media.alt_text, 'ميناء الرياض الجاف');
    const replies = (e.replies as Obj[][])[0]!;
    assert.deepEqual(replies.map((c) => (c.content as { rendered: string }).rendered).sort(), ['<p>تعليق منشور</p>\n', '<p>رد منشور</p>\n'].sort());
    replies.forEach((c) => check('comment', c, 'embed'));
  });

  it('_embed on comments brings their post (up) and the comment they answer (in-reply-to); on search results, the post', async () => {
    const comments = await read(wp.comments().post(WP_POST_ID).embed().get()) as (Obj & { parent: number; _embedded: Record<string, Obj[]> })[];
    assert.equal(comments.length, 2);
    for (const c of comments) {
      check('comment', c);
      const [up] = c._embedded.up!;
      assert.equal(up!.id, WP_POST_ID);
      check('post', up, 'embed');
      assert.ok(!('author' in c._embedded), 'a reader’s comment has no user to embed (author 0)');
    }
    const reply = comments.find((c) => c.parent !== 0)!;
    const [answered] = reply._embedded['in-reply-to']!;
    assert.equal(answered!.id, reply.parent);
    check('comment', answered, 'embed');
    assert.equal(comments.find((c) => c.parent === 0)!._embedded['in-reply-to'], undefined);
    const results = await read(wp.search().search('الطاقة').embed().get()) as (Obj & { _embedded: { self: Obj[] } })[];
    for (const r of results) {
      assert.equal(r._embedded.self[0]!.id, r.id);
      check('post', r._embedded.self[0], 'embed');
    }
  });

  it('context=embed shows each object as WordPress’s embed context does', async () => {
    const kinds: [string, WpKind][] = [['posts', 'post'], ['pages', 'page'], ['categories', 'category'], ['tags', 'tag'], ['users', 'user'], ['comments', 'comment'], ['media', 'attachment']];
    for (const [path, kind] of kinds) {
      const items = (await json(`/ar/wp-json/wp/v2/${path}?context=embed`)).body as Obj[];
      assert.ok(items.length > 0, path);
      items.forEach((o) => check(kind, o, 'embed'));
    }
    const one = (await json(`/ar/wp-json/wp/v2/posts/${WP_POST_ID}?context=embed`)).body as Obj;
    check('post', one, 'embed');
    assert.ok(!('content' in one) && !('categories' in one));
    assert.equal(((await json('/ar/wp-json/wp/v2/posts?context=nonsense')).body as { code: string }).code, 'rest_invalid_param');
  });

  it('_fields keeps only the fields asked for', async () => {
    const posts = await read(wp.posts().param('_fields', 'id,title.rendered,link').get()) as Obj[];
    for (const p of posts) assert.deepEqual(Object.keys(p).sort(), ['id', 'link', 'title']);
    assert.deepEqual(Object.keys(posts[0]!.title as object), ['rendered']);
  });

  it('pages: published ones only', async () => {
    const pages = await read(wp.pages().get()) as Obj[];
    assert.deepEqual(pages.map((p) => p.id), [PAGE_ID]);
    check('page', pages[0]);
    assert.equal(pages[0]!.link, `${origin}/ar/about/`);
    const one = await read(wp.pages().id(PAGE_ID).get()) as Obj;
    assert.equal(one.slug, 'about');
    assert.equal((await refusal(wp.pages().id(DRAFT_PAGE_ID).get())).code, 'rest_post_invalid_id');
    assert.equal((await refusal(wp.pages().id(4).get())).code, 'rest_post_invalid_id', 'a post is not a page');
  });

  it('categories and tags, with published counts; a tag only a draft carries is not shown', async () => {
    const cats = await read(wp.categories().get()) as Obj[];
    // By name (اقتصاد, علوم); the draft, scheduled and pending stories in اقتصاد are not counted.
    assert.deepEqual(cats.map((c) => [c.slug, c.count]), [['economy', 2], ['science', 1]]);
    cats.forEach((c) => check('category', c));
    const tags = await read(wp.tags().perPage(100).get()) as Obj[];
    assert.ok(!tags.some((t) => t.slug === 'اندماج-سري'), 'a draft’s tag is not listed');
    tags.forEach((t) => check('tag', t));
    const one = await read(wp.categories().id(cats[0]!.id).get()) as Obj;
    assert.equal(one.id, cats[0]!.id);
    const ofPost = await read(wp.tags().param('post', WP_POST_ID).get()) as Obj[];
    assert.deepEqual(ofPost.map((t) => t.slug).sort(), ['طاقة', 'نقل'].sort());
    assert.equal((await refusal(wp.tags().id(99999).get())).code, 'rest_term_invalid');
  });

  it('users: only people with a published article in the edition, public fields only', async () => {
    const users = await read(wp.users().get()) as Obj[];
    assert.deepEqual(users.map((u) => u.slug).sort(), ['omar-farid', 'salma-nour']);
    for (const u of users) {
      check('user', u);
      for (const f of ['email', 'username', 'roles', 'capabilities', 'registered_date', 'locale']) assert.ok(!(f in u), `no ${f}`);
    }
    const ghost = await read(wp.users().param('slug', 'ghost-writer').get()) as Obj[];
    assert.deepEqual(ghost, [], 'a draft alone makes no byline');
    assert.equal((await refusal(wp.users().param('roles', 'administrator').get())).code, 'rest_invalid_param');
  });

  it('comments: approved ones on published posts only, filtered by post and parent', async () => {
    const comments = await read(wp.comments().get()) as Obj[];
    assert.equal(comments.length, 2);
    comments.forEach((c) => check('comment', c));
    for (const c of comments) {
      assert.equal(c.status, 'approved');
      assert.equal(c.post, WP_POST_ID);
      assert.ok(!('author_email' in c) && !('author_ip' in c));
    }
    assert.equal((await read(wp.comments().post(WP_POST_ID).get()) as Obj[]).length, 2);
    assert.equal((await read(wp.comments().post(3).get()) as Obj[]).length, 0);
    const top = await read(wp.comments().param('parent', 0).get()) as Obj[];
    assert.equal(top.length, 1);
    const replies = await read(wp.comments().param('parent', top[0]!.id).get()) as Obj[];
    assert.equal(replies.length, 1);
    assert.equal(replies[0]!.parent, top[0]!.id);
    assert.equal((await refusal(wp.comments().param('status', 'hold').get())).code, 'rest_invalid_param');
  });

  it('media: the library images published posts and pages show (lead or body), each with its post; never one only a draft shows', async () => {
    const media = await read(wp.media().get()) as Obj[];
    media.forEach((m) => check('attachment', m));
    assert.deepEqual(media.map((m) => m.slug).sort(), [MEDIA_NAME, BODY_MEDIA].sort());
    const lead = media.find((m) => m.slug === MEDIA_NAME)!;
    assert.equal(lead.post, WP_POST_ID);
    assert.equal(lead.source_url, `${origin}/media/${MEDIA_NAME}/1200.jpg`);
    assert.equal(lead.mime_type, 'image/jpeg');
    assert.equal(media.find((m) => m.slug === BODY_MEDIA)!.post, PAGE_ID, 'attached to the page whose body shows it');
    const one = await read(wp.media().id(lead.id).get()) as Obj;
    assert.equal(one.id, lead.id);
    assert.deepEqual((await read(wp.media().param('parent', PAGE_ID).get()) as Obj[]).map((m) => m.slug), [BODY_MEDIA]);
    const draftOnly = await site.repos.db.kysely.selectFrom('media').select('id').where('name', '=', DRAFT_MEDIA).executeTakeFirstOrThrow();
    assert.equal((await json(`/ar/wp-json/wp/v2/media/${draftOnly.id}`)).status, 404, 'an image only a draft shows is not found');
    assert.ok(!JSON.stringify((await json('/ar/wp-json/wp/v2/media?per_page=100&search=%D8%B5%D9%88%D8%B1%D8%A9')).body).includes(DRAFT_MEDIA));
  });

  it('search: the site’s Arabic-aware search, as WordPress’s search results', async () => {
    const results = await read(wp.search().search('الطاقة').get()) as Obj[];
    assert.ok(results.length >= 1);
    results.forEach((r) => check('search-result', r));
    assert.ok(results.some((r) => r.id === 3));
    assert.ok(!results.some((r) => [DRAFT_ID, SCHEDULED_ID, PENDING_ID].includes(r.id)));
  });

  it('errors take WordPress’s shape and codes, in the edition’s language', async () => {
    const tooMany = await refusal(wp.posts().perPage(101).get());
    assert.equal(tooMany.code, 'rest_invalid_param');
    assert.equal(tooMany.data.status, 400);
    assert.ok(tooMany.data.params?.per_page, 'names the parameter');
    assert.match(tooMany.message, /[\u0600-\u06FF]/, 'Arabic on the Arabic edition');
    check('error', tooMany);
    const missing = await refusal(wp.posts().id(DRAFT_ID).get());
    assert.deepEqual([missing.code, missing.data.status], ['rest_post_invalid_id', 404]);
    const noRoute = await json('/en/wp-json/wp/v2/nothing');
    assert.equal(noRoute.status, 404);
    assert.equal((noRoute.body as { code: string }).code, 'rest_no_route');
    assert.match((noRoute.body as { message: string }).message, /^No route/);
    const beyond = await json('/ar/wp-json/wp/v2/posts?page=9');
    assert.equal((beyond.body as { code: string }).code, 'rest_post_invalid_page_number');
    const badDate = await json('/ar/wp-json/wp/v2/posts?after=yesterday');
    assert.deepEqual(Object.keys((badDate.body as { data: { params: object } }).data.params), ['after']);
    assert.equal((await json('/ar/wp-json/wp/v2/posts?context=edit')).status, 401);
    const del = await site.app.fastify.inject({ method: 'DELETE', url: `/ar/wp-json/wp/v2/posts/${WP_POST_ID}` });
    assert.deepEqual([del.statusCode, JSON.parse(del.body).code], [404, 'rest_no_route'], 'nothing is deleted through the API');
    const preflight = await site.app.fastify.inject({ method: 'OPTIONS', url: '/ar/wp-json/wp/v2/comments' });
    assert.equal(preflight.statusCode, 204);
    assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
    assert.equal((await json('/ar/wp-json/wp/v2/posts?status=draft')).status, 400);
  });

  it('searches, answered afresh each time, are limited per address; kept answers are not', async () => {
    const from = (url: string) => site.app.fastify.inject({ url, remoteAddress: '192.0.2.50' });
    for (let i = 0; i < 120; i++) assert.equal((await from(`/ar/wp-json/wp/v2/posts?search=x${i}`)).statusCode, 200);
    const limited = await from('/ar/wp-json/wp/v2/search?search=y');
    assert.equal(limited.statusCode, 429);
    assert.equal(JSON.parse(limited.body).code, 'rest_too_many_requests');
    assert.equal((await from('/ar/wp-json/wp/v2/posts')).statusCode, 200);
  });

  it('drafts, scheduled, pending and private content are never listed or found', async () => {
    for (const id of [DRAFT_ID, SCHEDULED_ID, PENDING_ID]) {
      assert.equal((await json(`/ar/wp-json/wp/v2/posts/${id}`)).status, 404, `post ${id}`);
      assert.deepEqual((await json(`/ar/wp-json/wp/v2/posts?include=${id}`)).body, [], `post ${id} in a list`);
    }
    const everything = JSON.stringify([
      (await json('/ar/wp-json/wp/v2/posts?per_page=100')).body,
      (await json('/ar/wp-json/wp/v2/pages?per_page=100')).body,
      (await json('/ar/wp-json/wp/v2/comments?per_page=100')).body,
      (await json('/ar/wp-json/wp/v2/search?search=%D8%AE%D8%A8%D8%B1')).body,
    ]);
    for (const text of ['مسودة سرية', 'خبر مجدول', 'ينتظر المراجعة', 'صفحة لم تنشر', 'تعليق ينتظر الموافقة', 'رسالة مزعجة']) {
      assert.ok(!everything.includes(text), `«${text}» is not shown`);
    }
  });

  it('comments through the API: refused as WordPress does unless the edition turns them on', async () => {
    const post = (body: Record<string, unknown>, ip = '198.51.100.1') =>
      site.app.fastify.inject({ method: 'POST', url: '/ar/wp-json/wp/v2/comments', payload: body, remoteAddress: ip });
    const off = await post({ post: WP_POST_ID, author_name: 'زائر', author_email: 'visitor@example.org', content: 'مرحباً' });
    assert.equal(off.statusCode, 401);
    assert.equal(JSON.parse(off.body).code, 'rest_comment_login_required');

    await updateEdition(site.repos, 'ar', [['wp-api-comments', 'true']]);
    try {
      const made = await post({ post: WP_POST_ID, author_name: 'زائر', author_email: 'visitor@example.org', content: 'تعليق عبر الواجهة' });
      assert.equal(made.statusCode, 201);
      const c = JSON.parse(made.body) as Obj;
      assert.equal(c.status, 'hold', 'a first comment waits for a moderator, as from the form');
      assert.equal(c.post, WP_POST_ID);
      assert.ok(!made.body.includes('visitor@example.org'));
      const listed = await read(wp.comments().post(WP_POST_ID).get()) as Obj[];
      assert.ok(!listed.some((x) => x.id === c.id), 'a held comment is not listed');

      const again = await post({ post: WP_POST_ID, author_name: 'زائر', author_email: 'visitor@example.org', content: 'تعليق عبر الواجهة' }, '198.51.100.2');
      assert.equal(JSON.parse(again.body).code, 'comment_flood', 'the same commenter within the flood interval');
      const empty = await post({ post: WP_POST_ID, author_name: 'زائر', author_email: 'other@example.org', content: '' }, '198.51.100.3');
      assert.deepEqual([empty.statusCode, JSON.parse(empty.body).code], [400, 'rest_comment_content_invalid']);
      const typeless = await post({ post: { id: 1 }, author_name: 'زائر', author_email: 'other@example.org', content: 'نص' }, '198.51.100.5');
      assert.deepEqual([typeless.statusCode, JSON.parse(typeless.body).code, Object.keys(JSON.parse(typeless.body).data.params)], [400, 'rest_invalid_param', ['post']]);
      const draft = await post({ post: DRAFT_ID, author_name: 'زائر', author_email: 'other@example.org', content: 'نص' }, '198.51.100.4');
      assert.deepEqual([draft.statusCode, JSON.parse(draft.body).code], [403, 'rest_comment_invalid_post_id']);
    } finally {
      await updateEdition(site.repos, 'ar', [['wp-api-comments', 'false']]);
    }
  });

  it('answers are kept per content version: a publish is seen at once', async () => {
    const before = await get('/ar/wp-json/wp/v2/posts?per_page=1');
    const again = await get('/ar/wp-json/wp/v2/posts?per_page=1', { 'if-none-match': String(before.headers.etag) });
    assert.equal(again.statusCode, 304);
    await site.articles.save({ edition: 'ar', title: 'خبر عاجل جديد', bodyHtml: paragraphsToHtml(['نص.']), publishedAt: '2024-04-30T09:00:00Z', status: 'published', commentStatus: 'open', authorSlugs: ['salma-nour'] });
    const after = await get('/ar/wp-json/wp/v2/posts?per_page=1');
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.equal((JSON.parse(after.body) as { title: { rendered: string } }[])[0]!.title.rendered, 'خبر عاجل جديد');
  });

  it('no response carries an e-mail address, a sign-in name or a commenter’s address', async () => {
    // Every answer above, plus each endpoint with everything embedded, in both editions.
    for (const e of ['ar', 'en']) {
      for (const path of ['posts', 'pages', 'categories', 'tags', 'users', 'comments', 'media', 'search']) {
        await get(`/${e}/wp-json/wp/v2/${path}?per_page=100&_embed=1`);
      }
      await get(`/${e}/wp-json/`);
    }
    const all = seen.join('\n');
    assert.ok(seen.length > 50);
    for (const secret of [...PRIVATE.emails, ...PRIVATE.ips, 'visitor@example.org', 'hash-reader']) assert.ok(!all.includes(secret), `${secret} is never shown`);
    assert.ok(!/[\w.+-]+@[\w-]+\.[\w.]+/.test(all.replace(/https?:\/\/\S+/g, '')), 'no e-mail address at all');
  });

  it('a CDN keeps answers as it keeps pages, tagged with what they show; a write purges exactly the answers it changes', async () => {
    const keysOf = (res: { headers: Record<string, unknown> }) => String(res.headers['surrogate-key'] ?? '').split(' ').filter(Boolean).sort();
    const idOf = async (table: 'categories' | 'users', slug: string) => Number((await site.repos.db.kysely.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
    const economy = await idOf('categories', 'economy');
    const salma = await idOf('users', 'salma-nour');
    const posts = await get('/ar/wp-json/wp/v2/posts?per_page=100', { 'accept-encoding': 'gzip' });
    assert.equal(posts.headers['content-encoding'], 'gzip');
    assert.equal(posts.headers['cache-control'], 'public, max-age=0, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400', 'as public pages');
    const shown = (await json('/ar/wp-json/wp/v2/posts?per_page=100&_fields=link')).body as { link: string }[];
    // A list: its edition, every publish in it (feed-ar) and each article it shows (by Khabar id).
    assert.deepEqual(keysOf(posts).filter((k) => !/^a\d+$/.test(k)), ['e-ar', 'feed-ar']);
    assert.equal(keysOf(posts).filter((k) => /^a\d+$/.test(k)).length, shown.length);
    assert.ok(keysOf(posts).includes(`a${SEED_LIKE_ID}`));
    assert.equal(posts.headers.xkey, posts.headers['surrogate-key']);
    assert.equal(posts.headers['cache-tag'], String(posts.headers['surrogate-key']).replaceAll(' ', ','));
    // One post: its article, its sections, tags and authors (their counts and names show when embedded).
    const one = keysOf(await get(`/ar/wp-json/wp/v2/posts/${WP_POST_ID}?_embed=1`));
    for (const k of ['e-ar', `a${SEED_LIKE_ID}`, `s${economy}`, `u${salma}`]) assert.ok(one.includes(k), k);
    assert.ok(one.some((k) => /^t\d+$/.test(k)) && !one.includes('feed-ar'));
    assert.deepEqual(keysOf(await get('/ar/wp-json/wp/v2/categories')), ['e-ar', 'feed-ar']);
    assert.deepEqual(keysOf(await get(`/ar/wp-json/wp/v2/categories/${(await read(wp.categories().slug('economy').get()) as Obj[])[0]!.id}`)), ['e-ar', `s${economy}`]);
    assert.deepEqual(keysOf(await get('/ar/wp-json/')), ['e-ar']);
    assert.deepEqual(keysOf(await get(`/ar/wp-json/wp/v2/comments?post=${WP_POST_ID}`)), [`a${SEED_LIKE_ID}`, 'e-ar'], 'a thread: its article');
    assert.deepEqual(keysOf(await get('/ar/wp-json/wp/v2/comments')), [`a${SEED_LIKE_ID}`, 'c-ar', 'e-ar', 'feed-ar'], 'across articles: any comment shown or hidden');
    const refused = await get('/ar/wp-json/wp/v2/posts?per_page=500');
    assert.equal(refused.headers['cache-control'], 'no-store', 'an error is never kept');
    assert.equal(refused.headers['surrogate-key'], undefined);

    // What each write announces (the CDN purger's input) meets the keys of exactly the answers it changed.
    const urls = {
      comments: '/ar/wp-json/wp/v2/comments', thread: `/ar/wp-json/wp/v2/comments?post=${WP_POST_ID}`, otherThread: '/ar/wp-json/wp/v2/comments?post=3',
      categories: '/ar/wp-json/wp/v2/categories', users: '/ar/wp-json/wp/v2/users', posts: '/ar/wp-json/wp/v2/posts', en: '/en/wp-json/wp/v2/posts',
      media: '/ar/wp-json/wp/v2/media', embedded: `/ar/wp-json/wp/v2/posts/${WP_POST_ID}?_embed=1`, page: `/ar/wp-json/wp/v2/pages/${PAGE_ID}`,
    };
    const purged = async (write: () => Promise<unknown>) => {
      const before = Object.fromEntries(await Promise.all(Object.entries(urls).map(async ([k, u]) => [k, await get(u)] as const)));
      const announced: string[] = [];
      const stop = site.repos.onWrite((keys) => void announced.push(...keys.map(surrogateKey)));
      await write();
      stop();
      const out: Record<string, { purged: boolean; changed: boolean }> = {};
      for (const [k, u] of Object.entries(urls)) {
        const after = await get(u);
        out[k] = { purged: keysOf(before[k]!).some((x) => announced.includes(x)), changed: after.body !== before[k]!.body };
      }
      return out;
    };
    const held = await site.repos.db.kysely.selectFrom('comments').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
    const approval = await purged(() => site.app.services.comments.setStatus(Number(held.id), 'approved'));
    for (const k of ['comments', 'thread'] as const) assert.deepEqual(approval[k], { purged: true, changed: true }, k);
    for (const k of ['otherThread', 'categories', 'users', 'en'] as const) assert.deepEqual(approval[k], { purged: false, changed: false }, k);
    const publish = await purged(() => site.articles.save({ edition: 'ar', title: 'خبر آخر', bodyHtml: paragraphsToHtml(['نص.']), publishedAt: '2024-04-30T10:00:00Z', status: 'published', commentStatus: 'open', authorSlugs: ['salma-nour'], categorySlugs: ['economy'] }));
    for (const k of ['posts', 'categories'] as const) assert.deepEqual(publish[k], { purged: true, changed: true }, k);
    for (const k of ['en', 'otherThread'] as const) assert.deepEqual(publish[k], { purged: false, changed: false }, k);
    // An image's text: the answers that show it (the library, the post it leads, embedded), nothing else.
    const admin = await site.repos.db.kysely.selectFrom('users').select(['id', 'created_at']).where('slug', '=', 'site-admin').executeTakeFirstOrThrow();
    const editor = { id: Number(admin.id), email: 'admin@example.org', slug: 'site-admin', name: 'Site Admin', role: 'administrator' as const, locale: 'ar' as const, createdAt: String(admin.created_at) };
    const lead = await site.repos.db.kysely.selectFrom('media').select('id').where('name', '=', MEDIA_NAME).executeTakeFirstOrThrow();
    const retext = await purged(() => site.app.services.media.update(editor, Number(lead.id), { alt: 'الميناء الجاف من الجو', caption: '', credit: '' }));
    for (const k of ['media', 'embedded'] as const) assert.deepEqual(retext[k], { purged: true, changed: true }, k);
    for (const k of ['categories', 'page', 'en'] as const) assert.deepEqual(retext[k], { purged: false, changed: false }, k);
  });
});
