import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { XmlReader } from './xml-read.ts';
import { XmlSyntaxError, type XmlTag } from './xml-scan.ts';

/** A trace of what a parser reports: elements with their namespace and attributes, each run of text whole. */
class Trace {
  readonly events: string[] = [];
  private pending = '';
  readonly wantsText = true;
  open(t: XmlTag): void {
    this.flush();
    this.events.push(`open ${t.name} {${t.uri}}${t.local} ${JSON.stringify(t.attributes)}`);
  }
  close(): void {
    this.flush();
    this.events.push('close');
  }
  text(s: string): void {
    this.pending += s;
  }
  flush(): void {
    if (this.pending) this.events.push(`text ${JSON.stringify(this.pending)}`);
    this.pending = '';
  }
}

/** What saxes (the second pass's parser before the reader) reports of a well-formed document. */
function saxes(doc: string): string[] {
  const trace = new Trace();
  const p = new SaxesParser({ xmlns: true });
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => trace.open({ name: t.name, uri: t.uri, local: t.local, attributes: Object.fromEntries(Object.entries(t.attributes).map(([k, a]) => [k, a.value])) }));
  p.on('closetag', () => trace.close());
  p.on('text', (s) => trace.text(s));
  p.on('cdata', (s) => trace.text(s));
  p.write(doc.startsWith('\uFEFF') ? doc.slice(1) : doc).close();
  trace.flush();
  return trace.events;
}

/** What the reader reports of it, fed `size` characters at a time. */
function read(doc: string, size = Infinity): string[] {
  const trace = new Trace();
  const r = new XmlReader(trace);
  for (let i = 0; i < doc.length; i += size) r.write(doc.slice(i, Math.min(doc.length, i + size)));
  r.end();
  trace.flush();
  return trace.events;
}

const DOCUMENTS: Record<string, string> = {
  'an empty root': '<a/>',
  'a declaration, CDATA, comments, PIs, references and text': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- before --><?pi before?>\n<r><![CDATA[x]]]]><![CDATA[>]]><!-- c --><?pi body ? still?>t &amp; &#x41;&#65; &lt;&gt;&quot;&apos; ] ]] > &#x1F600;\n</r>\n<!-- after --><?after?>\n`,
  'namespaces, default and prefixed, redeclared below': '<r xmlns="urn:d" xmlns:p="urn:p"><p:a p:x="1" x="2"><b xmlns:p="urn:q"><p:c/></b></p:a><c xmlns=""/></r>',
  'a DOCTYPE with an internal subset': '<!DOCTYPE r [<!ENTITY x "y>]"><!-- ] > --><?pi ]?>]>\n<r/>',
  'a byte-order mark': '\uFEFF<?xml version="1.0"?><r/>',
  'Arabic names, attributes and text': '<عنوان نوع="خبر &amp; رأي">نص عربي 😀 <ب:عنصر xmlns:ب="urn:ar"/></عنوان>',
  'CR LF and CR line ends, in text, CDATA and attributes': '<r a="x\r\ny\tz&#10;w">\r\none\rtwo\r\n<![CDATA[three\r\nfour\r]]>\r</r>\r\n',
  'white space around the attributes and in end tags, and a > in a value': '<r  a = "1 > 0"\n\tb=\'2 "q"\' ></r >',
  'xml: attributes': '<r xml:lang="ar" xmlns:xml="http://www.w3.org/XML/1998/namespace"/>',
  'a comment with a dash before its end': '<r><!-- a - b -x --></r>',
  'a WordPress item': `<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>عنوان &amp; آخر</title><content:encoded><![CDATA[<p>نص ]]]]><![CDATA[> بعد</p>\r\n<p>&amp; ثانٍ</p>]]></content:encoded>
<category domain="post_tag" nicename="%d8%b1"><![CDATA[رياضة]]></category><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[40]]></wp:meta_value></wp:postmeta></item></channel></rss>`,
};

describe('the reader of checked exports (the second pass) reports what saxes reports', () => {
  for (const [name, doc] of Object.entries(DOCUMENTS)) {
    it(`of ${name}, fed whole or cut anywhere`, () => {
      const expected = saxes(doc);
      for (const size of [Infinity, 1, 2, 3, 5, 8, 13]) assert.deepEqual(read(doc, size), expected, `fed ${size} at a time`);
    });
  }

  it("of the project's own exports, and a generated one of 200 posts", async () => {
    const dir = join(import.meta.dirname, '../../../test/fixtures/wxr');
    const docs = readdirSync(dir).filter((f) => f.endsWith('.xml') && f !== 'malformed.xml').map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
    const { writeExport } = await import('../../../bench/import-wxr.ts');
    const { scratchDir } = await import('../../../test/support/scratch-dir.ts');
    const path = join(scratchDir('khabar-xml-read-'), 'bench.xml');
    await writeExport(path, 200, 2.5);
    docs.push(['bench.xml', readFileSync(path, 'utf8')]);
    assert.ok(docs.length >= 4);
    for (const [f, doc] of docs) {
      const expected = saxes(doc);
      for (const size of [Infinity, 7, 4096]) assert.deepEqual(read(doc, size), expected, `${f} fed ${size} at a time`);
    }
  });

  const shared = '/work/shared/data';
  it('of the WordPress importer’s test exports and the theme unit test data that saxes accepts', { skip: !existsSync(shared) && 'no /work/shared' }, () => {
    let compared = 0;
    for (const folder of ['wxr-importer-fixtures', 'wp-theme-unit-test']) {
      for (const f of readdirSync(join(shared, folder)).filter((n) => n.endsWith('.xml'))) {
        const doc = readFileSync(join(shared, folder, f), 'utf8');
        let expected: string[];
        try {
          expected = saxes(doc);
        } catch {
          continue; // malformed on purpose: the first pass refuses it before anything reads it
        }
        for (const size of [Infinity, 7]) assert.deepEqual(read(doc, size), expected, `${f} fed ${size} at a time`);
        compared++;
      }
    }
    assert.ok(compared >= 30, `${compared} exports compared`);
  });
});

describe('the reader of checked exports', () => {
  it('holds no more than a chunk and the construct it cut: a long CDATA section streams through', () => {
    const doc = `<r><![CDATA[${'نص '.repeat(100_000)}]]></r>`;
    const r = new XmlReader(new Trace()) as unknown as { write(s: string): void; end(): void; buf: string };
    let most = 0;
    for (let i = 0; i < doc.length; i += 4096) {
      r.write(doc.slice(i, i + 4096));
      most = Math.max(most, r.buf.length);
    }
    r.end();
    assert.ok(most < 16, `carried ${most} characters`);
  });

  it('says the file changed when it no longer reads as a well-formed document', () => {
    for (const doc of ['<r><a></b></r>', '<r>', '<r><![CDATA[x</r>', '</r>']) {
      assert.throws(() => read(doc), XmlSyntaxError, doc);
    }
    // Where, as the first pass names a fault: its line, and its column on that line.
    for (const size of [Infinity, 3]) {
      assert.throws(() => read('<r>\n<a>\n\n<a></b></a></r>', size), (e: XmlSyntaxError) => e.line === 4 && e.column === 4 && /<\/b> where <\/a> was expected/.test(e.reason), `fed ${size} at a time`);
    }
  });
});
