import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeQuery } from '../../platform/arabic/analyzer.ts';
import { highlightAll, SCAN_CHARS, type Segment, snippet, wordMatcher } from './snippets.ts';

const matcher = (query: string) => wordMatcher(analyzeQuery(query, { locale: 'ar' }), 'ar');
const text = (segments: Segment[]) => segments.map((s) => s.text).join('');
const marked = (segments: Segment[]) => segments.filter((s) => s.hit).map((s) => s.text);

describe('search snippets', () => {
  it('marks every matching word of a title, by stem and through its clitics, and keeps the rest as typed', () => {
    const title = 'وزير الخارجية يلتقي وزيرَ الاقتصاد، والوزير يعود غداً';
    const out = highlightAll(title, matcher('وزير'));
    assert.equal(text(out), title);
    assert.deepEqual(marked(out), ['وزير', 'وزيرَ', 'والوزير']);
  });

  it('leaves a text without a match unmarked and whole', () => {
    const out = highlightAll('لا شيء هنا', matcher('النفط'));
    assert.deepEqual(out, [{ text: 'لا شيء هنا', hit: false }]);
  });

  it('shows the densest cluster of matches, cut at word boundaries, with an ellipsis on each cut side', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `كلمة${i}`).join(' ');
    const body = `${filler(40)} النفط وحده ${filler(40)} أسعار النفط ترتفع والنفط الخام يقود النفط ${filler(40)}`;
    const out = snippet(body, matcher('النفط'), 120);
    assert.equal(out[0]!.text, '… ');
    assert.equal(out.at(-1)!.text, ' …');
    assert.deepEqual(marked(out), ['النفط', 'والنفط', 'النفط']);
    const inner = text(out.slice(1, -1));
    assert.ok(body.includes(inner), 'the window is a run of the original text');
    assert.ok(inner.length <= 120);
    // Never a piece of a word at either edge.
    const at = body.indexOf(inner);
    assert.ok(body[at - 1] === ' ' && body[at + inner.length] === ' ');
  });

  it('opens with the start of the text when nothing in it matches (the match was in the title)', () => {
    const body = 'بداية الخبر هنا. '.repeat(40);
    const out = snippet(body, matcher('النفط'), 100);
    assert.notEqual(out[0]!.text, '… ');
    assert.ok(body.startsWith(text(out.slice(0, -1))));
    assert.equal(out.at(-1)!.text, ' …');
    assert.deepEqual(marked(out), []);
  });

  it('scans only the lead, and has no closing ellipsis when the whole text fits', () => {
    const late = `${'تمهيد '.repeat(Math.ceil(SCAN_CHARS / 6))}النفط`;
    assert.deepEqual(marked(snippet(late, matcher('النفط'))), []);
    const short = snippet('النفط في السوق', matcher('النفط'));
    assert.deepEqual(short, [{ text: 'النفط', hit: true }, { text: ' في السوق', hit: false }]);
  });

  it('marks words that touch punctuation and digits without taking the punctuation', () => {
    const out = snippet('«النفط»، و2024النفط (النفط).', matcher('النفط'));
    assert.deepEqual(marked(out), ['النفط', 'النفط']);
    assert.equal(text(out), '«النفط»، و2024النفط (النفط).');
  });
});
