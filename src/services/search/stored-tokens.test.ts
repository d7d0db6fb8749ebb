import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeForIndex, analyzeQuery } from '../../platform/arabic/analyzer.ts';
import { storedTerm, storedTokens } from './stored-tokens.ts';

const ARABIC = 'ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي';

describe('stored token lists (one-byte characters for the scorer)', () => {
  it('spells each Arabic letter as its own ASCII character, keeping spaces and the title end', () => {
    const out = storedTokens(` ${ARABIC} | 2025 iphone `);
    assert.equal(out.length, ARABIC.length + 16);
    assert.ok([...out].every((c) => c.charCodeAt(0) < 0x80), out);
    assert.equal(new Set(out.slice(1, ARABIC.length + 1)).size, ARABIC.length, 'two letters share a character');
    assert.ok(out.endsWith(' | 2025 iphone '));
  });

  it('never spells a letter as something a token can hold (lower-case Latin, digits, space, «|»)', () => {
    for (const c of storedTokens(ARABIC)) assert.doesNotMatch(c, /[a-z0-9 |]/);
    // What the analyzer writes never holds those characters itself: capitals and punctuation are gone.
    const { norm, stem } = analyzeForIndex('Apple (NASDAQ) قالت: «الأسعار» ارتفعت 5% — A+B!', { locale: 'ar' });
    assert.doesNotMatch(`${norm} ${stem}`, /[A-Z!#$%&()*+\-/]/);
  });

  it('keeps a letter outside the table as it is (Persian گ), and the rest encoded', () => {
    const out = storedTokens(' گزارش ');
    assert.equal(out[1], 'گ');
    assert.equal(out.length, 7);
    assert.ok([...out.slice(2)].every((c) => c.charCodeAt(0) < 0x80));
  });

  it('spells a query word and its readings as the lists do', () => {
    const [t] = analyzeQuery('وموسكو', { locale: 'ar' });
    const s = storedTerm(t!);
    assert.equal(s.norm, storedTokens(t!.norm));
    assert.equal(s.base, storedTokens(t!.base));
    assert.deepEqual(s.alternatives.map((a) => a.stem), t!.alternatives.map((a) => storedTokens(a.stem)));
    assert.equal(s.required, t!.required);
  });
});
