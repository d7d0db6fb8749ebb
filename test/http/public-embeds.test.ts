import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from '../support/app.ts';

const VIDEO = 'dQw4w9WgXcQ';
const POST = '1460323737035677698';

describe('YouTube and X embeds on the public site', () => {
  let site: TestSite;
  let html: string;
  let feed: string;
  before(async () => {
    site = await testSite();
    await writeNewsroom(site);
    // What the editor posts, with a hostile extra inside the first placeholder and a forged one.
    const id = await site.articles.save({
      edition: 'ar',
      title: 'مقال فيه تضمين',
      bodyHtml:
        '<p dir="auto">قبل الفيديو</p>' +
        `<figure data-embed="youtube" data-embed-id="${VIDEO}"><a href="https://www.youtube.com/watch?v=${VIDEO}" rel="noopener">https://www.youtube.com/watch?v=${VIDEO}</a><iframe src="https://www.youtube.com/embed/${VIDEO}"></iframe></figure>` +
        `<figure data-embed="x" data-embed-id="${POST}"><a href="https://x.com/i/web/status/${POST}" rel="noopener">https://x.com/i/web/status/${POST}</a></figure>` +
        '<figure data-embed="youtube" data-embed-id="bad"><a href="https://evil.example/">forged</a></figure>' +
        '<p dir="auto">بعد الفيديو</p>',
      status: 'published',
      publishedAt: '2022-03-01T08:00:00Z',
      commentStatus: 'open',
      authorSlugs: ['salma-nour'],
    });
    const short = await site.app.fastify.inject(`/?p=${id}`);
    assert.equal(short.statusCode, 301);
    const permalink = new URL(String(short.headers.location), 'http://news.test').pathname;
    const res = await site.app.fastify.inject(permalink);
    assert.equal(res.statusCode, 200);
    html = res.body;
    feed = (await site.app.fastify.inject('/ar/feed/')).body;
  });
  after(() => site.close());

  it('shows each embed as a link card with the provider’s name', () => {
    assert.ok(
      html.includes(
        `<figure class="embed embed-youtube"><a class="embed-card" href="https://www.youtube.com/watch?v=${VIDEO}" rel="noopener nofollow external">` +
          `<span class="embed-provider">YouTube</span><span class="embed-url" dir="ltr">youtube.com/watch?v=${VIDEO}</span></a></figure>`,
      ),
    );
    assert.ok(html.includes(`<span class="embed-provider">X</span><span class="embed-url" dir="ltr">x.com/i/web/status/${POST}</span>`));
  });

  it('loads nothing from YouTube or X: no iframe, no third-party script or image', () => {
    assert.doesNotMatch(html, /<iframe/);
    const loaded = [...html.matchAll(/<(?:script|img|link|source)\b[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(loaded.filter((u) => /youtube|youtu\.be|x\.com|twitter|twimg|ytimg/.test(u)), []);
    // And no newsroom script reaches a public page.
    assert.doesNotMatch(html, /\/admin\/assets\//);
  });

  it('keeps a forged placeholder as a plain figure, without the id or the card', () => {
    assert.doesNotMatch(html, /data-embed/);
    assert.ok(html.includes('<figure><a href="https://evil.example/" rel="noopener">forged</a></figure>'));
  });

  it('leaves the placeholder as a plain link in the feed', () => {
    assert.ok(feed.includes(`https://www.youtube.com/watch?v=${VIDEO}`));
    assert.doesNotMatch(feed, /iframe/);
  });
});
