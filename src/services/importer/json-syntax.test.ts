import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findJsonSyntaxError } from './json-syntax.ts';

const at = (text: string) => {
  const e = findJsonSyntaxError(text);
  return e && `${e.line}:${e.column} ${e.reason}`;
};

describe('finding where a text stops being JSON', () => {
  it('says nothing about valid JSON', () => {
    for (const text of ['{}', '[]', ' 0 ', '-1.5e+3', '"\\u0041\\n"', 'true', 'null', '[{"a": [1, {"b": false}]}, "x"]', '\n\t{"ع": "نص"}\r\n']) {
      assert.equal(findJsonSyntaxError(text), null, text);
    }
  });

  it('names the line and column (in characters, as editors count them) and what is wrong', () => {
    assert.equal(at('<rss/>'), '1:1 expected a value (an object, array, string, number, true, false or null), found "<"');
    assert.equal(at('{"title": "عنوان طويل" "x": 1}'), `1:24 expected "," or "}" after a property value, found '"'`);
    assert.equal(at('[1,\n 2,\n]'), '3:1 a comma before "]" (JSON allows no trailing comma)');
    assert.equal(at('{\n  title: "x"\n}'), '2:3 expected a property name in double quotes, found "t"');
    assert.equal(at('{"a" 1}'), '1:6 expected ":" after the property name, found "1"');
    assert.equal(at('["a", "b"'), '1:10 expected "," or "]" after an array element, found the end of the file');
    assert.equal(at('{"a": "line\nbreak"}'), '1:12 a line break inside a string (write it as \\n, \\t or \\u…)');
    assert.equal(at('{"a": "\\x"}'), '1:8 "x" cannot be escaped (write \\\\ for a backslash)');
    assert.equal(at('{"a": "\\u12G4"}'), '1:8 a \\u escape needs four hexadecimal digits');
    assert.equal(at('{"a": "open'), '1:7 this string is never closed (a missing ")');
    assert.equal(at('[01]'), '1:3 expected "," or "]" after an array element, found "1"');
    assert.equal(at('[-]'), '1:2 not a valid number');
    assert.equal(at('{} {}'), '1:4 unexpected "{" after the end of the JSON value');
    assert.equal(at(''), '1:1 expected a value (an object, array, string, number, true, false or null), found the end of the file');
    assert.equal(at('[tru]'), '1:2 expected a value (an object, array, string, number, true, false or null), found "t"');
  });

  it('agrees with JSON.parse on what is JSON, over many damaged documents', () => {
    const doc = JSON.stringify([{ id: 14525, edition: 'ar', title: 'زيارة "رسمية"\\', published: '2022-02-25T18:50:00+03:00', paragraphs: ['أ', 'ب\n'], comments_open: true, n: -1.25e-3, x: null }], null, 2);
    const alphabet = ['', ',', '"', '\\', '{', '}', '[', ']', ':', ' ', '\n', '0', '-', 'e', '.', 'x', 'u', 'ع', '\u0001'];
    // A fixed generator: the same cases on every run.
    let seed = 42;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 3000; k++) {
      const i = next(doc.length);
      const text = doc.slice(0, i) + alphabet[next(alphabet.length)]! + doc.slice(i + next(3));
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      assert.equal(findJsonSyntaxError(text) === null, valid, JSON.stringify(text));
    }
  });
});
