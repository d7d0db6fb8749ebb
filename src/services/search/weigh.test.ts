import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeQuery } from '../../platform/arabic/analyzer.ts';
import { DF_CAP } from './scoring.ts';
import { ALTERNATIVE_DF_CAP, recountedTokens, weighTerms } from './search.ts';

/** The stems of the alternatives kept for a one-word query, given the true document counts. */
function kept(word: string, counts: Record<string, number>): string[] {
  const analysed = analyzeQuery(word, { locale: 'ar' });
  const capped = new Map(Object.entries(counts).map(([k, n]) => [k, Math.min(n, DF_CAP)]));
  const recounted = new Map(recountedTokens(analysed, capped).map((k) => [k, Math.min(counts[k] ?? 0, ALTERNATIVE_DF_CAP)]));
  return weighTerms(analysed, capped, recounted).terms[0]!.alternatives.map((a) => a.stem);
}

describe('which proclitic-less readings of a query word are searched (issue 15)', () => {
  it('keeps the bare word when the index holds it twice as often as the word typed', () => {
    assert.deepEqual(kept('وموسكو', { وموسكو: 3, موسكو: 40 }), ['موسكو']);
    assert.deepEqual(kept('وزير', { وزير: 900, زير: 2 }), []);
  });

  it('keeps a bare word that reaches the count cap beside a typed word under it (وأبلغه: 51 and 100+)', () => {
    assert.deepEqual(kept('وأبلغه', { وابلغ: 51, ابلغ: 400 }), ['ابلغ']);
  });

  it('counts both again when both reach the cap, and keeps the bare word only if it is twice as common', () => {
    assert.deepEqual(recountedTokens(analyzeQuery('وإنشاء', { locale: 'ar' }), new Map([['وانشاء', DF_CAP], ['انشاء', DF_CAP]])), ['وانشاء', 'انشاء']);
    assert.deepEqual(kept('وإنشاء', { وانشاء: 150, انشاء: 700 }), ['انشاء']);
    // بعيد (far) is as common as عيد (a feast) with a ب: it stays itself.
    assert.deepEqual(kept('بعيد', { بعيد: 400, عيد: 500 }), []);
  });

  it('counts nothing again when either word is under the cap', () => {
    assert.deepEqual(recountedTokens(analyzeQuery('وموسكو', { locale: 'ar' }), new Map([['وموسكو', 3], ['موسكو', DF_CAP]])), []);
  });
});
