import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerptOf, htmlToText, paragraphsToHtml, sanitizeArticleHtml } from './sanitize.ts';

describe('stored article HTML', () => {
  it('keeps structure, Arabic text and direction', () => {
    const html = '<p dir="rtl">نص <strong>مهم</strong></p><h2>عنوان</h2>';
    assert.equal(sanitizeArticleHtml(html), html);
  });

  it('drops scripts, event handlers and javascript: links', () => {
    const out = sanitizeArticleHtml('<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">b</a><img src=x onerror=alert(1)>');
    assert.doesNotMatch(out, /script|onclick|onerror|javascript:/i);
  });

  it('gives outgoing links rel=noopener', () => {
    assert.match(sanitizeArticleHtml('<a href="https://example.org">x</a>'), /rel="noopener"/);
  });
});

describe('a gallery in stored article HTML', () => {
  it('keeps the one class the theme lays out as a grid, and no other', () => {
    assert.equal(
      sanitizeArticleHtml('<figure class="gallery alignleft"><figure class="gallery-item"><img src="https://example.org/a.jpg" alt="أ"></figure></figure><p class="gallery">x</p>'),
      '<figure class="gallery"><figure><img src="https://example.org/a.jpg" alt="أ" loading="lazy" /></figure></figure><p>x</p>',
    );
  });
});

describe('plain text of an article', () => {
  it('escapes import paragraphs into HTML paragraphs', () => {
    assert.equal(paragraphsToHtml(['a < b', 'ج & د']), '<p>a &#60; b</p>\n<p>ج &#38; د</p>');
  });

  it('round-trips paragraphs and entities', () => {
    assert.equal(htmlToText(paragraphsToHtml(['a < b', 'ج & د'])), 'a < b\n\nج & د');
  });

  it('keeps a table as the editor writes it, and its cells words apart in the text', () => {
    const table = '<table><tbody><tr><th>السوق</th><th>المحلات</th></tr><tr><td>الزرب</td><td>٤٠</td></tr></tbody></table>';
    assert.equal(sanitizeArticleHtml(table), table);
    assert.equal(htmlToText(table), 'السوق المحلات\n\nالزرب ٤٠');
  });

  it('makes an excerpt cut at a word boundary', () => {
    assert.equal(excerptOf('كلمة '.repeat(100), 30), 'كلمة كلمة كلمة كلمة كلمة كلمة…');
    assert.equal(excerptOf('قصير'), 'قصير');
  });

  it('makes the same excerpt from a long text whatever its runs of spaces and line breaks', () => {
    const flatten = (t: string, max: number) => {
      const flat = t.replace(/\s+/g, ' ').trim();
      if (flat.length <= max) return flat;
      const cut = flat.slice(0, max);
      const space = cut.lastIndexOf(' ');
      return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s،,.؛;:]+$/u, '')}…`;
    };
    const texts = [
      'كلمة '.repeat(200), `${' '.repeat(500)}كلمة`, `${'\n'.repeat(300)}${'كلمة  \n\n'.repeat(80)}`,
      `${'ab '.repeat(70)}${' '.repeat(400)}${'cd '.repeat(70)}`, 'x'.repeat(1000), `${'كلمة '.repeat(20)}${' \n'.repeat(300)}`,
    ];
    for (const t of texts) for (const max of [30, 220]) assert.equal(excerptOf(t, max), flatten(t, max), JSON.stringify(t.slice(0, 40)));
  });
});
