import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanText } from '../../src/services/comments/text.ts';
import { AR_ARTICLE, commentSite, section, textOf, type CommentSite } from '../support/comments.ts';

/**
 * Hostile comments must render as text. Preact escapes every text and attribute value, so any
 * `<` left in the output is markup we wrote: scanning tags and attributes against an allowlist
 * proves that nothing a commenter typed became an element, a handler or a script URL.
 */
const TAGS = new Set(['section', 'h2', 'h3', 'ol', 'ul', 'li', 'article', 'footer', 'svg', 'rect', 'path', 'b', 'bdi', 'a', 'time', 'p', 'br', 'div', 'small', 'form', 'span', 'label', 'textarea', 'input', 'nav']);

function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  // Every `<` must start one of our tags: an escaped text never contains a raw one.
  const tags = html.match(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g)?.length ?? 0;
  if (tags !== (html.match(/</g)?.length ?? 0)) problems.push('a raw < outside our tags');
  // Attribute values are quoted and never contain `"` (Preact escapes it), but may contain `>`.
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const [, , tag = '', attrs = ''] = m;
    if (!TAGS.has(tag.toLowerCase())) problems.push(`tag <${tag}>`);
    for (const a of attrs.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
      const [, name = '', value = ''] = a;
      if (/^on/i.test(name) || name === 'style' || name === 'src' || name === 'srcdoc') problems.push(`attribute ${name} on <${tag}>`);
      if (name === 'href' && !/^(https?:\/\/|\/|#)/.test(value)) problems.push(`href="${value}"`);
    }
  }
  return problems;
}

// Another article than the one the tests above comment on, so the pages hold only the corpus.
const CORPUS_ARTICLE_ID = 3;
const CORPUS_ARTICLE = `/ar/2022/03/01/${encodeURIComponent('أسواق-الطاقة-تترقب-قرارات-الأسبوع-المقبل')}/`;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

describe('hostile comments are shown as text, never run', () => {
  let s: CommentSite;
  before(async () => {
    s = await commentSite();
  });
  after(() => s.close());

  it('escapes <script>, <img onerror>, javascript: URLs and drops bidi overrides (posted through the form)', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(document.cookie)>',
      '<a href="javascript:alert(1)">click</a> javascript:alert(1)',
      '"><svg onload=alert(1)>',
      'evil\u202Egnp.exe\u202C and \u2067isolate\u2069',
    ];
    const who = { author: '<b onmouseover=alert(1)>Mallory</b>', email: 'mallory@example.org', url: 'https://mallory.example/"onmouseover="alert(1)' };
    const first = await s.post({ ...who, comment: hostile[0]! });
    assert.equal(first.status, 303, first.body.slice(0, 300));
    await s.comments.setStatus(Number(/#comment-(\d+)/.exec(first.location!)![1]), 'approved');
    for (const body of hostile.slice(1)) {
      s.clock.advance(20_000);
      assert.equal((await s.post({ ...who, comment: body })).status, 303);
    }
    const sec = section((await s.page(AR_ARTICLE)).html);
    assert.deepEqual(unsafeMarkup(sec), []);
    const text = textOf(sec);
    for (const body of hostile) assert.ok(text.includes(body.replace(new RegExp(BIDI.source, 'g'), '')), body);
    assert.ok(!BIDI.test(sec), 'no bidi override character reaches the page');
    assert.ok(text.includes('<b onmouseover=alert(1)>Mallory</b>'));
    assert.match(sec, /href="https:\/\/mallory.example\/%22onmouseover=%22alert\(1\)" rel="external nofollow ugc noopener"/);
  });

  it('refuses a javascript: website and keeps it only as text in the re-shown form', async () => {
    const r = await s.post({ author: 'x', email: 'x@example.org', url: 'javascript:alert(1)', comment: 'hi' });
    assert.equal(r.status, 400);
    assert.deepEqual(unsafeMarkup(section(r.body)), []);
  });

  it('re-shows hostile text in the form escaped (the error path renders it too)', async () => {
    const r = await s.post({ author: '</textarea><script>alert(1)</script>', email: '', comment: '</textarea><img src=x onerror=alert(1)>' });
    assert.equal(r.status, 400);
    assert.deepEqual(unsafeMarkup(section(r.body)), []);
    assert.ok(r.body.includes('&lt;/textarea>&lt;img src=x onerror=alert(1)></textarea>'));
  });

  const corpusDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'xss-payloads');
  const corpusSkip = existsSync(corpusDir) ? false : `the payload lists are not here (${corpusDir}); they come with ../shared`;

  it('renders every payload of the public XSS lists as text (payloadbox, PayloadsAllTheThings)', { skip: corpusSkip }, async () => {
    // SOURCE.md: the event-handler lists hold names, not payloads, and jsonp_endpoint.txt holds URLs.
    const skip = new Set(['0xcela_event_handlers.txt', 'port_swigger_xss_cheatsheet_event_handlers.txt', 'jsonp_endpoint.txt']);
    const files = [join(corpusDir, 'payloadbox', 'xss-payload-list.txt')];
    const patt = join(corpusDir, 'payloadsallthethings');
    if (existsSync(patt)) for (const f of readdirSync(patt)) if (f.endsWith('.txt') && !skip.has(f)) files.push(join(patt, f));
    const payloads = [...new Set(files.flatMap((f) => readFileSync(f, 'utf8').split(/\r?\n/)).map((l) => cleanText(l)).filter(Boolean))];
    assert.ok(payloads.length > 5000, `only ${payloads.length} payloads`);

    // Written straight to storage (the posting rules are tested elsewhere): this is about rendering.
    const at = new Date('2024-05-01T10:00:00Z').getTime();
    for (let i = 0; i < payloads.length; i += 500) {
      await s.repos.write(async (tx) => {
        for (const [j, p] of payloads.slice(i, i + 500).entries()) {
          await s.repos.comments.insert(tx, {
            articleId: CORPUS_ARTICLE_ID, parentId: null, authorName: p.slice(0, 245), authorEmail: 'x@example.org', authorUrl: p.startsWith('http') ? p.slice(0, 200) : '',
            body: p, status: 'approved', ip: '', userAgent: '', createdAt: new Date(at + (i + j) * 1000).toISOString(), emailHash: 'h', bodyHash: String(i + j),
          });
        }
      }, { invalidates: ['edition:ar'] });
    }
    await s.comments.updatePolicy('ar', [['per-page', '1000']]);
    let shown = 0;
    for (let page = 1; shown < payloads.length; page++) {
      const res = await s.page(`${CORPUS_ARTICLE}?cpage=${page}`);
      assert.equal(res.status, 200);
      const sec = section(res.html);
      assert.deepEqual(unsafeMarkup(sec).slice(0, 5), [], `page ${page}`);
      const items = [...sec.matchAll(/<div class="comment-content">(.*?)<\/div>/g)].map((m) => textOf(m[1]!.replace(/<br\/>/g, '\n')));
      for (const t of items) {
        const p = payloads[shown++]!;
        assert.equal(t.replace(/\s+/g, ' ').trim(), p.replace(new RegExp(BIDI.source, 'g'), '').replace(/\s+/g, ' ').trim(), `payload ${shown}`);
      }
      assert.ok(items.length > 0 && page < 100);
    }
  });
});
