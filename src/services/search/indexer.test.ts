import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeForIndex } from '../../platform/arabic/analyzer.ts';
import { type IndexSource, TITLE_END } from '../../storage/search.ts';
import { LEAD_WORDS, type PreparedTokens, SCORED_WORDS, searchDocument, searchTokens, TITLE_MARK } from './indexer.ts';
import { storedTokens } from './stored-tokens.ts';

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

describe('an article\'s token lists', () => {
  // What the lists are, spelled out the long way: the analyzer's lists of the title and of the
  // excerpt and body, stored (stored-tokens.ts), the body's cut to its first n tokens.
  const first = (list: string, n: number) => list.split(' ').slice(0, n).join(' ');
  const expected = (a: { title: string; excerpt: string; bodyText: string }, locale: string) => {
    const title = analyzeForIndex(a.title, { locale });
    const rest = analyzeForIndex(`${a.excerpt}\n${a.bodyText}`, { locale });
    const list = (t: string, r: string, n: number) => storedTokens(` ${t} ${TITLE_END} ${first(r, n)} `);
    return {
      norm: list(title.norm, rest.norm, LEAD_WORDS), stem: list(title.stem, rest.stem, LEAD_WORDS),
      fullNorm: list(title.norm, rest.norm, SCORED_WORDS), fullStem: list(title.stem, rest.stem, Math.round(SCORED_WORDS * 1.3)),
    };
  };

  it('hold the title and the lead, and the title and (nearly) the whole article, as stored', () => {
    const articles = [
      { title: 'افتتاح جسر', excerpt: '', bodyText: '' },
      { title: 'بروسيا', excerpt: 'والاتفاقيات', bodyText: 'وقعت الحكومة الاتفاقيات بالرياض '.repeat(12) },
      { title: 'گزارش Apple (NASDAQ)', excerpt: 'قالت: «الأسعار» ارتفعت 5%', bodyText: 'والاتفاقيات بروسيا '.repeat(LEAD_WORDS / 2) },
      { title: 'Runners', excerpt: 'The quick', bodyText: 'foxes jumping over gardens '.repeat(SCORED_WORDS) },
    ];
    for (const locale of ['ar', 'en']) {
      for (const a of articles) {
        const { terms, ...lists } = searchTokens(a, locale);
        assert.deepEqual(lists, expected(a, locale), `${locale}: ${a.title}`);
        // Every stem of the whole text is matched, not only the scored ones; the title's once more, marked.
        const stems = (t: string) => analyzeForIndex(t, { locale }).stem.split(' ').filter(Boolean);
        const marked = [...new Set(stems(a.title))].map((t) => TITLE_MARK + t);
        assert.deepEqual(terms.split(' ').filter(Boolean), [...stems(a.title), ...stems(`${a.excerpt}\n${a.bodyText}`), ...marked]);
      }
    }
  });
});
