import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IndexSource } from '../../storage/search.ts';
import { type PreparedTokens, searchDocument, searchTokens } from './indexer.ts';

describe('an index entry from tokens made beforehand (the WordPress import analyses on another thread)', () => {
  const a: IndexSource = { id: 7, edition: 'ar', kind: 'post', status: 'published', publishedAt: '2024-05-01T10:00:00.000Z', title: 'افتتاح جسر', excerpt: 'جسر يختصر الرحلة', bodyText: 'افتتحت البلدية جسراً جديداً' };
  const made = (over: Partial<PreparedTokens> = {}): PreparedTokens => ({
    locale: 'ar', title: a.title, excerpt: a.excerpt, bodyText: a.bodyText, tokens: { ...searchTokens(a, 'ar'), terms: ' marked ' }, ...over,
  });

  it('uses them for an article with the very texts and locale they were made from', () => {
    assert.equal(searchDocument(a, 'ar', made()).terms, ' marked ');
    // Otherwise the same entry as without them.
    assert.deepEqual({ ...searchDocument(a, 'ar', made()), terms: '' }, { ...searchDocument(a, 'ar'), terms: '' });
  });

  it('analyses anew when the title, excerpt, text or locale differ', () => {
    for (const over of [{ title: 'عنوان آخر' }, { excerpt: '' }, { bodyText: 'نص آخر' }, { locale: 'en' }]) {
      assert.deepEqual(searchDocument(a, 'ar', made(over)), searchDocument(a, 'ar'), JSON.stringify(over));
    }
  });
});
