import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNumber } from '../../platform/dates/digits.ts';
import { pluralKey } from '../../platform/i18n/plural.ts';
import { translator } from '../../platform/i18n/strings.ts';
import { SEARCH_COUNT } from './search.ts';

/** The results page's count, as searchVM words it (a count of 0 shows «no results» instead). */
const count = (locale: string, n: number, digits: Parameters<typeof formatNumber>[1] = 'latn') =>
  translator(locale)(pluralKey(locale, n, SEARCH_COUNT), { n: formatNumber(n, digits) });

describe('the search result count in the edition language', () => {
  it('takes every Arabic plural form: one, two, 3–10, 11–99, and 100 and on by the last two digits', () => {
    assert.equal(count('ar', 1), 'نتيجة واحدة');
    assert.equal(count('ar', 2), 'نتيجتان');
    for (const n of [3, 7, 10]) assert.equal(count('ar', n), `${n} نتائج`);
    for (const n of [11, 25, 99]) assert.equal(count('ar', n), `${n} نتيجة`);
    for (const n of [100, 101, 102, 200, 1000]) assert.equal(count('ar', n), `${n} نتيجة`);
    assert.equal(count('ar', 103), '103 نتائج');
    assert.equal(count('ar', 111), '111 نتيجة');
  });
  it('writes the number in the edition digits', () => {
    assert.equal(count('ar', 5, 'arab'), '٥ نتائج');
  });
  it('and in English, one or many', () => {
    assert.equal(count('en', 1), 'One result');
    assert.equal(count('en', 2), '2 results');
    assert.equal(count('en', 11), '11 results');
  });
});
