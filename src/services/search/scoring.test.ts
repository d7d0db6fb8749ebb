import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeQuery } from '../../platform/arabic/analyzer.ts';
import { docKey, type Candidate } from '../../storage/search.ts';
import { searchDocument } from './indexer.ts';
import { rank } from './scoring.ts';
import { queryTokens, weighTerms } from './search.ts';

const NOW = new Date('2025-03-11T00:00:00Z');
/** Long ago: the recency prior adds nothing, so only relevance orders. */
const OLD = '2020-01-01T00:00:00.000Z';

/** An article as the scorer reads it (whole-article tokens), from its title and body. */
function candidate(id: number, title: string, body: string): Candidate {
  const d = searchDocument({ id, edition: 'ar', kind: 'post', status: 'published', publishedAt: OLD, title, excerpt: '', bodyText: body }, 'ar');
  return { id, docKey: docKey(OLD, id), publishedAt: OLD, norm: d.fullNorm, stem: d.fullStem };
}

/** The ranked ids of `candidates` for `query`, every stem counted in `df` documents. */
function ranked(query: string, candidates: Candidate[], df = 10): number[] {
  const analysed = analyzeQuery(query, { locale: 'ar' });
  const { terms, idfs } = weighTerms(analysed, new Map(queryTokens(analysed).map((k) => [k, df])));
  return rank(candidates, terms, idfs, NOW).map((s) => s.id);
}

const filler = 'قال المتحدث إن الاجتماع عقد صباح اليوم في العاصمة بحضور عدد من المسؤولين';

describe('scoring (issue 15: surface matches above stem matches)', () => {
  it('one match of the word as typed outranks the same stem repeated in another form', () => {
    // وزراء is stemmed as its singular وزير: a stem match, never the word itself.
    const once = candidate(1, 'خبر', `${filler} الوزير ${filler}`);
    const plural = candidate(2, 'خبر', `${filler} وزراء ووزراء الوزراء ${filler} الوزراء وزراء`);
    assert.deepEqual(ranked('الوزير', [plural, once]), [1, 2]);
  });

  it('a form rare among the matches outweighs one most of them hold (the surface IDF)', () => {
    // Every article holds both words' stems; only article 1 holds اتفاقية as typed, while
    // four hold وزير as typed. Article 1 is the longer one, and ties go to the larger id.
    const target = candidate(1, 'خبر', `${filler} اتفاقية ${filler} الوزراء ${filler}`);
    const others = [2, 3, 4, 5].map((id) => candidate(id, 'خبر', `${filler} الاتفاقيات ${filler} الوزير`));
    assert.equal(ranked('اتفاقية الوزير', [...others, target])[0], 1);
  });

  it('ranks the same candidates the same way whatever order they come in', () => {
    const cs = [candidate(1, 'اتفاقية', filler), candidate(2, 'خبر', `اتفاقية ${filler}`), candidate(3, 'خبر', `الاتفاقيات ${filler}`)];
    assert.deepEqual(ranked('اتفاقية', cs), ranked('اتفاقية', [...cs].reverse()));
  });
});
