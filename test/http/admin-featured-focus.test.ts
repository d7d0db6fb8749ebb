import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { adminSite, Agent, articleRow, formFields, loggedIn } from '../support/admin.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const PHOTO = '/media/2026/03/harbour.jpg';

/**
 * The featured image's focal point (issue 17): two whole per cents the editor's form carries
 * (the fields work without script), checked by the service, stored (migration 0025) and honoured
 * by the public site's cards as classes its stylesheet crops by.
 */
describe('the featured image’s focal point', () => {
  it('is refused out of range or not a whole number (400, a message in the user’s language), with everything typed kept and nothing written', async () => {
    const s = await adminSite({ clock: fixedClock(NOW) });
    const { a } = await loggedIn(s, 'author');
    const page = await a.get('/admin/articles/new');
    assert.match(page.body, /<input type="number" name="featured_image_focus_x" id="featured_image_focus_x" min="0" max="100" step="1" dir="ltr" value="50"/);
    const typed = {
      ...formFields(page.body), title: 'ميناء بيروت يستقبل أول سفينة', body: '<p>نص كتبته <b>بعناية</b></p>', action: 'draft',
      featured_image_url: PHOTO, featured_image_alt: 'سفينة في الميناء', featured_image_caption: 'الرصيف الثالث',
    };
    for (const [x, y] of [['101', '50'], ['50', '-5'], ['ثلاثون', '20'], ['12.5', '40']] as const) {
      const r = await a.post('/admin/articles/new', { ...typed, featured_image_focus_x: x, featured_image_focus_y: y });
      assert.equal(r.status, 400, `${x}, ${y}`);
      assert.match(r.body, /<p class="field-error" id="featured_image_focus-error">أدخل عدداً صحيحاً من/);
      assert.match(r.body, /<fieldset class="focus-fields" aria-describedby="featured_image_focus-hint featured_image_focus-error">/);
      assert.ok(r.body.includes(`name="featured_image_focus_x" id="featured_image_focus_x" min="0" max="100" step="1" dir="ltr" value="${x}" aria-invalid="true"`), 'x as typed');
      assert.ok(r.body.includes(`value="${y}" aria-invalid="true"`), 'y as typed');
      assert.match(r.body, /value="ميناء بيروت يستقبل أول سفينة"/);
      assert.match(r.body, /value="الرصيف الثالث"/);
      assert.match(r.body, /نص كتبته &lt;b>بعناية|نص كتبته &lt;b&gt;بعناية/);
    }
    assert.equal(Number(await s.repos.articles.count()), 0, 'nothing was written');

    // The same refusal in English for an English-speaking user.
    const en = new Agent(s.app);
    const u = await s.user('author', 'Laila Haddad');
    await en.login(u.email);
    await en.post('/admin/locale', { locale: 'en' });
    const enPage = await en.get('/admin/articles/new');
    const r = await en.post('/admin/articles/new', { ...formFields(enPage.body), title: 'Harbour reopens', action: 'draft', featured_image_url: PHOTO, featured_image_alt: 'A ship', featured_image_focus_x: '150' });
    assert.equal(r.status, 400);
    assert.match(r.body, /id="featured_image_focus-error">Enter a whole number from 0 to 100\./);
    await s.close();
  });

  it('is stored, shown again in the form, and crops the home page’s card (a body image’s card keeps the centre)', async () => {
    const s = await adminSite({ clock: fixedClock(NOW) });
    const { a } = await loggedIn(s, 'editor');
    const page = await a.get('/admin/articles/new');
    const r = await a.post('/admin/articles/new', {
      ...formFields(page.body), title: 'ميناء بيروت يستقبل أول سفينة', body: '<p>النص</p>', action: 'publish',
      featured_image_url: PHOTO, featured_image_alt: 'سفينة في الميناء', featured_image_focus_x: '23', featured_image_focus_y: ' 100 ',
    });
    assert.equal(r.status, 303);
    const id = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(r.headers.location))?.[1]);
    const row = await articleRow(s, id);
    assert.deepEqual([row.featured_image_focus_x, row.featured_image_focus_y], [23, 100]);
    const edit = await a.get(`/admin/articles/${id}/edit`);
    assert.match(edit.body, /id="featured_image_focus_x" [^>]*value="23"/);
    assert.match(edit.body, /id="featured_image_focus_y" [^>]*value="100"/);
    assert.match(edit.body, /class="focus-marker fx-2 fy-10"/, 'the preview’s marker, in 10 % steps');

    // An article whose card shows its body's first library image: that image has no focal point.
    const body = await a.get('/admin/articles/new');
    const lib = '/media/0123456789abcdef0123-1200x800/1200.jpg';
    assert.equal((await a.post('/admin/articles/new', { ...formFields(body.body), title: 'سوق السمك', body: `<p>نص</p><img src="${lib}" alt="سمك">`, action: 'publish' })).status, 303);

    const home = await new Agent(s.app).get('/ar/');
    assert.equal(home.status, 200);
    assert.match(home.body, new RegExp(`<img src="${PHOTO}"[^>]* alt="سفينة في الميناء" class="fx-2 fy-10"`));
    assert.match(home.body, /alt="سمك" class="fx-5 fy-5"/);
    // The article's own photo carries it too (for any crop a theme makes).
    const link = /<a href="([^"]+)">ميناء بيروت يستقبل أول سفينة<\/a>/.exec(home.body)?.[1];
    const article = await new Agent(s.app).get(link ?? '/nowhere');
    assert.match(article.body, /<figure class="featured-image">[\s\S]*?class="fx-2 fy-10"/);
    await s.close();
  });
});
