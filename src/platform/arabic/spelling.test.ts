import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spellingVariants } from './spelling.ts';

describe('spelling variants (one typing slip away)', () => {
  it('leave a letter out, swap two, mistype one or add one', () => {
    const v = spellingVariants('موسكو');
    assert.ok(v.includes('مسكو'), 'a letter left out');
    assert.ok(v.includes('وموسكو') || v.includes('موسكوو'), 'a letter added');
    assert.ok(v.includes('موكسو'), 'two letters swapped');
    assert.ok(v.includes('موسكا'), 'a letter mistyped');
    assert.ok(!v.includes('موسكو'), 'never the word itself');
    assert.equal(new Set(v).size, v.length, 'no repeats');
  });
  it('reach hamza forms and the taa marbuta, and drop diacritics and tatweel first', () => {
    assert.ok(spellingVariants('مساله').includes('مسالة'));
    assert.ok(spellingVariants('اسرة').includes('أسرة'));
    assert.deepEqual(spellingVariants('مُوسـكو'), spellingVariants('موسكو'));
  });
  it('vary Latin words over Latin letters', () => {
    assert.ok(spellingVariants('agreemnet').includes('agreement'));
    assert.ok(spellingVariants('agreemnet').every((w) => !/[\u0600-\u06FF]/.test(w)));
  });
  it('leave words too short to guess from, or too long to have been typed', () => {
    assert.deepEqual(spellingVariants('في'), []);
    assert.deepEqual(spellingVariants('ا'.repeat(16)), []);
  });
});
