import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../src/platform/clock.ts';
import sharp from 'sharp';
import { invalidates } from '../../src/domain/invalidation.ts';
import { mediaItemUrl, MediaService } from '../../src/services/media/media.ts';
import { configuredMediaStore } from '../../src/services/media/open-media-store.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { atBothWidths, describeInBrowser, launchBrowser, liveSite, logIn, openPage, seriousA11yViolations, type Browser, type LiveSite, newsroomInBrowser } from '../support/browser.ts';

const TITLE = 'انقطاع الكهرباء عن نصف الدوحة';

/** Screenshots at 1366 and 360 px, with axe (0 serious findings) and no sideways scrolling at either width. */
async function look(page: Page, name: string): Promise<void> {
  await atBothWidths(page, name, 900);
  assert.deepEqual(await seriousA11yViolations(page), [], `${name}: axe finds nothing serious`);
}

/** The number the editor's word count shows. */
const words = (page: Page) => page.textContent('output[data-word-count]').then((t) => Number(t));

/** Waits until the word count shows `n` (it follows every change of the text); a failure says what it showed. */
async function wordsAre(page: Page, n: number): Promise<void> {
  try {
    await page.waitForFunction((want) => document.querySelector('output[data-word-count]')?.textContent === String(want), n, { timeout: 30_000 });
  } catch {
    assert.fail(`the word count shows ${await words(page)}, not ${n}, for ${JSON.stringify(await page.textContent('.rich-editor-content'))}`);
  }
}

describeInBrowser('the newsroom fields in Chromium', () => {
  const clock = fixedClock('2026-03-01T10:00:00Z');
  let live: LiveSite;
  let browser: Browser;
  const url = (path: string) => live.origin + path;
  newsroomInBrowser({
    clock,
    accounts: [{ email: 'editor@example.org', name: 'ليلى حداد', role: 'editor' }],
    prepare: (rt) => rt.repos.write((tx) => rt.repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'local', name: 'محليات', description: '', position: 0 }), { invalidates: [] }),
  }, (s) => ({ live, browser } = s));

  it('counts the words live as an Arabic article is typed; an abandoned autosaved draft neither shows in the list nor holds the slug', async () => {
    await browser.context.clearCookies();
    const page = await logIn(browser, live.origin, 'editor@example.org');
    await page.goto(url('/admin/articles/new'));
    assert.equal(await words(page), 0);
    await page.fill('#title', TITLE);
    await page.click('.rich-editor-content');
    // Tashkeel, an attached conjunction and Arabic punctuation: six words.
    await page.keyboard.type('وَصَلَ الوفدُ إلى الدوحة، والتقى الوزيرَ.');
    await wordsAre(page, 6);
    await page.keyboard.press('Enter');
    await page.keyboard.type('ثم غادر؟');
    await wordsAre(page, 8);
    // «غادر؟» erased: «ثم» is left.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
    await wordsAre(page, 7);

    // Leaving the text saves it in the background: the first autosave makes the draft.
    await Promise.all([page.waitForURL(/\/admin\/articles\/\d+\/edit$/), page.focus('#excerpt')]);
    const autoId = Number(/articles\/(\d+)\/edit/.exec(page.url())![1]);
    await page.goto(url('/admin/articles'));
    assert.doesNotMatch(await page.content(), new RegExp(TITLE), 'the abandoned draft is not in the list');

    // The real article with the same title takes the plain slug, not «-2».
    await page.goto(url('/admin/articles/new'));
    await page.fill('#title', TITLE);
    await page.click('.rich-editor-content');
    await page.keyboard.type('انقطعت الكهرباء صباح اليوم عن أحياء عدة.');
    await page.fill('#kicker', 'خاص');
    await page.fill('#dateline', 'الدوحة');
    await page.check('input[name=categories]');
    await page.check('input[name=breaking]');
    await Promise.all([page.waitForURL(/saved=published/), page.click('button[value=publish]')]);
    const live1 = await page.getAttribute('.editor-links a[href^="/ar/2026/"]', 'href');
    assert.equal(decodeURIComponent(live1!), `/ar/2026/03/01/${TITLE.replace(/ /g, '-')}/`);
    assert.notEqual(Number(/articles\/(\d+)\/edit/.exec(page.url())![1]), autoId);

    const home = await openPage(browser, url('/ar/'));
    assert.match((await home.textContent('.breaking-strip')) ?? '', new RegExp(`عاجل\\s*${TITLE}`));
    await look(home, 'home-breaking-ar');
    await Promise.all([home.waitForURL(/\/ar\/2026\/03\/01\//), home.click(`.breaking-strip a:has-text("${TITLE}")`)]);
    assert.equal(await home.textContent('.story-kicker'), 'عاجل خاص');
    assert.match((await home.textContent('.article-body p')) ?? '', /^الدوحة — انقطعت الكهرباء/);
    await look(home, 'article-breaking-kicker-ar');
  });

  it('shows the editor and the profile with no serious axe finding, in Arabic and in English', async () => {
    await browser.context.clearCookies();
    const page = await logIn(browser, live.origin, 'editor@example.org');
    for (const lang of ['ar', 'en'] as const) {
      await page.goto(url('/admin/articles/new'));
      if (lang === 'en') {
        await Promise.all([page.waitForURL(/\/admin\/articles\/new/), page.click('button[lang=en]')]);
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
      }
      await page.fill('#title', lang === 'ar' ? 'عنوان للتجربة' : 'عنوان');
      await page.click('.rich-editor-content');
      await page.keyboard.type('كلمة أخرى هنا');
      await wordsAre(page, 3);
      await look(page, `admin-editor-fields-${lang}`);
      await page.goto(url('/admin/profile'));
      await look(page, `admin-profile-editions-${lang}`);
    }
  });
});

describeInBrowser('an author in the English edition, in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;

  before(async () => {
    live = await liveSite({ demo: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  it('is named in English in the byline, the JSON-LD and the feed’s dc:creator', async () => {
    const page = await openPage(browser, `${live.origin}/en/author/layla-haddad/`);
    assert.match((await page.textContent('h1')) ?? '', /Laila Haddad/);
    await Promise.all([page.waitForURL(/\/en\/\d{4}\//), page.click('.card h2 a, .card h3 a')]);
    assert.match((await page.textContent('.byline')) ?? '', /^By .*Laila Haddad/);
    assert.doesNotMatch((await page.textContent('.byline')) ?? '', /[\u0600-\u06FF]/, 'no Arabic name in an English byline');
    const ld = JSON.parse((await page.textContent('script[type="application/ld+json"]'))!) as { author: { name: string }[] };
    assert.ok(ld.author.some((a) => a.name === 'Laila Haddad'));
    assert.ok(ld.author.every((a) => !/[\u0600-\u06FF]/.test(a.name)));
    await look(page, 'article-en-byline');
    const feed = await page.request.get(`${live.origin}/en/feed/`);
    const xml = await feed.text();
    assert.match(xml, /<dc:creator>(<!\[CDATA\[)?Laila Haddad/);
    assert.doesNotMatch(xml.match(/<dc:creator>[\s\S]*?<\/dc:creator>/g)!.join(''), /[\u0600-\u06FF]/);
  });

  it('shows the author\'s library photo on the author page, square, in Arabic at 360 px and in English', async () => {
    const rt = live.site;
    const ed = (await new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH })
      .create({ email: 'portraits@example.org', name: 'محرر الصور', role: 'editor', password: PASSWORD })).account;
    // A portrait-shaped picture: the page crops it square (object-fit), never stretches it.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800" fill="#e9c46a"/>
      <circle cx="300" cy="300" r="150" fill="#6d4c41"/><rect x="120" y="480" width="360" height="320" rx="150" fill="#264653"/></svg>`;
    const media = new MediaService({ repos: rt.repos, clock: rt.clock, store: configuredMediaStore(rt.config), maxBytes: rt.config.mediaMaxBytes });
    const m = await media.upload(ed, { data: await sharp(Buffer.from(svg)).jpeg().toBuffer(), tooLarge: false, alt: 'ليلى', caption: '', credit: '' });
    const author = (await rt.repos.users.authorBySlug('layla-haddad'))!;
    await rt.repos.write((tx) => rt.repos.users.setPhoto(tx, author.id, mediaItemUrl(m)), { invalidates: [invalidates.author(author.id)] });

    for (const lang of ['ar', 'en'] as const) {
      const page = await openPage(browser, `${live.origin}/${lang}/author/layla-haddad/`, { width: lang === 'ar' ? 360 : 1366 });
      const photo = page.locator('.author-head img.author-photo');
      assert.equal(await photo.getAttribute('alt'), lang === 'ar' ? (await rt.repos.users.authorBySlug('layla-haddad', 'ar'))!.name : 'Laila Haddad');
      const box = (await photo.boundingBox())!;
      assert.deepEqual([box.width, box.height], [96, 96], 'a square, whatever the picture\'s shape');
      assert.equal(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true, 'the picture loads');
      // The photo sits at the start of the line: the right in Arabic, the left in English.
      const h1 = (await page.locator('.author-head h1').boundingBox())!;
      assert.ok(lang === 'ar' ? box.x > h1.x : box.x < h1.x, `${lang}: the photo comes first in reading order`);
      await look(page, `author-photo-${lang}`);
    }

    // The administrator's screen for the account shows the photo as saved, beside its address.
    await new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH })
      .create({ email: 'photo-admin@example.org', name: 'سارة', role: 'administrator', password: PASSWORD });
    const admin = await logIn(browser, live.origin, 'photo-admin@example.org');
    await admin.goto(`${live.origin}/admin/users/${author.id}`);
    assert.equal(await admin.inputValue('#u-photo'), mediaItemUrl(m));
    assert.equal(await admin.locator('.author-photo-thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true);
    await look(admin, 'admin-user-photo-ar');
    // The next test signs in as someone else in the same browser.
    await admin.close();
    await browser.context.clearCookies();
  });

  it('an editor flags an English story breaking with a kicker and a dateline, and the English home page shows it', async () => {
    const rt = live.site;
    await new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH }).create({ email: 'en-editor@example.org', name: 'Sara Malik', role: 'editor', password: PASSWORD });
    const story = await rt.repos.db.kysely.selectFrom('articles').select(['id', 'title']).where('edition', '=', 'en').where('status', '=', 'published')
      .orderBy('published_at', 'asc').executeTakeFirstOrThrow();
    const page = await logIn(browser, live.origin, 'en-editor@example.org');
    await page.goto(`${live.origin}/admin/articles/${story.id}/edit`);
    assert.ok((await words(page)) > 100, 'a whole article is counted when the page opens');
    await page.fill('#kicker', 'Analysis');
    await page.fill('#dateline', 'Doha');
    await page.check('input[name=breaking]');
    await Promise.all([page.waitForURL(/saved=updated/), page.click('button[value=update]')]);
    const home = await openPage(browser, `${live.origin}/en/`);
    assert.match((await home.textContent('.breaking-strip')) ?? '', new RegExp(`Breaking\\s*${story.title.slice(0, 20)}`));
    await look(home, 'home-breaking-en');
    await Promise.all([home.waitForURL(/\/en\/\d{4}\//), home.click('.breaking-strip a')]);
    assert.equal(await home.textContent('.story-kicker'), 'Breaking Analysis');
    assert.match((await home.textContent('.article-body p')) ?? '', /^Doha — /);
    await look(home, 'article-breaking-kicker-en');
  });
});
