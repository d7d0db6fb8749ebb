import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { SEARCH_IDS as ID, writeSearchArticles } from '../fixtures/search-articles.ts';
import { testSite, type TestSite } from '../support/app.ts';

const q = (s: string) => encodeURIComponent(s);

describe('the search page and API', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite({ clock: fixedClock('2025-03-11T00:00:00Z') });
    await writeSearchArticles(site);
  });
  after(() => site.close());
  const get = (url: string) => site.app.fastify.inject(url);

  it('shows ranked results with the matches marked, keeping the query in the box', async () => {
    const res = await get(`/ar/search/?q=${q('الاتِّفاقية')}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.ok(res.body.includes('<h1 class="page-title">نتائج البحث عن «الاتِّفاقية»</h1>'));
    assert.ok(res.body.includes('value="الاتِّفاقية"'));
    assert.ok(res.body.includes('توقيع <mark>الاتفاقية</mark> التجارية'));
    assert.ok(res.body.includes('<mark>الاتِّفاقيَّة</mark>'));
    assert.match(res.body, /<p class="search-summary" role="status">4 نتائج<\/p>/);
  });

  it('redirects /ar/search?q= to the canonical slash form, keeping the query', async () => {
    const res = await get(`/ar/search?q=${q('روسيا')}`);
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, `/ar/search/?q=${q('روسيا')}`);
  });

  it('filters by section and dates and pages with ?paged=', async () => {
    const res = await get(`/ar/search/?q=${q('اتفاقية')}&category=economy`);
    assert.match(res.body, /نتيجة واحدة/);
    assert.ok(res.body.includes('<option value="economy" selected>'));
    const dated = await get(`/ar/search/?q=${q('اتفاقية')}&from=2020-01-01&to=2020-01-01`);
    assert.match(dated.body, /نتيجة واحدة/);
    assert.ok(dated.body.includes('اتفاقية</mark> قديمة'));
    const paged = await get(`/ar/search/?q=${q('اتفاقية')}&paged=2`);
    assert.equal(paged.statusCode, 200);
  });

  it('answers empty, huge and operator-laden queries with a page, never an error', async () => {
    for (const s of ['', '"', '*', 'NEAR(', '-', '()', '" OR 1=1 --', "'; DROP TABLE articles; --", 'x'.repeat(3000), 'اتفاقية AND NOT *', '%', '\\']) {
      const res = await get(`/ar/search/?q=${q(s)}`);
      assert.equal(res.statusCode, 200, s.slice(0, 20));
      assert.match(res.body, /<h1 class="page-title">/);
    }
    const empty = await get('/ar/search/');
    assert.ok(empty.body.includes('اكتب كلمة أو أكثر للبحث في الأخبار.'));
    const none = await get(`/ar/search/?q=${q('كلمةغيرموجودة')}`);
    assert.ok(none.body.includes('لا توجد نتائج مطابقة'));
  });

  it('suggests the indexed spelling as a link when nothing is found, in the edition language, page and API alike', async () => {
    const res = await get(`/ar/search/?q=${q('مسوكو')}&sort=date`);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('لا توجد نتائج مطابقة'));
    // The link keeps the reader's other choices (here the order).
    assert.ok(res.body.includes(`<p class="search-suggestion">هل تقصد «<a href="/ar/search/?q=${q('موسكو')}&amp;sort=date">موسكو</a>»؟</p>`), res.body.match(/search-suggestion.*?<\/p>/)?.[0]);
    const en = await get('/en/search/?q=agreemnet');
    assert.ok(en.body.includes('Did you mean “<a href="/en/search/?q=agreement">agreement</a>”?'));
    const api = (await get(`/api/v1/search?edition=ar&q=${q('مسوكو')}`)).json();
    assert.equal(api.total, 0);
    assert.deepEqual(api.suggestion, { query: 'موسكو', url: `http://news.test/ar/search/?q=${q('موسكو')}` });
    const found = (await get(`/api/v1/search?edition=ar&q=${q('موسكو')}`)).json();
    assert.equal(found.suggestion, null);
    const page = await get(`/ar/search/?q=${q('موسكو')}`);
    assert.doesNotMatch(page.body, /search-suggestion/);
  });

  it('sorts by relevance or date from a form control, carried in the URL and the API', async () => {
    const ids = async (url: string) => [...(await get(url)).body.matchAll(/<article class="card search-result">[\s\S]*?<a href="([^"]+)">/g)].map((m) => m[1]);
    const byRelevance = await ids(`/ar/search/?q=${q('اتفاقية')}`);
    const byDate = await ids(`/ar/search/?q=${q('اتفاقية')}&sort=date`);
    assert.equal(byDate.length, byRelevance.length);
    assert.notDeepEqual(byDate, byRelevance);
    const page = await get(`/ar/search/?q=${q('اتفاقية')}&sort=date`);
    assert.ok(page.body.includes('<select name="sort"><option value="relevance">الأقرب إلى البحث</option><option value="date" selected>الأحدث أولاً</option></select>'));
    const api = (await get(`/api/v1/search?edition=ar&q=${q('اتفاقية')}&sort=date`)).json();
    assert.equal(api.sort, 'date');
    const dates = api.results.map((r: { publishedAt: string }) => r.publishedAt);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.equal((await get(`/api/v1/search?edition=ar&q=a&sort=oldest`)).json().error.field, 'sort');
  });

  it('has one search box and uniquely named landmarks on the results page', async () => {
    const res = await get(`/ar/search/?q=${q('اتفاقية')}`);
    assert.equal([...res.body.matchAll(/<input[^>]*name="q"/g)].length, 1);
    assert.doesNotMatch(res.body, /id="site-search"/);
    const names = [...res.body.matchAll(/<(nav|section|form)[^>]*aria-label="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.equal(new Set(names).size, names.length, names.join(' | '));
    assert.ok(names.includes('form:ابحث في الأخبار'));
    // Other pages keep the masthead's box.
    assert.match((await get('/ar/')).body, /id="site-search"/);
  });

  it('speaks English on the English edition', async () => {
    const res = await get('/en/search/?q=agreement');
    assert.ok(res.body.includes('Search results for “agreement”'));
    assert.ok(res.body.includes('Trade <mark>agreements</mark> signed'));
  });

  it('has a JSON API over the same service', async () => {
    const res = await get(`/api/v1/search?edition=ar&q=${q('أذربيجان')}`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 1);
    assert.equal(body.results[0].id, ID.azerbaijan);
    assert.match(body.results[0].url, /^http:\/\/news\.test\/ar\/2025\/03\/07\//);
    assert.deepEqual(body.results[0].highlights.title.filter((s: { hit: boolean }) => s.hit).map((s: { text: string }) => s.text), ['اذربيجان']);
  });

  it('refuses bad API parameters with the API\'s error shape, naming the field in the edition language', async () => {
    const cases: [string, string, string][] = [
      ['edition=xx&q=a', 'edition', 'unknown'], ['q=a&page=0', 'page', 'number'], ['q=a&from=yesterday', 'from', 'invalid'],
      ['q=a&to=2025-13', 'to', 'invalid'], ['q=a&category=a%20b', 'category', 'slug'],
    ];
    for (const [qs, field, code] of cases) {
      const res = await get(`/api/v1/search?${qs}`);
      assert.equal(res.statusCode, 400, qs);
      const { error } = res.json();
      assert.equal(error.status, 400, qs);
      assert.equal(error.code, 'invalid', qs);
      assert.equal(error.field, field, qs);
      assert.deepEqual(error.problems.map((p: { field: string; code: string }) => [p.field, p.code]), [[field, code]], qs);
      assert.equal(typeof error.requestId, 'string', qs);
    }
    assert.equal((await get('/api/v1/search?edition=en&q=a&page=x')).json().error.message, 'Enter a whole number from 1 to 999999.');
    assert.equal((await get('/api/v1/search?edition=ar&q=a&page=x')).json().error.message, 'أدخل عدداً صحيحاً من 1 إلى 999999.');
    const odd = await get(`/api/v1/search?edition=ar&q=${q('NEAR("x" * -)')}`);
    assert.equal(odd.statusCode, 200);
  });

  it('answers a query of function words or lone letters as too general, in the edition language, page and API alike', async () => {
    for (const s of ['في', 'و', 'من في على', 'و ب ل', 'ال']) {
      const res = await get(`/ar/search/?q=${q(s)}`);
      assert.equal(res.statusCode, 200, s);
      assert.ok(res.body.includes('كلمات البحث عامة جدًا'), s);
      assert.doesNotMatch(res.body, /class="card search-result"/, s);
      const api = (await get(`/api/v1/search?edition=ar&q=${q(s)}`)).json();
      assert.equal(api.tooGeneral, true, s);
      assert.equal(api.total, 0, s);
      assert.match(api.message, /عامة جدًا/);
    }
    const en = await get('/en/search/?q=the');
    assert.ok(en.body.includes('Those words are too general'));
    // A function word beside a content word is simply optional.
    const mixed = (await get(`/api/v1/search?edition=ar&q=${q('اتفاقية في')}`)).json();
    assert.equal(mixed.tooGeneral, false);
    assert.ok(mixed.total > 0);
  });

  it('refuses an over-long search URL with the site\'s own 400, on the page and the API alike', async () => {
    const long = q('اتفاقية '.repeat(700)); // about 9 KB encoded: past the 8 KB a search URL may have
    const page = await get(`/ar/search/?q=${long}`);
    assert.equal(page.statusCode, 400);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.ok(page.body.includes('طلب غير صالح'));
    const api = await get(`/api/v1/search?edition=ar&q=${long}`);
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.field, 'q');
    assert.equal(api.json().error.problems[0].code, 'too_long');
    assert.match(api.json().error.message, /أطول من المسموح/);
  });

  it('answers a search URL past Node\'s 16 KB head limit with the same refusal, over a real connection', async () => {
    // The HTTP parser refuses such a head before any route runs; only a listening server shows it.
    await site.app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = site.app.fastify.server.address() as { port: number };
    const origin = `http://127.0.0.1:${port}`;
    const long = q('اتفاقية '.repeat(2000)); // about 26 KB encoded
    const page = await fetch(`${origin}/ar/search/?q=${long}`);
    assert.equal(page.status, 400);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.ok(html.includes('طلب غير صالح'));
    const api = await fetch(`${origin}/api/v1/search?edition=en&q=${long}`);
    assert.equal(api.status, 400);
    const { error } = (await api.json()) as { error: { field: string; problems: { code: string }[]; message: string } };
    assert.equal(error.field, 'q');
    assert.equal(error.problems[0]!.code, 'too_long');
    assert.match(error.message, /longer than allowed/);
    // A head swollen by its headers, not its URL, is not replayed without them: Node's 431 stands.
    const cookie = await fetch(`${origin}/ar/search/?q=x`, { headers: { cookie: `a=${'x'.repeat(20_000)}` } });
    assert.equal(cookie.status, 431);
  });
});
