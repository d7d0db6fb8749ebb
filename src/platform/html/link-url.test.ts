import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeLinkUrl } from './link-url.ts';
import { sanitizeArticleHtml } from './sanitize.ts';

describe('a link address typed in the editor', () => {
  it('keeps http, https and mailto addresses', () => {
    assert.equal(safeLinkUrl('https://example.org/ar/souk?q=1#x'), 'https://example.org/ar/souk?q=1#x');
    assert.equal(safeLinkUrl('  http://example.org  '), 'http://example.org/');
    assert.equal(safeLinkUrl('mailto:desk@example.org'), 'mailto:desk@example.org');
    assert.equal(safeLinkUrl('https://ar.wikipedia.org/wiki/دمشق'), 'https://ar.wikipedia.org/wiki/%D8%AF%D9%85%D8%B4%D9%82');
  });

  it('completes a bare host or e-mail address', () => {
    assert.equal(safeLinkUrl('example.org/page'), 'https://example.org/page');
    assert.equal(safeLinkUrl('www.example.org'), 'https://www.example.org/');
    assert.equal(safeLinkUrl('desk@example.org'), 'mailto:desk@example.org');
  });

  it('refuses every other scheme and things that are not addresses', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd', 'ftp://example.org/', 'mailto:nobody', 'not a link', 'localhost:3000', '']) {
      assert.equal(safeLinkUrl(bad), null, bad);
    }
  });

  it('gives only addresses the server keeps in a link', () => {
    for (const typed of ['https://example.org/a', 'example.org', 'desk@example.org']) {
      const href = safeLinkUrl(typed)!;
      const html = `<a href="${href}" rel="noopener">x</a>`;
      assert.equal(sanitizeArticleHtml(html), html, typed);
    }
  });
});
