import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { sanitizeArticleHtml } from '../../src/platform/html/sanitize.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import { loadAdminCss } from '../../src/web/admin/context.ts';
import { editorBundle } from '../../src/web/admin/editor-bundle.ts';
import { loadAssets } from '../../src/web/assets.ts';
import { securityHeaders } from '../../src/web/security-headers.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { describeInBrowser, launchBrowser, liveSite, screenshot, type Browser, type LiveSite, signIn } from '../support/browser.ts';

/**
 * The editor's client bundle in Chromium, on a page shaped like the newsroom's editor page (the
 * contract in src/editor-client/mount.ts): the real bundle, the real admin stylesheet and the
 * admin's CSP, with a small server standing in for the autosave and media-library routes so
 * every answer (saved, conflict, empty library) can be chosen by the test.
 */

interface Posted {
  path: string;
  accept: string;
  type: string;
  fields: URLSearchParams;
}

type AutosaveAnswer = (n: number) => object;

interface Fixture {
  origin: string;
  posted: Posted[];
  answer: { autosave: AutosaveAnswer; media: (q: URLSearchParams) => { status: number; body: unknown; pages?: number } };
  close(): Promise<void>;
}

const VIDEO = 'dQw4w9WgXcQ';

function editorPage(o: { lang: 'ar' | 'en'; articleLang: 'ar' | 'en'; css: string; script: string; body: string; interval: string }): string {
  const dir = o.lang === 'ar' ? 'rtl' : 'ltr';
  const articleDir = o.articleLang === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${o.lang}" dir="${dir}"><head><meta charset="utf-8"><title>editor</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="${o.css}"><script type="module" src="${o.script}"></script></head><body><main>
<form id="article-form" method="post" action="/submit" data-autosave-url="/autosave" data-media-url="/media.json" data-autosave-interval="${o.interval}">
<input type="hidden" name="_csrf" value="token-123"><input type="hidden" name="version" value="7">
<div class="field"><label for="title">${o.lang === 'ar' ? 'العنوان' : 'Title'}</label><input id="title" name="title" value=""></div>
<div class="field"><label for="article-body">${o.lang === 'ar' ? 'النص' : 'Text'}</label>
<textarea id="article-body" name="body" rows="10" lang="${o.articleLang}" dir="${articleDir}" data-rich-editor required>${o.body}</textarea></div>
<button type="submit" name="action" value="save">save</button>
</form></main></body></html>`;
}

async function fixtureServer(): Promise<Fixture> {
  const bundle = editorBundle();
  assert.ok(bundle, 'the editor bundle was built');
  const assets = loadAssets();
  const css = loadAdminCss(assets);
  const headers = securityHeaders({ https: false });
  const posted: Posted[] = [];
  const answer: Fixture['answer'] = {
    autosave: (n) => ({ ok: true, savedAt: '2026-11-29T09:41:00.000Z', version: 7 + n }),
    // Two pages, like the newsroom's endpoint (x-total-pages), searchable with ?q=.
    media: (q) => {
      const all = [
        [
          { id: 1, url: '/media/souk.png', alt: 'سوق الحميدية في الصباح', width: 1200, height: 630 },
          { id: 2, url: 'javascript:alert(1)', alt: 'x', width: 1, height: 1 },
        ],
        [{ id: 3, url: '/media/souk.png?v=2', alt: 'ميناء بيروت', width: 1200, height: 630 }],
      ];
      const text = q.get('q') ?? '';
      if (text) return { status: 200, body: all.flat().filter((m) => m.alt.includes(text)), pages: 1 };
      return { status: 200, body: all[Number(q.get('page') ?? 1) - 1] ?? [], pages: all.length };
    },
  };
  let saves = 0;
  const server: Server = createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, ...extra, 'content-type': type });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posted.push({ path: url.pathname, accept: req.headers.accept ?? '', type: req.headers['content-type'] ?? '', fields: new URLSearchParams(Buffer.concat(chunks).toString()) });
        if (url.pathname === '/autosave') send(200, 'application/json', JSON.stringify(answer.autosave(++saves)));
        else send(200, 'text/html; charset=utf-8', '<!doctype html><title>saved</title><link rel="icon" href="data:,"><p>saved</p>');
      });
      return;
    }
    if (url.pathname === '/editor' || url.pathname === '/editor-en') {
      const lang = url.pathname === '/editor' ? 'ar' : 'en';
      const body = url.searchParams.get('body') ?? '';
      // Saves on leaving the text only (an hour's timer), unless the test asks for a pace.
      const interval = url.searchParams.get('interval') ?? '3600';
      return send(200, 'text/html; charset=utf-8', editorPage({ lang, articleLang: url.searchParams.get('article') === 'ar' ? 'ar' : lang, css: css.url, script: bundle.url, body: body.replace(/&/g, '&amp;').replace(/</g, '&lt;'), interval }));
    }
    if (url.pathname === css.url) return send(200, 'text/css; charset=utf-8', css.body);
    if (url.pathname === bundle.url) return send(200, 'text/javascript; charset=utf-8', bundle.body);
    if (url.pathname === '/media.json') {
      const m = answer.media(url.searchParams);
      return send(m.status, 'application/json', JSON.stringify(m.body), { 'x-total-pages': String(m.pages ?? 1) });
    }
    if (url.pathname === '/media/souk.png') {
      const share = assets.get(assets.shareImage.replace('/assets/', ''));
      if (share) return send(200, 'image/png', share.body);
    }
    const asset = assets.get(url.pathname.replace('/assets/', ''));
    if (asset) return send(200, asset.type, asset.body);
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, posted, answer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Console errors (a CSP refusal shows there) and uncaught exceptions of a page. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Answers the page's prompts from a queue (and accepts alerts), recording every dialog. */
function answerDialogs(page: Page): { prompts: string[]; seen: string[] } {
  const q = { prompts: [] as string[], seen: [] as string[] };
  page.on('dialog', (d) => {
    q.seen.push(`${d.type()}: ${d.message()}`);
    void (d.type() === 'prompt' ? d.accept(q.prompts.shift() ?? '') : d.accept());
  });
  return q;
}

const bodyValue = (page: Page) => page.$eval('#article-body', (t) => (t as HTMLTextAreaElement).value);

async function openEditor(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('.rich-editor-content');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, errors };
}

describeInBrowser('the rich-text editor in Chromium', () => {
  let fx: Fixture;
  let browser: Browser;

  before(async () => {
    fx = await fixtureServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('replaces the body textarea with an editor that runs right-to-left on an Arabic page, toolbar from the right', async () => {
    const { page, errors } = await openEditor(browser, `${fx.origin}/editor`);
    assert.equal(await page.isHidden('#article-body'), true, 'the textarea is hidden');
    assert.equal(await page.$eval('#article-body', (t) => (t as HTMLTextAreaElement).form?.id), 'article-form', 'and still in the form');
    assert.equal(await page.$eval('.rich-editor-content', (e) => getComputedStyle(e).direction), 'rtl');
    assert.equal(await page.getAttribute('.rich-editor-content', 'aria-labelledby'), 'article-body-label');
    const first = await page.locator('.rich-tool').first().boundingBox();
    const last = await page.locator('.rich-tool').last().boundingBox();
    assert.ok(first && last && first.x > last.x, 'the first tool (heading) is at the right, undo/redo at the left');
    assert.deepEqual(await page.locator('.rich-tool').allTextContents(), ['عنوان', 'عنوان فرعي', 'غامق', 'مائل', 'رابط', 'قائمة نقطية', 'قائمة مرقّمة', 'اقتباس', 'صورة', 'معرض', 'تضمين', 'جدول', '+ صف', '+ عمود', 'حذف الجدول', 'تراجع', 'إعادة']);
    // One tab stop for the toolbar; the arrow keys follow the reading direction (left = next in Arabic).
    await page.focus('.rich-tool-h2');
    const focused = () => page.evaluate(() => document.activeElement?.className ?? '');
    await page.keyboard.press('ArrowLeft');
    assert.match(await focused(), /rich-tool-h3/);
    await page.keyboard.press('End');
    assert.match(await focused(), /rich-tool-redo/);
    await page.keyboard.press('ArrowLeft');
    assert.match(await focused(), /rich-tool-h2/, 'wraps around');
    assert.deepEqual(await page.locator('.rich-tool[tabindex="0"]').count(), 1);
    assert.deepEqual(errors, [], 'no CSP refusal or script error');
    await page.close();

    // An English newsroom user writing for the Arabic edition: English toolbar from the left, Arabic text from the right.
    const mixed = (await openEditor(browser, `${fx.origin}/editor-en?article=ar`)).page;
    assert.equal(await mixed.$eval('.rich-toolbar', (e) => getComputedStyle(e).direction), 'ltr');
    assert.equal(await mixed.$eval('.rich-editor-content', (e) => getComputedStyle(e).direction), 'rtl');
    assert.equal(await mixed.getAttribute('.rich-editor-content', 'lang'), 'ar');
    await mixed.close();
  });

  it('writes Arabic with a heading, bold text, a link, a Latin paragraph, an embed and an image; the textarea holds HTML the server keeps as is', async () => {
    const { page, errors } = await openEditor(browser, `${fx.origin}/editor`);
    await page.click('.rich-editor-content');
    // Before the first letter, the empty line is already right-to-left (the caret at the right).
    assert.equal(await page.$eval('.rich-editor-content p', (p) => getComputedStyle(p).direction), 'rtl');
    await page.keyboard.type('أخبار الصباح');
    await page.click('.rich-tool-h2');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('افتتح السوق ');
    await page.click('.rich-tool-bold');
    await page.keyboard.type('صباح اليوم');
    await page.click('.rich-tool-bold');
    await page.keyboard.type(' بحضور التجار.');
    assert.equal(await page.getAttribute('.rich-tool-h2', 'aria-pressed'), 'false');

    // A link on the selected word, by the prompt; then a refused javascript: address.
    const dialogs = answerDialogs(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type('المصدر');
    await page.keyboard.press('Shift+Home');
    dialogs.prompts.push('https://example.org/ar/souk');
    await page.click('.rich-tool-link');
    assert.equal(await page.getAttribute('.rich-tool-link', 'aria-pressed'), 'true');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    dialogs.prompts.push('javascript:alert(1)');
    await page.click('.rich-tool-link');
    assert.match(dialogs.seen.at(-1) ?? '', /^alert: رابط غير مقبول/);

    // A paragraph in English lays out left-to-right inside the Arabic article.
    await page.keyboard.type('Reuters reported the opening.');
    const latin = page.locator('.rich-editor-content p', { hasText: 'Reuters' });
    assert.equal(await latin.evaluate((p) => getComputedStyle(p).direction), 'ltr');
    assert.equal(await page.locator('.rich-editor-content p', { hasText: 'افتتح' }).evaluate((p) => getComputedStyle(p).direction), 'rtl');

    // An embed from a pasted YouTube link, shown as a card that loads nothing from YouTube.
    dialogs.prompts.push(`https://youtu.be/${VIDEO}?si=share`);
    await page.click('.rich-tool-embed');
    assert.match((await page.textContent('.rich-embed')) ?? '', /YouTube/);

    // An image from the media library: alt text is required; the javascript: item is not offered.
    await page.click('.rich-tool-image');
    await page.waitForSelector('dialog.rich-media .rich-media-item');
    assert.equal(await page.locator('.rich-media-item').count(), 1);
    await page.click('dialog.rich-media button:has-text("صور أخرى")');
    await page.waitForFunction(() => document.querySelectorAll('.rich-media-item').length === 2);
    assert.equal(await page.isHidden('dialog.rich-media button:has-text("صور أخرى")'), true, 'no third page');
    await page.fill('dialog.rich-media input[type=search]', 'الحميدية');
    await page.waitForFunction(() => document.querySelectorAll('.rich-media-item').length === 1);
    await page.check('.rich-media-item input');
    await screenshot(page, 'admin-editor-client-media-ar');
    assert.equal(await page.inputValue('dialog.rich-media input[name=alt]'), 'سوق الحميدية في الصباح', 'the library’s alt text is offered');
    await page.fill('dialog.rich-media input[name=alt]', '   ');
    await page.click('dialog.rich-media button[type=submit]');
    assert.match((await page.textContent('dialog.rich-media .field-error')) ?? '', /النص البديل/);
    await page.fill('dialog.rich-media input[name=alt]', 'واجهة السوق');
    await page.click('dialog.rich-media button[type=submit]');
    await page.waitForSelector('dialog.rich-media', { state: 'detached' });

    const html = await bodyValue(page);
    assert.match(html, /^<h2 dir="auto">أخبار الصباح<\/h2><p dir="auto">افتتح السوق <strong>صباح اليوم<\/strong> بحضور التجار\.<\/p>/);
    assert.match(html, /<a rel="noopener" href="https:\/\/example\.org\/ar\/souk">المصدر<\/a>/);
    assert.match(html, /<p dir="auto">Reuters reported the opening\.<\/p>/);
    assert.ok(html.includes(`<figure data-embed="youtube" data-embed-id="${VIDEO}"><a href="https://www.youtube.com/watch?v=${VIDEO}" rel="noopener">`), html);
    assert.match(html, /<img src="\/media\/souk\.png" alt="واجهة السوق" width="1200" height="630">/);
    assert.doesNotMatch(html, /javascript:/);
    // Everything the editor produces survives the server's allowlist (images only gain loading=lazy).
    assert.equal(sanitizeArticleHtml(html), html.replace(/<img ([^>]*)>/g, '<img $1 loading="lazy" />'));

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'admin-editor-client-ar');

    // A normal submit posts the editor's HTML in the body field.
    await Promise.all([page.waitForURL(/\/submit$/), page.click('button[name=action]')]);
    const submitted = fx.posted.findLast((p) => p.path === '/submit');
    assert.equal(submitted?.fields.get('body'), html);
    assert.equal(submitted?.fields.get('_csrf'), 'token-123');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('keeps only what an article may hold from pasted HTML, and turns a pasted YouTube or X link into an embed', async () => {
    const { page, errors } = await openEditor(browser, `${fx.origin}/editor`);
    await page.click('.rich-editor-content');
    const paste = (data: Record<string, string>) =>
      page.$eval(
        '.rich-editor-content',
        (el, d) => {
          const dt = new DataTransfer();
          for (const [type, value] of Object.entries(d)) dt.setData(type, value);
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        },
        data,
      );
    await paste({
      'text/html':
        '<h1 style="color:red">عنوان كبير</h1><p class="MsoNormal" onclick="alert(1)">نص <span style="font-weight:bold">منسوخ</span> ' +
        '<a href="javascript:alert(1)">رابط خبيث</a> <a href="https://example.org/" target="_blank">رابط سليم</a></p>' +
        '<script>alert(1)</script><iframe src="https://evil.example/"></iframe><img src="data:image/png;base64,AAAA" alt="">',
      'text/plain': 'عنوان كبير',
    });
    // Google Docs: a <b style="font-weight:normal"> around everything, bold and italic as styles.
    await paste({
      'text/html':
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="rtl" style="line-height:1.38">' +
        '<span style="font-weight:700;color:#000">عريض</span><span style="font-weight:400"> عادي </span><span style="font-style:italic">مائل</span></p></b>',
    });
    await paste({ 'text/plain': `https://x.com/nasa/status/1460323737035677698` });
    const html = await bodyValue(page);
    assert.doesNotMatch(html, /script|iframe|onclick|javascript:|style=|class=|target=|data:image|<h1/, html);
    assert.match(html, /عنوان كبير/);
    assert.ok(html.includes('نص <strong>منسوخ</strong>'), 'bold from a style attribute is kept');
    assert.ok(html.includes('<strong>عريض</strong> عادي <em>مائل</em>'), 'and Google Docs’ wrapper does not make it all bold');
    assert.match(html, /<a rel="noopener" href="https:\/\/example\.org\/">رابط سليم<\/a>/);
    assert.ok(html.includes('<figure data-embed="x" data-embed-id="1460323737035677698">'), html);
    assert.equal(sanitizeArticleHtml(html), html, 'nothing left for the server to strip');
    // Chromium reports the pasted style and onclick attributes to the page's CSP while parsing
    // them into an inert document (and blocks them); nothing else went wrong.
    assert.deepEqual(errors.filter((e) => !/^(Applying inline style|Executing inline event handler) violates .* The action has been blocked\.$/.test(e)), []);
    await page.close();
  });

  it('autosaves the whole form when the text or the title changed, keeps the version it is given, and stops on a conflict', async () => {
    const { page } = await openEditor(browser, `${fx.origin}/editor?body=${encodeURIComponent('<p>نص قديم</p>')}`);
    fx.answer.autosave = () => ({ ok: true, savedAt: '2026-11-29T09:41:00.000Z', version: 8 });
    const autosaves = () => fx.posted.filter((p) => p.path === '/autosave');
    const before = autosaves().length;
    await page.click('.rich-editor-content');
    await page.keyboard.press('End');
    await page.keyboard.type(' وجديد');
    assert.equal(await page.textContent('.rich-editor-status'), 'تغييرات غير محفوظة');
    // Leaving the text for the title saves at once (no need to wait for the 10 s timer).
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/autosave')), page.click('#title')]);
    assert.equal(res.status(), 200);
    const first = autosaves().at(-1)!;
    assert.equal(autosaves().length, before + 1);
    assert.equal(first.accept, 'application/json');
    assert.match(first.type, /^application\/x-www-form-urlencoded/);
    assert.equal(first.fields.get('_csrf'), 'token-123');
    assert.equal(first.fields.get('version'), '7');
    assert.equal(first.fields.get('body'), '<p dir="auto">نص قديم وجديد</p>');
    await page.waitForFunction(() => document.querySelector('.rich-editor-status')?.textContent?.startsWith('حُفظت'));
    assert.equal(await page.inputValue('input[name=version]'), '8');

    // Nothing changed: leaving again does not post.
    await page.click('.rich-editor-content');
    await page.click('#title');
    // The title alone is a change; the next save carries the new version.
    fx.answer.autosave = () => ({ ok: false, conflict: true, error: 'edited by someone else' });
    await page.fill('#title', 'عنوان جديد');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/autosave')), page.click('.rich-editor-content')]);
    const second = autosaves().at(-1)!;
    assert.equal(autosaves().length, before + 2);
    assert.equal(second.fields.get('title'), 'عنوان جديد');
    assert.equal(second.fields.get('version'), '8');
    await page.waitForFunction(() => document.querySelector('.rich-editor-status')?.classList.contains('rich-status-error'));
    assert.match((await page.textContent('.rich-editor-status')) ?? '', /عدّل شخص آخر/);
    // After a conflict, autosave stays off: more typing and leaving post nothing. A save on
    // leaving calls fetch within the click itself, so the page counts its calls: no waiting for
    // a request that should not come.
    await page.evaluate(() => {
      const w = window as unknown as { fetchCalls: number; fetch: typeof fetch };
      const real = w.fetch.bind(window);
      w.fetchCalls = 0;
      w.fetch = (...args) => (w.fetchCalls++, real(...args));
    });
    await page.keyboard.type(' إضافة');
    await page.click('#title');
    assert.equal(await page.evaluate(() => (window as unknown as { fetchCalls: number }).fetchCalls), 0, 'no save was started');
    assert.equal(autosaves().length, before + 2);
    await page.close();
  });

  it('copes with a missing media library and a refused autosave, and saves on a timer (English, left-to-right)', async () => {
    fx.answer.media = () => ({ status: 404, body: { error: 'not found' } });
    const { page, errors } = await openEditor(browser, `${fx.origin}/editor-en?interval=1&body=${encodeURIComponent('<p>Text</p>')}`);
    assert.equal(await page.$eval('.rich-editor-content', (e) => getComputedStyle(e).direction), 'ltr');
    assert.equal(await page.textContent('.rich-tool-h2'), 'Heading');
    await page.click('.rich-tool-image');
    await page.waitForFunction(() => document.querySelector('.rich-media-status')?.textContent === 'No images in the media library yet.');
    assert.equal(await page.isDisabled('dialog.rich-media button[type=submit]'), true);
    await page.click('dialog.rich-media button:has-text("Cancel")');
    await page.waitForSelector('dialog.rich-media', { state: 'detached' });
    assert.equal(await bodyValue(page), '<p>Text</p>', 'nothing inserted, nothing changed');

    // The server refuses the draft: the writer is told why, and the text stays in the editor.
    // (This page saves every second, so no need to leave the text.)
    fx.answer.autosave = () => ({ ok: false, error: 'Title is required' });
    await page.click('.rich-editor-content');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/autosave')), page.keyboard.type(' more')]);
    await page.waitForFunction(() => document.querySelector('.rich-editor-status')?.textContent === 'Autosave refused: Title is required');
    assert.equal(await bodyValue(page), '<p dir="auto">Text more</p>');
    await screenshot(page, 'admin-editor-client-en');
    // The library's 404 is the only failed request.
    assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
    assert.equal(errors.length, 1);
    await page.close();
  });
});

describeInBrowser('the rich-text editor on the newsroom’s article page', () => {
  let live: LiveSite;
  let browser: Browser;
  const url = (path: string) => live.origin + path;

  before(async () => {
    live = await liveSite();
    const accounts = new AccountService({ repos: live.site.repos, clock: live.site.clock, hashCost: CHEAP_HASH });
    await accounts.create({ email: 'writer@example.org', name: 'ليلى حداد', role: 'editor', password: PASSWORD });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  it('writes a new Arabic article: autosave creates the draft, the editor’s HTML is what is stored', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(url('/admin/login'));
    await signIn(page, 'writer@example.org');
    await page.goto(url('/admin/articles/new?edition=ar'));
    await page.waitForSelector('.rich-editor-content');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    assert.equal(await page.$eval('.rich-editor-content', (e) => getComputedStyle(e).direction), 'rtl');

    await page.fill('#title', 'السوق يفتح أبوابه');
    await page.click('.rich-editor-content');
    await page.keyboard.type('الافتتاح');
    await page.click('.rich-tool-h2');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.click('.rich-tool-bold');
    await page.keyboard.type('عاجل:');
    await page.click('.rich-tool-bold');
    await page.keyboard.type(' فتح السوق القديم أبوابه صباح اليوم.');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/autosave') && r.request().method() === 'POST'), page.click('#title')]);
    const answer = (await res.json()) as { ok: boolean; id: number; version: number };
    assert.equal(answer.ok, true, JSON.stringify(answer));
    await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent?.startsWith('حُفظت'));
    // The page now edits the article autosave created (a manual save must not make a second one).
    assert.equal(await page.getAttribute('#article-form', 'action'), `/admin/articles/${answer.id}/edit`);
    assert.equal(new URL(page.url()).pathname, `/admin/articles/${answer.id}/edit`, 'a reload opens the draft');
    assert.equal(await page.inputValue('input[name=version]'), String(answer.version));

    const html = await bodyValue(page);
    assert.equal(html, '<h2 dir="auto">الافتتاح</h2><p dir="auto"><strong>عاجل:</strong> فتح السوق القديم أبوابه صباح اليوم.</p>');
    const stored = async () =>
      (await live.site.repos.db.kysely.selectFrom('articles').select(['body_html', 'status', 'title']).where('id', '=', answer.id).executeTakeFirstOrThrow());
    assert.deepEqual(await stored(), { body_html: html, status: 'draft', title: 'السوق يفتح أبوابه' });
    await screenshot(page, 'admin-editor-page-ar');
    const axe = await new AxeBuilder({ page }).include('.rich-editor').include('.rich-editor-status').withTags(['wcag2a', 'wcag2aa']).analyze();
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);

    // The image tool reads the newsroom's real media library (empty here).
    await page.click('.rich-tool-image');
    await page.waitForFunction(() => document.querySelector('.rich-media-status')?.textContent === 'لا صور في مكتبة الوسائط بعد.');
    await page.click('dialog.rich-media button:has-text("إلغاء")');
    await page.waitForSelector('dialog.rich-media', { state: 'detached' });

    // A link, then the form's own submit (the first button): the same HTML goes through the save route.
    await page.click('.rich-editor-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('المصدر');
    await page.keyboard.press('Shift+Home');
    const dialogs = answerDialogs(page);
    dialogs.prompts.push('https://example.org/souk');
    await page.keyboard.press('Control+k');
    const withLink = await bodyValue(page);
    assert.ok(withLink.endsWith('<p dir="auto"><a rel="noopener" href="https://example.org/souk">المصدر</a></p>'), withLink);
    await Promise.all([page.waitForURL(new RegExp(`/admin/articles/${answer.id}/edit`)), page.click('#article-form button[type=submit]')]);
    assert.equal((await stored()).body_html, withLink);
    assert.equal(await page.$eval('#article-body', (t) => (t as HTMLTextAreaElement).value), withLink, 'the page shows the saved text again');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the embeds of a published article as link cards, with no request to another site', async () => {
    const slug = (await live.site.repos.db.kysely.selectFrom('users').select('slug').executeTakeFirstOrThrow()).slug;
    const id = await live.site.articles.save({
      edition: 'ar',
      title: 'فيديو الافتتاح',
      bodyHtml: `<p dir="auto">شاهد الافتتاح:</p><figure data-embed="youtube" data-embed-id="${VIDEO}"></figure><figure data-embed="x" data-embed-id="1460323737035677698"></figure><p dir="auto">نهاية.</p>`,
      status: 'published',
      publishedAt: '2026-11-28T08:00:00Z',
      commentStatus: 'open',
      authorSlugs: [slug],
    });
    const page = await browser.context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(url(`/?p=${id}`), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    assert.deepEqual(await page.locator('.embed-card .embed-provider').allTextContents(), ['YouTube', 'X']);
    assert.equal(await page.getAttribute('.embed-youtube a', 'href'), `https://www.youtube.com/watch?v=${VIDEO}`);
    assert.deepEqual(requested.filter((u) => !u.startsWith(live.origin)), []);
    await screenshot(page, 'public-article-embeds-ar');
    await page.close();
  });
});
