import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pluralKey, type PluralForms } from './plural.ts';
import { translator } from './strings.ts';

const FORMS: PluralForms = {
  zero: 'searchCountOther', one: 'searchCountOne', two: 'searchCountTwo', few: 'searchCountFew', many: 'searchCountMany', other: 'searchCountOther',
};
const say = (locale: string, n: number) => translator(locale)(pluralKey(locale, n, FORMS), { n });

describe('plural forms', () => {
  it('follow Arabic grammar: one, two, 3–10, 11–99, hundreds', () => {
    assert.equal(say('ar', 1), 'نتيجة واحدة');
    assert.equal(say('ar', 2), 'نتيجتان');
    assert.equal(say('ar', 4), '4 نتائج');
    assert.equal(say('ar', 11), '11 نتيجة');
    assert.equal(say('ar', 100), '100 نتيجة');
  });

  it('follow English grammar', () => {
    assert.equal(say('en', 1), 'One result');
    assert.equal(say('en', 7), '7 results');
  });
});
