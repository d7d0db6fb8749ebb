import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { type XmlHandler, XmlScanner, XmlSyntaxError, type XmlTag } from './xml-scan.ts';

type Verdict = 'ok' | { reason: string; line: number; column: number };

/** What the scanner says of `doc` fed `size` bytes at a time, with the events it reported. */
function scan(doc: string | Buffer, size = Infinity, wantsText = true): { verdict: Verdict; events: string[] } {
  const bytes = typeof doc === 'string' ? Buffer.from(doc) : doc;
  const events: string[] = [];
  let text = '';
  const flush = () => {
    if (text) events.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  const handler: XmlHandler = {
    open(t: XmlTag) {
      flush();
      events.push(`open ${t.name} {${t.uri}}${t.local} ${JSON.stringify(t.attributes)}`);
    },
    close() {
      flush();
      events.push('close');
    },
    text(s) {
      text += s;
    },
    wantsText,
  };
  const s = new XmlScanner(handler);
  try {
    for (let i = 0; i < bytes.length; i += size) s.write(bytes.subarray(i, Math.min(bytes.length, i + size)));
    s.end();
    flush();
    return { verdict: 'ok', events };
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return { verdict: { reason: e.reason, line: e.line, column: e.column }, events };
  }
}

/** What saxes (the second pass's parser) says of the same document. */
function saxes(doc: string): Verdict {
  const p = new SaxesParser({ xmlns: true, position: true });
  let verdict: Verdict = 'ok';
  p.on('error', (e) => {
    verdict = { reason: e.message.replace(/^\d+:\d+: /, ''), line: p.line, column: p.column };
    throw e;
  });
  try {
    p.write(doc.startsWith('\uFEFF') ? doc.slice(1) : doc).close();
  } catch {
    // the verdict is kept
  }
  return verdict;
}

const WELL_FORMED: Record<string, string> = {
  'an empty root': '<a/>',
  'a declaration, CDATA, comments, PIs, entities and text': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- before --><?pi before?>\n<r><![CDATA[x]]]]><![CDATA[>]]><!-- c --><?pi body ? still?>t &amp; &#x41;&#65; &lt;&gt;&quot;&apos; ] ]] >\n</r>\n<!-- after --><?after?>\n`,
  'namespaces, default and prefixed, redeclared below': '<r xmlns="urn:d" xmlns:p="urn:p"><p:a p:x="1" x="2"><b xmlns:p="urn:q"><p:c/></b></p:a><c xmlns=""/></r>',
  'a DOCTYPE with an internal subset': '<!DOCTYPE r [<!ENTITY x "y>]"><!-- ] > --><?pi ]?>]>\n<r/>',
  'a byte-order mark': '\uFEFF<?xml version="1.0"?><r/>',
  'Arabic names, attributes and text': '<عنوان نوع="خبر &amp; رأي">نص عربي 😀 <ب:عنصر xmlns:ب="urn:ar"/></عنوان>',
  'CR LF and CR line ends, in text and attributes': '<r a="x\r\ny\tz">\r\none\rtwo\r\n<![CDATA[three\r\nfour]]></r>\r\n',
  'white space around the attributes and in closing tags': '<r  a = "1"\n\tb=\'2\' ></r >',
  'xml: attributes and the xml prefix bound to its namespace': '<r xml:lang="ar" xmlns:xml="http://www.w3.org/XML/1998/namespace"/>',
  'a comment with a dash before its end': '<r><!-- a - b -x --></r>',
};

const MALFORMED: Record<string, string> = {
  'a close tag that does not match': '<r>\n<a>x</b></r>',
  'a close tag after the root': '<r></r></r>',
  'an unclosed root': '<r>\n<a></a>\n',
  'an empty file': '',
  'nothing but a comment': '<!-- x -->',
  'two roots': '<r/><s/>',
  'text after the root': '<r/>\n x',
  'text before the root': 'x<r/>',
  'CDATA after the root': '<r/><![CDATA[x]]>',
  'an undeclared entity (&nbsp;)': '<r>a&nbsp;b</r>',
  'an undeclared entity in an attribute': '<r a="&nbsp;"/>',
  'an empty entity': '<r>&;</r>',
  'a surrogate by number': '<r>&#xD800;</r>',
  'NUL by number': '<r>&#0;</r>',
  'a number beyond Unicode': '<r>&#x110000;</r>',
  'a malformed number': '<r>&#12a;</r>',
  'a bare ampersand': '<r>a & b; c</r>',
  '< in an attribute value': '<r a="x<y"/>',
  'an unquoted attribute value': '<r a=b/>',
  'an attribute without value before />': '<r a/>',
  'an attribute without value before >': '<r a>',
  'an attribute without value before another': '<r a b="1"/>',
  'no white space between attributes': '<r a="1"b="2"/>',
  'a duplicate attribute': '<r a="1" a="2"/>',
  'a duplicate attribute by namespace': '<r xmlns:p="urn:u" xmlns:q="urn:u" p:a="1" q:a="2"/>',
  'an unbound element prefix': '<r><p:a/></r>',
  'an unbound attribute prefix': '<r p:a="1"/>',
  'a prefix undeclared': '<r xmlns:p=""/>',
  'the xml prefix bound elsewhere': '<r xmlns:xml="urn:x"/>',
  'a prefix bound to the xmlns namespace': '<r xmlns:p="http://www.w3.org/2000/xmlns/"/>',
  'the default namespace set to the xml namespace': '<r xmlns="http://www.w3.org/XML/1998/namespace"/>',
  'an element with the xmlns prefix': '<xmlns:r/>',
  'a name with two colons': '<a:b:c xmlns:a="urn:a"/>',
  'a tag name starting with a digit': '<r><1/></r>',
  'a disallowed character after a tag name': '<r><a!/></r>',
  'a slash not followed by >': '<r/ >',
  ']]> in text': '<r>\nab]]>c</r>',
  'a double dash in a comment': '<r><!-- a -- b --></r>',
  'an unknown <! construct': '<r><!foo bar></r>',
  'a control character in text': '<r>a\u0001b</r>',
  'U+FFFE in text': '<r>a\uFFFEb</r>',
  'a control character in CDATA': '<r><![CDATA[a\u0008b]]></r>',
  'a control character in an attribute': '<r a="\u000c"/>',
  'a control character in a comment': '<r><!-- \u0002 --></r>',
  'a PI without a target': '<r><? x?></r>',
  'an XML declaration inside the document': '<r><?xml version="1.0"?></r>',
  'an XML declaration after white space': ' <?xml version="1.0"?><r/>',
  'a PI named XML': '<r><?XML x?></r>',
  'an XML declaration of version 2.0': '<?xml version="2.0"?><r/>',
  'an XML declaration without its version': '<?xml encoding="UTF-8"?><r/>',
  'an XML declaration with a bad standalone': '<?xml version="1.0" standalone="maybe"?><r/>',
  'an XML declaration with a bad encoding': '<?xml version="1.0" encoding="8"?><r/>',
  'a DOCTYPE after the root': '<r/><!DOCTYPE r>',
  'an empty close tag': '<r></></r>',
  'junk in a close tag': '<r></r x>',
  'a close tag cut at the end': '<r><a></a',
  'CDATA never closed': '<r><![CDATA[abc',
  'a comment never closed': '<r/><!-- abc',
  'an entity cut at the end': '<r>&amp',
  'a fault after Arabic text on a CR LF line': '<r>\r\nنص عربي 😀 &nbsp;</r>',
  'a fault on a line after a lone CR': '<r>\r\rab&nbsp;</r>',
};

describe('the XML scanner agrees with saxes', () => {
  for (const [name, doc] of Object.entries(WELL_FORMED)) {
    it(`accepts ${name}`, () => {
      assert.equal(saxes(doc), 'ok', 'saxes accepts it too');
      assert.equal(scan(doc).verdict, 'ok');
    });
  }
  for (const [name, doc] of Object.entries(MALFORMED)) {
    it(`refuses ${name}, with saxes's reason, line and column`, () => {
      const expected = saxes(doc);
      assert.notEqual(expected, 'ok', 'saxes refuses it too');
      assert.deepEqual(scan(doc).verdict, expected);
    });
  }
});

describe('the XML scanner and saxes on damaged exports', () => {
  it('agree on every one of 2,000 seeded random edits of a small export (verdict, reason, line, column), whatever the chunks', () => {
    const base = `<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\r\n<item a="1 &amp; 2"><title>عنوان &#x41; x</title><wp:c><![CDATA[<p>نص 😀]]></wp:c><!-- c --><?pi x?></item></channel></rss>\n`;
    const pieces = ['<', '>', '&', ';', '"', "'", '/', '!', '?', '[', ']', '-', 'x', ':', ' ', '\n', '\r', '#', '=', 'ع', '\u0001', '😀', '<![CDATA[', '<!--', '-->', ']]>', '&#x', '&amp;', 'xmlns:p="u"', 'p:', '</', '<?xml version="1.0"?>', '<!DOCTYPE r>'];
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let refused = 0;
    for (let t = 0; t < 2000; t++) {
      let doc = base;
      for (let k = 1 + next(3); k > 0; k--) {
        const at = next(doc.length + 1);
        const op = next(3);
        doc = op === 0 ? doc.slice(0, at) + doc.slice(at + 1 + next(3)) : doc.slice(0, at) + pieces[next(pieces.length)] + doc.slice(op === 2 ? at + 1 : at);
      }
      // A file is bytes: an edit that split the emoji's surrogates has no UTF-8 form.
      if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(doc)) continue;
      const expected = saxes(doc);
      if (expected !== 'ok') refused++;
      assert.deepEqual(scan(doc).verdict, expected, JSON.stringify(doc));
      assert.deepEqual(scan(doc, 1 + next(40)).verdict, expected, JSON.stringify(doc));
    }
    assert.ok(refused > 1000, `${refused} refused`);
  });
});

describe('the XML scanner, fed in chunks', () => {
  const documents = { ...WELL_FORMED, ...MALFORMED };
  // Every size cuts some tag, entity, `]]>`, `-->`, CR LF and UTF-8 character somewhere.
  for (const size of [1, 2, 3, 7, 64]) {
    it(`says the same, with the same events, fed ${size} byte${size > 1 ? 's' : ''} at a time`, () => {
      for (const [name, doc] of Object.entries(documents)) {
        const [whole, cut] = [scan(doc), scan(doc, size)];
        assert.deepEqual(cut.verdict, whole.verdict, name);
        // Events before a fault are not to be relied on (as with saxes): compared for documents that pass.
        if (whole.verdict === 'ok') assert.deepEqual(cut.events, whole.events, name);
        if (whole.verdict === 'ok') assert.deepEqual(scan(doc, size, false).events, scan(doc, Infinity, false).events, `${name}, without text`);
      }
    });
  }

  it('cuts a character’s UTF-8 bytes anywhere (Arabic, an emoji) without a fault', () => {
    const doc = '<r><نص a="ب😀">😀ع<![CDATA[😀]]>&amp;😀</نص></r>';
    for (let cut = 1; cut < Buffer.byteLength(doc); cut++) {
      const bytes = Buffer.from(doc);
      const s = new XmlScanner();
      s.write(bytes.subarray(0, cut));
      s.write(bytes.subarray(cut));
      s.end();
    }
  });

  it('holds no more than a chunk and the construct it cut: a long CDATA section streams through', () => {
    const body = 'نص '.repeat(100_000);
    const doc = Buffer.from(`<r><![CDATA[${body}]]></r>`);
    const s = new XmlScanner() as unknown as { write(b: Buffer): void; end(): void; buf: string };
    let most = 0;
    for (let i = 0; i < doc.length; i += 4096) {
      s.write(doc.subarray(i, i + 4096));
      most = Math.max(most, s.buf.length);
    }
    s.end();
    assert.ok(most < 16, `carried ${most} bytes`);
  });
});

describe('what the XML scanner reports to its handler', () => {
  it('elements by namespace and local name, attributes decoded and normalised, text and CDATA decoded', () => {
    const { verdict, events } = scan('<r xmlns="urn:d" xmlns:p="urn:p"><p:a x="1 &amp;\n2" p:y="&#x41;">a &lt; b<![CDATA[ & <c> ]]></p:a><b xmlns=""/></r>');
    assert.equal(verdict, 'ok');
    assert.deepEqual(events, [
      'open r {urn:d}r {"xmlns":"urn:d","xmlns:p":"urn:p"}',
      'open p:a {urn:p}a {"x":"1 & 2","p:y":"A"}',
      'text "a < b & <c> "',
      'close',
      'open b {}b {"xmlns":""}',
      'close',
      'close',
    ]);
  });

  it('line ends as LF, and Arabic as it was written', () => {
    const { events } = scan('<r>سطر\r\nآخر\rثالث<![CDATA[\r\n]]></r>');
    assert.deepEqual(events, ['open r {}r {}', 'text "سطر\\nآخر\\nثالث\\n"', 'close']);
  });

  it('no text while the handler does not want it, but the text is still checked', () => {
    assert.deepEqual(scan('<r>a<![CDATA[b]]>&amp;</r>', Infinity, false).events, ['open r {}r {}', 'close']);
    assert.equal((scan('<r>a&nbsp;</r>', Infinity, false).verdict as { reason: string }).reason, 'undefined entity.');
  });
});

describe('the WordPress importer’s test exports', () => {
  const fixtures = '/work/shared/data/wxr-importer-fixtures';
  it('are accepted and refused as saxes accepts and refuses them', { skip: !existsSync(fixtures) && 'no /work/shared' }, () => {
    let refused = 0;
    for (const f of readdirSync(fixtures).filter((n) => n.endsWith('.xml'))) {
      const text = readFileSync(join(fixtures, f));
      const expected = saxes(text.toString('utf8'));
      if (expected !== 'ok') refused++;
      assert.deepEqual(scan(text).verdict, expected, f);
      assert.deepEqual(scan(text, 7).verdict, expected, `${f} in chunks of 7`);
    }
    assert.ok(refused >= 3, 'the deliberately malformed exports are among them');
  });
});
