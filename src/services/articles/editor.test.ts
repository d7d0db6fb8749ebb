import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDateTime, parseLocalDateTime, tagNames } from './editor-form.ts';
import { actionsFor, planFor } from './editor-rules.ts';
import { wordDiff } from './word-diff.ts';

describe('the editor’s buttons', () => {
  it('each button applies to some states only', () => {
    assert.equal(planFor('publish', null)?.status, 'published');
    assert.equal(planFor('update', 'draft'), null, 'a draft is saved, not updated');
    assert.equal(planFor('publish', 'published'), null);
    assert.equal(planFor('unpublish', 'scheduled')?.status, 'draft');
    assert.equal(planFor('restore', 'draft'), null);
    assert.equal(planFor('trash', null), null, 'nothing to trash before the first save');
    assert.deepEqual(planFor('submit', 'pending')?.needs, ['article.edit', 'article.submit']);
  });

  it('offers each role only what the server would allow', () => {
    const own = (status: 'draft' | 'published' | 'trash') => ({ status, authorIds: [7] });
    assert.deepEqual(actionsFor({ id: 7, role: 'contributor' }, null), ['draft', 'submit']);
    assert.deepEqual(actionsFor({ id: 7, role: 'contributor' }, own('published')), []);
    assert.deepEqual(actionsFor({ id: 7, role: 'author' }, own('published')), ['update', 'unpublish', 'trash']);
    assert.deepEqual(actionsFor({ id: 8, role: 'author' }, own('draft')), [], 'not their article');
    assert.deepEqual(actionsFor({ id: 8, role: 'editor' }, own('trash')), ['restore']);
  });
});

describe('the publication time field', () => {
  it('is wall-clock time in the edition’s zone, stored as UTC', () => {
    assert.equal(parseLocalDateTime('2026-03-01T14:30', 'Asia/Riyadh'), '2026-03-01T11:30:00.000Z');
    // London in summer time (UTC+1), then in winter.
    assert.equal(parseLocalDateTime('2026-07-01T09:00', 'Europe/London'), '2026-07-01T08:00:00.000Z');
    assert.equal(parseLocalDateTime('2026-01-01T09:00', 'Europe/London'), '2026-01-01T09:00:00.000Z');
    assert.equal(localDateTime('2026-03-01T11:30:00.000Z', 'Asia/Riyadh'), '2026-03-01T14:30');
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['2026-02-30T10:00', '2026-03-01 10:00', '2026-03-01T24:00', 'tomorrow', '']) {
      assert.equal(parseLocalDateTime(bad, 'Asia/Riyadh'), null, bad);
    }
  });
});

describe('tags as typed', () => {
  it('splits on Arabic and Latin commas, trims, drops blanks and repeats', () => {
    assert.deepEqual(tagNames(' طاقة، نفط ,,  Energy , energy ، طاقة'), ['طاقة', 'نفط', 'Energy']);
  });
});

describe('word-level diff', () => {
  const show = (before: string, after: string) =>
    wordDiff(before, after).map((p) => (p.op === 'same' ? p.text : p.op === 'del' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');

  it('marks the words that changed, Arabic included', () => {
    assert.equal(show('وصل الوفد إلى الرياض صباح الجمعة', 'وصل الوفد الاقتصادي إلى جدة صباح الجمعة'), 'وصل الوفد {+الاقتصادي +}إلى [-الرياض-]{+جدة+} صباح الجمعة');
    assert.equal(show('same text', 'same text'), 'same text');
    assert.equal(show('', 'new'), '{+new+}');
  });

  it('always rebuilds both texts exactly', () => {
    const words = ['أ', 'ب', 'cat', ' ', '،', '\n\n'];
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 300; i++) {
      const a = Array.from({ length: rnd(40) }, () => words[rnd(words.length)]).join('');
      const b = Array.from({ length: rnd(40) }, () => words[rnd(words.length)]).join('');
      const d = wordDiff(a, b);
      assert.equal(d.filter((p) => p.op !== 'ins').map((p) => p.text).join(''), a);
      assert.equal(d.filter((p) => p.op !== 'del').map((p) => p.text).join(''), b);
    }
  });
});
