import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { SHARED_DIR } from '../../../test/support/corpus.ts';
import { sanitizeArticleHtml } from '../../platform/html/sanitize.ts';
import { convertWordPressContent, shortcodeAttrs, type WordPressAttachment, type WordPressContentContext } from './wordpress-content.ts';

const html = (raw: string, ctx?: WordPressContentContext) => convertWordPressContent(raw, ctx).html;
const OLD = 'https://old.example.sa/wp-content/uploads';
/** The importer's side: uploads it copied into the library, nothing else. */
const mediaUrl = (url: string) => (url.startsWith(`${OLD}/`) ? `/media/wp/${url.slice(OLD.length + 1)}` : undefined);
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const YT_CARD = `<figure data-embed="youtube" data-embed-id="dQw4w9WgXcQ"><a href="${YT}" rel="noopener">${YT}</a></figure>`;
const X_CARD = '<figure data-embed="x" data-embed-id="1497592828307423235"><a href="https://x.com/i/web/status/1497592828307423235" rel="noopener">https://x.com/i/web/status/1497592828307423235</a></figure>';

describe('classic posts are paragraphed as WordPress shows them (wpautop)', () => {
  it('makes paragraphs of blank-line-separated text and a <br> of a single line break, Arabic intact', () => {
    assert.equal(html('السطر الأول\nالسطر الثاني\n\nفقرة ثانية عن «الاقتصاد».\n\n\n\nثالثة'), '<p>السطر الأول<br />\nالسطر الثاني</p>\n<p>فقرة ثانية عن «الاقتصاد».</p>\n<p>ثالثة</p>');
  });

  it('leaves block elements unwrapped and paragraphs the text around them', () => {
    assert.equal(
      html('Intro line\n<ul>\n<li>first</li>\n<li>second</li>\n</ul>\nAfter the list\n<h2>Section</h2>\nBody'),
      '<p>Intro line</p>\n<ul><li>first</li><li>second</li></ul>\n<p>After the list</p>\n<h2>Section</h2>\n<p>Body</p>',
    );
  });

  it('puts a quotation’s text in paragraphs inside the blockquote', () => {
    assert.equal(html('<blockquote>قال الوزير\n\nثم أضاف</blockquote>'), '<blockquote><p>قال الوزير</p>\n<p>ثم أضاف</p></blockquote>');
  });

  it('keeps a table whole and a single line in a cell as it is', () => {
    assert.equal(html('<table>\n<tr>\n<td>القيمة</td>\n<td>12</td>\n</tr>\n</table>'), '<table><tr><td>القيمة</td><td>12</td></tr></table>');
  });

  it('keeps preformatted text exactly, with its blank lines', () => {
    assert.equal(html('Code:\n\n<pre>a\n\nb</pre>\n\nEnd'), '<p>Code:</p>\n<pre>a\n\nb</pre>\n<p>End</p>');
  });

  it('turns two <br>s into a paragraph break and drops <!--more--> and other comments', () => {
    assert.equal(html('مقدمة<!--more--><br><br>التفاصيل <!-- ملاحظة للمحرر -->هنا'), '<p>مقدمة</p>\n<p>التفاصيل هنا</p>');
  });

  it('keeps every heading as one the article body has (h2–h4), and a definition list as terms and definitions', () => {
    assert.equal(html('<h1>عنوان</h1>\n<h5>فرعي</h5>\n<h6>أصغر</h6>'), '<h2>عنوان</h2>\n<h4>فرعي</h4>\n<h4>أصغر</h4>');
    assert.equal(html('<dl>\n<dt>النفط</dt>\n<dd>سلعة</dd>\n</dl>'), '<p><strong>النفط</strong></p><p>سلعة</p>');
    assert.equal(html('<address>الرياض\nحي العليا</address>'), '<p>الرياض<br />\nحي العليا</p>');
  });

  it('gives nothing for a body of blanks', () => {
    assert.equal(html(' \n\n \r\n'), '');
  });

  it('keeps the line breaks inside a tag as spaces, not <br>', () => {
    assert.equal(html('A <a\nhref="https://example.org/">link</a> here'), '<p>A <a href="https://example.org/" rel="noopener">link</a> here</p>');
  });
});

describe('Gutenberg blocks lose their comments and keep their markup', () => {
  const post = [
    '<!-- wp:paragraph {"dropCap":true} -->\n<p class="has-drop-cap">افتتاحية <strong>العدد</strong></p>\n<!-- /wp:paragraph -->',
    '<!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading">Markets</h3>\n<!-- /wp:heading -->',
    '<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>نفط</li>\n<!-- /wp:list-item --><!-- wp:list-item -->\n<li>ذهب</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->',
    '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>Quoted words</p><cite>Someone</cite></blockquote>\n<!-- /wp:quote -->',
    '<!-- wp:separator -->\n<hr class="wp-block-separator has-alpha-channel-opacity"/>\n<!-- /wp:separator -->',
    '<!-- wp:table -->\n<figure class="wp-block-table"><table><tbody><tr><td>سعر</td><td>٣٠</td></tr></tbody></table></figure>\n<!-- /wp:table -->',
    '<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->',
  ].join('\n\n');

  it('renders paragraph, heading, list, quote, separator and table blocks without a comment or a class', () => {
    const out = html(post);
    assert.ok(!out.includes('<!--') && !out.includes('wp:') && !out.includes('class='), out);
    for (const part of ['<p>افتتاحية <strong>العدد</strong></p>', '<h3>Markets</h3>', '<li>نفط</li>', '<li>ذهب</li>', '<blockquote><p>Quoted words</p><cite>Someone</cite></blockquote>', '<hr />', '<td>سعر</td><td>٣٠</td>']) {
      assert.ok(out.includes(part), `${part} in ${out}`);
    }
  });

  it('does not paragraph block content (WordPress does not run wpautop on it)', () => {
    assert.equal(html('<!-- wp:paragraph -->\n<p>one\ntwo</p>\n<!-- /wp:paragraph -->'), '<p>one\ntwo</p>');
  });

  it('keeps an image block as a figure with its caption, alignment gone', () => {
    assert.equal(
      html(`<!-- wp:image {"id":7,"align":"right"} -->\n<figure class="wp-block-image alignright"><img src="${OLD}/2022/02/a.jpg" alt="الرياض" class="wp-image-7"/><figcaption class="wp-element-caption">مشهد من الرياض</figcaption></figure>\n<!-- /wp:image -->`),
      `<figure><img src="${OLD}/2022/02/a.jpg" alt="الرياض" loading="lazy" /><figcaption>مشهد من الرياض</figcaption></figure>`,
    );
  });

  it('makes a gallery of a gallery block, with inner image blocks (WordPress 5.9+) or the older list', () => {
    const modern =
      '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images columns-default">' +
      `<!-- wp:image {"id":1} -->\n<figure class="wp-block-image"><img src="${OLD}/a.jpg" alt="أ"/></figure>\n<!-- /wp:image -->\n\n` +
      `<!-- wp:image {"id":2} -->\n<figure class="wp-block-image"><img src="${OLD}/b.jpg" alt="ب"/><figcaption>ثانية</figcaption></figure>\n<!-- /wp:image -->` +
      '<figcaption class="blocks-gallery-caption">معرض الصور</figcaption></figure>\n<!-- /wp:gallery -->';
    assert.equal(
      html(modern),
      `<figure class="gallery"><figure><img src="${OLD}/a.jpg" alt="أ" loading="lazy" /></figure><figure><img src="${OLD}/b.jpg" alt="ب" loading="lazy" /><figcaption>ثانية</figcaption></figure><figcaption>معرض الصور</figcaption></figure>`,
    );
    const legacy =
      '<!-- wp:gallery {"ids":[1,2]} -->\n<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid">' +
      `<li class="blocks-gallery-item"><figure><img src="${OLD}/a.jpg" alt="A" data-id="1"/></figure></li>` +
      `<li class="blocks-gallery-item"><figure><img src="${OLD}/b.jpg" alt="B" data-id="2"/><figcaption class="blocks-gallery-item__caption">Second</figcaption></figure></li>` +
      '</ul><figcaption class="blocks-gallery-caption">Photos</figcaption></figure>\n<!-- /wp:gallery -->';
    assert.equal(
      html(legacy),
      `<figure class="gallery"><figure><img src="${OLD}/a.jpg" alt="A" loading="lazy" /></figure><figure><img src="${OLD}/b.jpg" alt="B" loading="lazy" /><figcaption>Second</figcaption></figure><figcaption>Photos</figcaption></figure>`,
    );
  });

  it('makes a link card of a YouTube or X embed block and keeps its caption as a paragraph', () => {
    assert.equal(
      html(`<!-- wp:embed {"url":"https://youtu.be/dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">\nhttps://youtu.be/dQw4w9WgXcQ\n</div><figcaption>المؤتمر الصحفي</figcaption></figure>\n<!-- /wp:embed -->`),
      `${YT_CARD}<p>المؤتمر الصحفي</p>`,
    );
    assert.equal(html('<!-- wp:core-embed/twitter {"url":"https://twitter.com/SPAregions/status/1497592828307423235"} -->\n<figure><div>\nhttps://twitter.com/SPAregions/status/1497592828307423235\n</div></figure>\n<!-- /wp:core-embed/twitter -->'), X_CARD);
  });

  it('makes a plain link of an embed Khabar has no card for', () => {
    assert.equal(html('<!-- wp:embed {"url":"https://vimeo.com/123"} -->\n<figure><div>\nhttps://vimeo.com/123\n</div></figure>\n<!-- /wp:embed -->'), '<p><a href="https://vimeo.com/123" rel="noopener">https://vimeo.com/123</a></p>');
  });

  it('makes a link of a video or audio block’s file (Khabar shows no players), caption kept', () => {
    assert.equal(
      html(`<!-- wp:video {"id":40} -->\n<figure class="wp-block-video"><video controls src="${OLD}/2023/01/clip.mp4"></video><figcaption>لقطة من الحدث</figcaption></figure>\n<!-- /wp:video -->`, { mediaUrl }),
      '<p><a href="/media/wp/2023/01/clip.mp4" rel="noopener">/media/wp/2023/01/clip.mp4</a></p><p>لقطة من الحدث</p>',
    );
  });

  it('leaves out blocks WordPress draws at view time, and says which', () => {
    const r = convertWordPressContent('<!-- wp:paragraph -->\n<p>قبل</p>\n<!-- /wp:paragraph -->\n<!-- wp:latest-posts {"postsToShow":3} /-->\n<!-- wp:block {"ref":12} /-->\n<!-- wp:spacer {"height":"40px"} -->\n<div style="height:40px" aria-hidden="true" class="wp-block-spacer"></div>\n<!-- /wp:spacer -->');
    assert.equal(r.html, '<p>قبل</p>');
    assert.deepEqual(r.unconverted, ['wp:latest-posts', 'wp:block']);
  });

  it('keeps the text of layout blocks (columns, groups) without their wrappers', () => {
    assert.equal(
      html('<!-- wp:columns -->\n<div class="wp-block-columns"><!-- wp:column -->\n<div class="wp-block-column"><!-- wp:paragraph -->\n<p>يمين</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->'),
      '<p>يمين</p>',
    );
  });

  it('converts shortcodes inside blocks, taking a figure out of the paragraph around it', () => {
    const attachment = (id: number): WordPressAttachment => ({ id, url: `${OLD}/${id}.jpg` });
    assert.equal(
      html('<!-- wp:shortcode -->\n[gallery ids="4" link="none"]\n<!-- /wp:shortcode -->\n<!-- wp:paragraph -->\n<p>[gallery ids="5" link="none"]</p>\n<!-- /wp:paragraph -->', { attachment }),
      `<figure class="gallery"><figure><img src="${OLD}/4.jpg" alt="" loading="lazy" /></figure></figure>\n<figure class="gallery"><figure><img src="${OLD}/5.jpg" alt="" loading="lazy" /></figure></figure>`,
    );
  });
});

describe('[caption] becomes a figure with its figcaption', () => {
  it('takes the image (and its link) from the content and the rest as the caption', () => {
    assert.equal(
      html(`[caption id="attachment_9" align="alignright" width="300"]<a href="${OLD}/a.jpg"><img class="size-medium wp-image-9" src="${OLD}/a-300x200.jpg" alt="وزير المالية" width="300" height="200" /></a> وزير المالية في المؤتمر[/caption]\n\nنص الخبر`),
      `<figure><a href="${OLD}/a.jpg" rel="noopener"><img src="${OLD}/a-300x200.jpg" alt="وزير المالية" width="300" height="200" loading="lazy" /></a><figcaption>وزير المالية في المؤتمر</figcaption></figure>\n<p>نص الخبر</p>`,
    );
  });

  it('reads the older caption="…" attribute, and [wp_caption]', () => {
    assert.equal(html('[wp_caption caption="Old style" width="200"]<img src="https://example.org/x.jpg" alt="" />[/wp_caption]'), '<figure><img src="https://example.org/x.jpg" alt="" loading="lazy" /><figcaption>Old style</figcaption></figure>');
  });

  it('leaves a caption with no image as its content', () => {
    assert.equal(html('[caption]just words[/caption]'), '<p>just words</p>');
  });
});

describe('[gallery] becomes a gallery of figures', () => {
  const library: Record<number, WordPressAttachment> = {
    11: { id: 11, url: `${OLD}/2021/05/souq.jpg`, alt: 'السوق', caption: 'سوق الزل' },
    12: { id: 12, url: `${OLD}/2021/05/port.jpg`, alt: 'Port' },
  };
  const ctx: WordPressContentContext = { attachment: (id) => library[id], mediaUrl };

  it('shows the listed attachments, each linked to its full-size file, through the library', () => {
    assert.equal(
      html('[gallery ids="11,12,99"]', ctx),
      '<figure class="gallery"><figure><a href="/media/wp/2021/05/souq.jpg" rel="noopener"><img src="/media/wp/2021/05/souq.jpg" alt="السوق" loading="lazy" /></a><figcaption>سوق الزل</figcaption></figure>' +
        '<figure><a href="/media/wp/2021/05/port.jpg" rel="noopener"><img src="/media/wp/2021/05/port.jpg" alt="Port" loading="lazy" /></a></figure></figure>',
    );
  });

  it('without ids, shows the post’s own attachments (less the excluded ones), unlinked with link="none"', () => {
    const own = { ...ctx, postAttachments: () => [library[11]!, library[12]!] };
    assert.equal(html('[gallery exclude="11" link="none"]', own), '<figure class="gallery"><figure><img src="/media/wp/2021/05/port.jpg" alt="Port" loading="lazy" /></figure></figure>');
  });

  it('leaves out a gallery whose images the export does not have, and says so', () => {
    const r = convertWordPressContent('قبل\n\n[gallery ids="1,2"]\n\nبعد');
    assert.equal(r.html, '<p>قبل</p>\n<p>بعد</p>');
    assert.deepEqual(r.unconverted, ['[gallery]']);
  });
});

describe('embeds become the link cards Khabar already has', () => {
  it('converts [embed]URL[/embed] and a bare YouTube or X address alone on its line or in its paragraph', () => {
    assert.equal(html(`تابعوا:\n\n[embed width="640"]${YT}[/embed]\n\nhttps://x.com/SPAregions/status/1497592828307423235\n<p>https://youtu.be/dQw4w9WgXcQ</p>`), `<p>تابعوا:</p>\n${YT_CARD}\n${X_CARD}\n${YT_CARD}`);
  });

  it('leaves an address inside a sentence, and an unknown site alone on a line, as text', () => {
    assert.equal(html(`See ${YT} here\n\nhttps://vimeo.com/123`), `<p>See ${YT} here</p>\n<p>https://vimeo.com/123</p>`);
  });

  it('makes a link of an [audio] or [video] file, and a card of a YouTube [video]', () => {
    assert.equal(html(`[audio mp3="${OLD}/talk.mp3"][/audio]\n\n[video src="https://youtu.be/dQw4w9WgXcQ" /]`, { mediaUrl }), `<p><a href="/media/wp/talk.mp3" rel="noopener">/media/wp/talk.mp3</a></p>\n${YT_CARD}`);
  });
});

describe('shortcodes Khabar does not know', () => {
  it('are kept as text and listed once each', () => {
    const r = convertWordPressContent('[contact-form-7 id="3" title="اتصل بنا"]\n\n[poll id=2] و [poll id=3] [/poll] [1] [تحديث]');
    assert.equal(r.html, '<p>[contact-form-7 id="3" title="اتصل بنا"]</p>\n<p>[poll id=2] و [poll id=3] [/poll] [1] [تحديث]</p>');
    assert.deepEqual(r.unknownShortcodes, ['contact-form-7', 'poll']);
  });

  it('an escaped [[shortcode]] is its text, neither converted nor listed', () => {
    const r = convertWordPressContent('Write [[gallery]] or [[caption]]x[[/caption]]');
    assert.equal(r.html, '<p>Write [gallery] or [caption]x[/caption]</p>');
    assert.deepEqual(r.unknownShortcodes, []);
  });

  it('reads attributes in every form WordPress accepts', () => {
    assert.deepEqual(shortcodeAttrs(` ids="1,2" link='file' columns=3 "bare quoted" positional`), { ids: '1,2', link: 'file', columns: '3', 0: 'bare quoted', 1: 'positional' });
  });
});

describe('old upload addresses', () => {
  it('go through mediaUrl: images, links to the full-size file, srcset candidates', () => {
    assert.equal(
      html(`<a href="${OLD}/a.jpg"><img src="${OLD}/a-300x200.jpg" srcset="${OLD}/a-300x200.jpg 300w, ${OLD}/a.jpg 1024w" sizes="(max-width: 300px) 100vw" alt="" /></a> <a href="https://other.example/">other</a>`, { mediaUrl }),
      '<p><a href="/media/wp/a.jpg" rel="noopener"><img src="/media/wp/a-300x200.jpg" srcset="/media/wp/a-300x200.jpg 300w, /media/wp/a.jpg 1024w" sizes="(max-width: 300px) 100vw" alt="" loading="lazy" /></a> <a href="https://other.example/" rel="noopener">other</a></p>',
    );
  });

  it('drop a srcset (and its sizes) with a candidate the library does not have', () => {
    assert.equal(html(`<img src="${OLD}/a.jpg" srcset="${OLD}/a.jpg 1x, https://cdn.example/a@2x.jpg 2x" sizes="50vw" alt="">`, { mediaUrl }), '<p><img src="/media/wp/a.jpg" alt="" loading="lazy" /></p>');
  });

  it('stay as they were without mediaUrl (no --uploads)', () => {
    assert.equal(html(`<img src="${OLD}/a.jpg" alt="">`), `<p><img src="${OLD}/a.jpg" alt="" loading="lazy" /></p>`);
  });
});

describe('the output is the sanitiser’s', () => {
  it('drops scripts, handlers, styles and left/right alignment, and is a fixed point of the sanitiser', () => {
    const out = html('<p style="text-align:left" class="alignleft" onclick="x()">نص</p><script>alert(1)</script>\n\n[caption]<img src="javascript:alert(1)" onerror="x()"> c[/caption]');
    assert.ok(!/script|onclick|onerror|style=|class=|javascript:/i.test(out), out);
    assert.equal(sanitizeArticleHtml(out), out);
  });
});

/** The `content:encoded` bodies of a WXR file. */
function wxrBodies(file: string): string[] {
  const bodies: string[] = [];
  const parser = new SaxesParser();
  let body: string | null = null;
  parser.on('opentag', (t) => {
    if (t.name === 'content:encoded') body = '';
  });
  parser.on('text', (t) => {
    if (body !== null) body += t;
  });
  parser.on('cdata', (t) => {
    if (body !== null) body += t;
  });
  parser.on('closetag', (t) => {
    if (t.name === 'content:encoded' && body !== null) {
      bodies.push(body);
      body = null;
    }
  });
  parser.write(readFileSync(file, 'utf8')).close();
  return bodies;
}

const THEME_TEST = join(SHARED_DIR, 'data', 'wp-theme-unit-test');
const themeFiles = existsSync(THEME_TEST) ? readdirSync(THEME_TEST).filter((f) => f.endsWith('.xml')) : [];

describe('the WordPress theme unit test bodies', { skip: themeFiles.length ? false : `no WXR files in ${THEME_TEST} (public test data, absent outside the project's machines)` }, () => {
  for (const file of themeFiles) {
    it(`${file}: every body converts, with no block comment or known shortcode left, sanitised`, () => {
      const bodies = wxrBodies(join(THEME_TEST, file));
      assert.ok(bodies.length > 0);
      const ctx: WordPressContentContext = { attachment: (id) => ({ id, url: `${OLD}/${id}.jpg` }), postAttachments: () => [{ id: 1, url: `${OLD}/1.jpg` }], mediaUrl };
      for (const body of bodies) {
        const { html: out } = convertWordPressContent(body, ctx);
        assert.ok(!out.includes('<!--'), `a comment survived: ${out.slice(0, 200)}`);
        // (An escaped [[caption]] is meant to be read as text.)
        if (!body.includes('[[')) assert.ok(!/\[\/?(caption|wp_caption|gallery|embed|audio|video)[\s\]]/.test(out), `a known shortcode survived: ${out.slice(0, 300)}`);
        assert.equal(sanitizeArticleHtml(out), out);
      }
    });
  }
});
