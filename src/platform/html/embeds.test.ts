import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embedFromUrl, embedOf, embedPlaceholderHtml, renderEmbedCards } from './embeds.ts';
import { sanitizeArticleHtml } from './sanitize.ts';

const VIDEO = 'dQw4w9WgXcQ';
const POST = '1460323737035677698';
const youtube = embedPlaceholderHtml({ provider: 'youtube', id: VIDEO });
const x = embedPlaceholderHtml({ provider: 'x', id: POST });

describe('recognising YouTube and X links', () => {
  it('reads the usual shapes of a YouTube link', () => {
    for (const url of [
      `https://www.youtube.com/watch?v=${VIDEO}`,
      `https://youtube.com/watch?feature=share&v=${VIDEO}&t=42`,
      `http://m.youtube.com/watch?v=${VIDEO}`,
      `https://youtu.be/${VIDEO}?si=abc`,
      `https://www.youtube.com/shorts/${VIDEO}`,
      `https://www.youtube.com/embed/${VIDEO}`,
      `https://www.youtube-nocookie.com/embed/${VIDEO}`,
      `  https://www.youtube.com/live/${VIDEO}  `,
    ]) {
      assert.deepEqual(embedFromUrl(url), { provider: 'youtube', id: VIDEO }, url);
    }
  });

  it('reads X and Twitter post links', () => {
    for (const url of [
      `https://x.com/NASA/status/${POST}`,
      `https://twitter.com/nasa/status/${POST}?s=20`,
      `https://mobile.twitter.com/nasa/status/${POST}/photo/1`,
      `https://x.com/i/web/status/${POST}`,
      `https://x.com/i/status/${POST}`,
    ]) {
      assert.deepEqual(embedFromUrl(url), { provider: 'x', id: POST }, url);
    }
  });

  it('refuses look-alike hosts, other schemes, credentials, ports and malformed ids', () => {
    for (const url of [
      `https://youtube.com.evil.example/watch?v=${VIDEO}`,
      `https://evil.example/?u=https://youtu.be/${VIDEO}`,
      `https://notyoutube.com/watch?v=${VIDEO}`,
      `javascript:alert(1)//youtu.be/${VIDEO}`,
      `data:text/html,https://youtu.be/${VIDEO}`,
      `https://user:pw@youtu.be/${VIDEO}`,
      `https://youtu.be:8443/${VIDEO}`,
      `https://youtu.be/${VIDEO}x`,
      `https://youtu.be/${VIDEO.slice(0, 10)}`,
      'https://www.youtube.com/watch?v=dQw4w9WgX"Q',
      'https://www.youtube.com/watch?v=<script>xx',
      `https://www.youtube.com/channel/${VIDEO}`,
      `https://x.com/nasa/status/${POST}x`,
      'https://x.com/nasa/status/0123',
      'https://x.com/nasa/status/12345678901234567890',
      `https://x.com/has-dash/status/${POST}`,
      `https://x.com/nasa/likes/${POST}`,
      'not a url',
      '',
    ]) {
      assert.equal(embedFromUrl(url), null, url);
    }
  });

  it('checks a stored (provider, id) pair strictly', () => {
    assert.deepEqual(embedOf('youtube', VIDEO), { provider: 'youtube', id: VIDEO });
    assert.equal(embedOf('vimeo', '123'), null);
    assert.equal(embedOf('youtube', `${VIDEO}\n`), null);
    assert.equal(embedOf('x', ' 1'), null);
    assert.equal(embedOf('__proto__', VIDEO), null);
    assert.equal(embedOf('youtube', undefined), null);
  });
});

describe('embed placeholders in stored HTML', () => {
  it('keeps a well-formed placeholder exactly (the editor’s output survives a save, and a second one)', () => {
    const html = `<p dir="auto">قبل</p>${youtube}${x}<p dir="auto">بعد</p>`;
    assert.equal(sanitizeArticleHtml(html), html);
    assert.equal(sanitizeArticleHtml(sanitizeArticleHtml(html)), html);
  });

  it('rebuilds the content and the link of a placeholder from its id, whatever was inside', () => {
    const hostile =
      `<figure data-embed="youtube" data-embed-id="${VIDEO}" class="x" style="color:red" onclick="alert(1)" dir="rtl">` +
      '<a href="https://evil.example/phish">click</a><img src="https://tracker.example/p.gif"><figure><p>nested</p></figure>' +
      '<script>alert(1)</script></figure><p>after</p>';
    assert.equal(sanitizeArticleHtml(hostile), `${youtube}<p>after</p>`);
  });

  it('turns a placeholder with a bad provider or id into a plain figure, keeping its safe content', () => {
    for (const [provider, id] of [
      ['youtube', `${VIDEO}&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;`],
      ['youtube', 'short'],
      ['vimeo', '76979871'],
      ['x', 'abc'],
      ['x', '1 onerror=alert(1)'],
      ['', ''],
    ]) {
      const out = sanitizeArticleHtml(`<figure data-embed="${provider}" data-embed-id="${id}"><a href="https://example.org/">link</a></figure>`);
      assert.doesNotMatch(out, /data-embed|<script|onerror=/, out);
      assert.match(out, /^<figure>/, out);
    }
  });

  it('does not let text that looks like a placeholder become one', () => {
    const out = sanitizeArticleHtml(`<p>&lt;figure data-embed="youtube" data-embed-id="${VIDEO}"&gt;&lt;/figure&gt;</p>`);
    assert.doesNotMatch(out, /<figure/);
    assert.equal(renderEmbedCards(out), out);
  });

  it('keeps other figures (images with captions) as they were', () => {
    const html = '<figure><img src="https://example.org/a.jpg" alt="صورة" loading="lazy" /><figcaption>تعليق</figcaption></figure>';
    assert.equal(sanitizeArticleHtml(html), html);
  });

  it('handles an unclosed or nested embed figure without breaking the rest of the article', () => {
    const unclosed = sanitizeArticleHtml(`<p>a</p><figure data-embed="x" data-embed-id="${POST}"><p>b`);
    assert.equal(unclosed, `<p>a</p>${x}`);
    const nested = sanitizeArticleHtml(`<figure><figure data-embed="x" data-embed-id="${POST}"></figure><figcaption>c</figcaption></figure>`);
    assert.equal(nested, `<figure>${x}<figcaption>c</figcaption></figure>`);
  });
});

describe('embeds on the public site', () => {
  it('renders a placeholder as a link card with the provider name, and nothing that loads from the provider', () => {
    const html = renderEmbedCards(`<p>نص</p>${youtube}${x}`);
    assert.equal(
      html,
      '<p>نص</p>' +
        '<figure class="embed embed-youtube"><a class="embed-card" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener nofollow external">' +
        '<span class="embed-provider">YouTube</span><span class="embed-url" dir="ltr">youtube.com/watch?v=dQw4w9WgXcQ</span></a></figure>' +
        '<figure class="embed embed-x"><a class="embed-card" href="https://x.com/i/web/status/1460323737035677698" rel="noopener nofollow external">' +
        '<span class="embed-provider">X</span><span class="embed-url" dir="ltr">x.com/i/web/status/1460323737035677698</span></a></figure>',
    );
    assert.doesNotMatch(html, /<iframe|<script|<img|src=/);
  });

  it('leaves anything that is not an exact, valid placeholder alone', () => {
    for (const html of [
      '<figure data-embed="vimeo" data-embed-id="76979871"><a href="https://vimeo.com/76979871" rel="noopener">v</a></figure>',
      '<figure data-embed="youtube" data-embed-id="short"><a href="https://www.youtube.com/watch?v=short" rel="noopener">v</a></figure>',
      '<p>no embeds</p>',
    ]) {
      assert.equal(renderEmbedCards(html), html);
    }
  });

  it('builds the card’s link from the id, not from the stored href', () => {
    const tampered = youtube.replace(`href="https://www.youtube.com/watch?v=${VIDEO}"`, 'href="https://evil.example/"');
    const html = renderEmbedCards(tampered);
    assert.match(html, /href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"/);
    assert.doesNotMatch(html, /evil/);
  });
});
