import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWords } from './word-count.ts';

describe('countWords', () => {
  it('counts Arabic words with their tashkeel, tatweel and attached conjunctions as one word each', () => {
    assert.equal(countWords('وَصَلَ الوفدُ إلى الدوحة، والتقى الوزيرَ.'), 6);
    assert.equal(countWords('الـــدوحة'), 1);
  });

  it('separates on Arabic punctuation and quotes', () => {
    assert.equal(countWords('قال:«نعم»؛ثم غادر؟'), 4);
  });

  it('keeps numbers, hyphenated and apostrophised words whole', () => {
    assert.equal(countWords("COVID-19 cost 3.5 billion, didn't it?"), 6);
    assert.equal(countWords('١٢٫٥ مليون'), 2);
  });

  it('counts nothing in an empty or punctuation-only text', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords(' — ، . '), 0);
  });
});
