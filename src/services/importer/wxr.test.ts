import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readWxr, surveyWxr, type WxrRecord, WxrError } from './wxr.ts';
import { scratchDir } from '../../../test/support/scratch-dir.ts';

const dir = scratchDir('khabar-wxr-');
let n = 0;
const file = (text: string) => {
  const p = join(dir, `f${++n}.xml`);
  writeFileSync(p, text);
  return p;
};
const wxr = (body: string, ns = 'xmlns:wp="http://wordpress.org/export/1.2/"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${ns} xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><link>https://x.example</link><wp:wxr_version>1.2</wp:wxr_version>${body}</channel></rss>`;
const records = async (path: string, chunk?: number) => {
  const out: WxrRecord[] = [];
  for await (const r of readWxr(path, chunk)) out.push(r);
  return out;
};

describe('reading a WordPress export (WXR), streamed', () => {
  it('hands over the channel, authors, terms and items with postmeta and comments as plain records, whatever the chunk size', async () => {
    const p = file(`\uFEFF${wxr(`<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[huda]]></wp:author_login><wp:author_display_name><![CDATA[هدى]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[رياضة]]></wp:cat_name></wp:category>
<item><title>عنوان &amp; آخر</title><dc:creator>huda</dc:creator><content:encoded><![CDATA[<p>نص ]]]]><![CDATA[> بعد</p>]]></content:encoded>
<wp:post_id>12</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:is_sticky>1</wp:is_sticky>
<category domain="category" nicename="%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9"><![CDATA[رياضة]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>40</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>قارئ</wp:comment_author><wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item>`)}`);
    for (const chunk of [7, 64 * 1024]) {
      const rs = await records(p, chunk);
      assert.deepEqual(rs.map((r) => r.kind), ['channel', 'author', 'term', 'item'], `chunk ${chunk}`);
      const item = rs[3]!.kind === 'item' ? rs[3]!.item : null;
      assert.equal(item?.title, 'عنوان & آخر');
      assert.equal(item?.content, '<p>نص ]]> بعد</p>');
      assert.equal(item?.sticky, true);
      assert.deepEqual(item?.terms, [{ domain: 'category', nicename: '%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9', name: 'رياضة' }]);
      assert.deepEqual(item?.meta, [{ key: '_thumbnail_id', value: '40' }]);
      assert.equal(item?.comments[0]?.approved, 'spam');
      assert.equal(rs[1]!.kind === 'author' && rs[1]!.author.displayName, 'هدى');
    }
  });

  it('without bodies (the first pass) hands over the same records with the bodies and comment texts left empty, and still checks them', async () => {
    const item = `<item><title>t</title><content:encoded><![CDATA[<p>body</p>]]></content:encoded><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>a</wp:comment_author><wp:comment_content>hello</wp:comment_content></wp:comment></item>`;
    const read = async (path: string) => {
      const out: WxrRecord[] = [];
      for await (const r of readWxr(path, 5, false)) out.push(r);
      return out;
    };
    const [full, light] = [await records(file(wxr(item))), await read(file(wxr(item)))];
    const strip = (rs: WxrRecord[]) => rs.map((r) => (r.kind === 'item' ? { ...r.item, content: '', comments: r.item.comments.map((c) => ({ ...c, content: '' })) } : r));
    assert.deepEqual(strip(light), strip(full));
    const it = light.find((r) => r.kind === 'item');
    assert.equal(it?.kind === 'item' && it.item.content, '');
    assert.equal(it?.kind === 'item' && it.item.comments[0]?.author, 'a');
    await assert.rejects(read(file(wxr(item.replace('<p>body</p>', '<p>body</p>]]></content:encoded><x>')))), WxrError);
  });

  it('matches WordPress elements by namespace, not by prefix', async () => {
    const p = file(wxr('<wp:author xmlns:wp="http://example.com/fake/"><wp:author_login>fake</wp:author_login></wp:author><w:author xmlns:w="http://wordpress.org/export/1.1/"><w:author_login>real</w:author_login></w:author>'));
    const authors = (await records(p)).filter((r) => r.kind === 'author');
    assert.deepEqual(authors.map((r) => r.kind === 'author' && r.author.login), ['real']);
  });

  it('refuses a file that is not well-formed at its line and column', async () => {
    const p = file(wxr('\n<item><title>x</titel></item>'));
    await assert.rejects(surveyWxr(p), (e: Error) => e instanceof WxrError && e.line === 4 && e.column !== null && /line 4, column \d+: /.test(e.message));
  });

  it('refuses XML that is not a WordPress export, and an export without its version', async () => {
    await assert.rejects(surveyWxr(file('<?xml version="1.0"?><feed><title>x</title></feed>')), /not a WordPress export/);
    await assert.rejects(surveyWxr(file(wxr('').replace('<wp:wxr_version>1.2</wp:wxr_version>', '<wp:base_site_url>x</wp:base_site_url>'))), /no <wp:wxr_version>/);
  });

  it('surveys counts, attachments and the links the permalink detection reads', async () => {
    const s = await surveyWxr(file(wxr(`<item><link>https://x.example/a/</link><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_name>a</wp:post_name></item>
<item><wp:post_id>2</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://x.example/wp-content/uploads/a.png</wp:attachment_url></item>
<item><wp:post_id>3</wp:post_id><wp:post_type>nav_menu_item</wp:post_type></item>`)));
    assert.deepEqual(s.items, { post: 1, attachment: 1, nav_menu_item: 1 });
    assert.deepEqual(s.attachments.map((a) => a.url), ['https://x.example/wp-content/uploads/a.png']);
    assert.equal(s.links[0]?.link, 'https://x.example/a/');
  });
});

describe('reading a large export keeps no chunk of the file alive', () => {
  it('what is kept of every item (its link, its comments’ e-mails) holds a few bytes each, not the 256 KB chunk it was cut from', async () => {
    const { writeExport } = await import('../../../bench/import-wxr.ts');
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = join(dir, 'large.xml');
    const { bytes } = await writeExport(path, 2000, 1);
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: string[] = [];
    for await (const r of readWxr(path)) if (r.kind === 'item') kept.push(r.item.link, ...r.item.comments.map((c) => c.authorEmail));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(kept.length, 4000);
    // Kept as slices, they held every chunk: more than the file's size (two bytes a character for Arabic).
    assert.ok(grown < bytes / 4, `the heap grew by ${grown} bytes for a ${bytes}-byte file`);
  });
});

describe('the first pass over a large file, in two parts at once', () => {
  const survey = async (path: string, apartFrom: number) => {
    let used: boolean | null = null;
    const s = await surveyWxr(path, { apartFrom, apart: (u) => (used = u) });
    return { s, used };
  };
  const fault = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => e.message);
  const generated = async (posts: number) => {
    const { writeExport } = await import('../../../bench/import-wxr.ts');
    const path = join(dir, `export-${posts}-${++n}.xml`);
    await writeExport(path, posts, 2.5);
    return path;
  };

  it('surveys what one pass surveys: counts, attachments, links, authors and terms', async () => {
    // Every kind of record in both parts, an author and a term after the items too.
    const items = Array.from({ length: 40 }, (_, k) => `<item><title>t${k}</title><link>https://x.example/p${k}/</link><dc:creator>u${k % 3}</dc:creator><wp:post_id>${k + 1}</wp:post_id>
<wp:post_type>${['post', 'page', 'attachment', 'nav_menu_item'][k % 4]}</wp:post_type><wp:status>publish</wp:status><wp:post_parent>${k}</wp:post_parent><wp:attachment_url>https://x.example/wp-content/uploads/${k}.png</wp:attachment_url>
<category domain="post_tag" nicename="tag-${k}"><![CDATA[وسم]]></category><wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>alt ${k}</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>${k}</wp:comment_id></wp:comment></item>
`).join('');
    const kinds = file(wxr(`<wp:author><wp:author_login>a</wp:author_login></wp:author>\n${items}<wp:author><wp:author_login>b</wp:author_login></wp:author><wp:tag><wp:tag_slug>late</wp:tag_slug></wp:tag>`));
    for (const path of [await generated(300), kinds]) {
      const apart = await survey(path, 1);
      assert.equal(apart.used, true, path);
      assert.deepEqual(apart.s, (await survey(path, Infinity)).s, path);
    }
  });

  it('names a fault in the second part at its line and column in the whole file, as one pass does', async () => {
    const text = readFileSync(await generated(300), 'utf8');
    const middle = Buffer.from(text).indexOf('<item>', Math.floor(Buffer.byteLength(text) / 2));
    const at = Buffer.from(text).subarray(0, middle).toString().length; // the middle <item>, in characters
    const damaged = {
      // Indented, so that its line's columns are not the first part's.
      'on the line the second part starts on': `${text.slice(0, at)}  <item><title>x</titel>${text.slice(at + '<item><title>'.length)}`,
      'lines later': text.slice(0, at) + text.slice(at).replace('</wp:post_id>', '</wp:post_ie>'),
      'at the end': text.replace('</rss>', ''),
      'in the first part': text.replace('</wp:post_id>', '</wp:post_ie>'),
    };
    for (const [where, doc] of Object.entries(damaged)) {
      const path = file(doc);
      const one = await fault(surveyWxr(path, { apartFrom: Infinity }));
      assert.match(one, /line \d+, column \d+/, where);
      assert.equal(await fault(surveyWxr(path, { apartFrom: 1 })), one, where);
    }
  });

  it('reads the second part itself when the <item> at the middle is not an item (the text of a body)', async () => {
    const body = `<![CDATA[${'x'.repeat(2000)} <item> ${'y'.repeat(2000)}]]>`;
    const path = file(wxr(`<item><title>a</title><content:encoded>${body}</content:encoded><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type></item>
<item><title>b</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type></item>`));
    const apart = await survey(path, 1);
    assert.equal(apart.used, false);
    assert.deepEqual(apart.s, (await survey(path, Infinity)).s);
    assert.deepEqual(apart.s.items, { post: 2 });
  });
});
