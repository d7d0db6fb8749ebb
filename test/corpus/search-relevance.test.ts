import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyzeQuery } from '../../src/platform/arabic/analyzer.ts';
import { normaliseArabic } from '../../src/platform/arabic/normalise.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { searchDocument } from '../../src/services/search/indexer.ts';
import { TITLE_MARK } from '../../src/services/search/indexer.ts';
import { DF_CAP, rank } from '../../src/services/search/scoring.ts';
import { ALTERNATIVE_DF_CAP, CANDIDATE_WINDOW, MAX_QUERY_CHARS, queryTokens, recountedTokens, SCORED_RECENT, SearchService, weighTerms } from '../../src/services/search/search.ts';
import { docKey, type Candidate } from '../../src/storage/search.ts';
import { corpusDays, corpusInput, corpusMissing, readCorpusDay } from '../support/corpus.ts';
import { testRuntime, type TestRuntime } from '../support/runtime.ts';

/** Two days of the corpus (about 2,600 articles): enough for relevance, small enough for 2 cores. */
const DAYS = 2;
const missing = corpusMissing();

interface Doc {
  id: number;
  title: string;
  text: string;
  publishedAt: string;
  terms: string;
  norm: string;
  stem: string;
  fullNorm: string;
  fullStem: string;
}

describe('search relevance on the SaudiNewsNet corpus', { skip: missing ?? false }, () => {
  let rt: TestRuntime;
  let search: SearchService;
  const docs: Doc[] = [];
  const clock = fixedClock('2015-08-03T00:00:00Z');

  before(async () => {
    rt = await testRuntime({ clock });
    const inputs = corpusDays().slice(0, DAYS).flatMap((d) => readCorpusDay(d)).map((a, i) => corpusInput(a, i + 1));
    // One transaction: thousands of commits would dominate the test's time.
    await rt.repos.write(async (tx, touch) => {
      for (const input of inputs) await rt.articles.save(input, tx, touch);
    }, { invalidates: [] });
    const rows = await rt.repos.db.kysely.selectFrom('articles').select(['id', 'edition', 'kind', 'status', 'title', 'excerpt', 'body_text', 'published_at']).execute();
    for (const r of rows) {
      const { terms, norm, stem, fullNorm, fullStem } = searchDocument({ ...r, publishedAt: r.published_at, bodyText: r.body_text }, 'ar');
      docs.push({ id: r.id, title: r.title, text: `${r.title}\n${r.excerpt}\n${r.body_text}`, publishedAt: r.published_at!, terms, norm, stem, fullNorm, fullStem });
    }
    search = new SearchService({ repos: rt.repos, clock });
  });
  after(() => rt?.close());

  const ids = async (q: string, perPage = 300) => (await search.search({ edition: 'ar', locale: 'ar', query: q, page: 1, perPage })).hits.map((h) => h.article.id);
  const containing = (re: RegExp) => docs.filter((d) => re.test(normaliseArabic(d.text))).map((d) => d.id);

  /**
   * The ranking computed in JS alone, from the same analyzer: what both databases must return —
   * document counts, kept alternatives, the candidates (the newest CANDIDATE_WINDOW matches, and
   * when there are more, the newest SCORED_RECENT of them and the newest CANDIDATE_WINDOW with
   * every word in the title) and BM25F.
   */
  function reference(q: string): number[] {
    const has = (d: Doc, k: string) => d.terms.includes(` ${k} `);
    const analysed = analyzeQuery(q, { locale: 'ar' });
    const count = (k: string, cap: number) => Math.min(cap, docs.filter((d) => has(d, k)).length);
    const df = new Map(queryTokens(analysed).map((k) => [k, count(k, DF_CAP)]));
    const recounted = new Map(recountedTokens(analysed, df).map((k) => [k, count(k, ALTERNATIVE_DF_CAP)]));
    const { terms, idfs } = weighTerms(analysed, df, recounted);
    const required = terms.filter((t) => t.required);
    const newest = (mark: string) => docs
      .filter((d) => required.every((t) => [t.stem, ...t.alternatives.map((a) => a.stem)].some((k) => has(d, mark + k))))
      .map((d): Candidate => ({ id: d.id, docKey: docKey(d.publishedAt, d.id), publishedAt: d.publishedAt, norm: d.norm, stem: d.stem }))
      .sort((a, b) => b.docKey - a.docKey)
      .slice(0, CANDIDATE_WINDOW);
    let matching = newest('');
    if (matching.length >= CANDIDATE_WINDOW) {
      matching = matching.slice(0, SCORED_RECENT);
      matching.push(...newest(TITLE_MARK).filter((c) => !matching.some((m) => m.id === c.id)));
    }
    // Fewer matches than the window: ranked on whole articles.
    else matching = matching.map((c) => ({ ...c, norm: docs.find((d) => d.id === c.id)!.fullNorm, stem: docs.find((d) => d.id === c.id)!.fullStem }));
    return rank(matching, terms, idfs, clock.now()).map((s) => s.id);
  }

  it(`loads ${DAYS} days of the corpus`, () => assert.ok(docs.length > 2000, `${docs.length} articles`));

  it('أذربيجان finds every article with أذربيجان or اذربيجان', async () => {
    const expected = containing(/(^|[^\p{L}])[وفبلك]?(ال)?اذربيجان($|[^\p{L}])/u);
    assert.ok(expected.length > 0);
    assert.deepEqual(new Set(await ids('أذربيجان')), new Set(expected));
  });

  it('روسيا finds بروسيا, وروسيا and روسيا alike', async () => {
    const found = new Set(await ids('روسيا'));
    const expected = containing(/(^|[^\p{L}])(و?[بلك]|[وف])?روسيا($|[^\p{L}])/u);
    assert.ok(expected.length > 5);
    for (const id of expected) assert.ok(found.has(id), `article ${id} mentions روسيا`);
  });

  it('اتفاقية finds الاتفاقية and والاتفاقيات (one day: fewer matches than the candidate window)', async () => {
    const day = { from: '2015-08-01T00:00:00+03:00', to: '2015-08-02T00:00:00+03:00' };
    const r = await search.search({ edition: 'ar', locale: 'ar', query: 'اتفاقية', page: 1, perPage: 300, from: new Date(day.from).toISOString(), to: new Date(day.to).toISOString() });
    assert.equal(r.capped, false);
    const found = new Set(r.hits.map((h) => h.article.id));
    const inDay = new Set(docs.filter((d) => d.publishedAt >= new Date(day.from).toISOString() && d.publishedAt < new Date(day.to).toISOString()).map((d) => d.id));
    for (const form of ['الاتفاقيه', 'والاتفاقيات', 'اتفاقيه']) {
      const expected = containing(new RegExp(`(^|[^\\p{L}])${form}($|[^\\p{L}])`, 'u')).filter((id) => inDay.has(id));
      assert.ok(expected.length > 0, form);
      for (const id of expected) assert.ok(found.has(id), `${form}: article ${id}`);
    }
  });

  it('puts articles with the words in their title first', async () => {
    for (const q of ['أذربيجان', 'الهلال', 'داعش']) {
      const top = (await search.search({ edition: 'ar', locale: 'ar', query: q, page: 1, perPage: 3 })).hits;
      assert.ok(top.length > 0, q);
      assert.ok(top[0]!.title.some((s) => s.hit), `${q}: the first result has it in its title`);
    }
  });

  it('ranks exactly as the JS reference of the same formula, so both databases agree', async () => {
    for (const q of ['اتفاقية', 'روسيا', 'وزير الخارجية', 'الملك سلمان', 'كأس العالم', 'النفط', 'وإنشاء', 'ومساعداتها']) {
      assert.deepEqual(await ids(q), reference(q), q);
    }
  });

  it('answers hostile queries over the corpus: junk finds nothing, syntax around a word finds the word, quotes and operators are words', async () => {
    const answer = async (q: string) => {
      const r = await search.search({ edition: 'ar', locale: 'ar', query: q, page: 1, perPage: 300 });
      // Well-formed whatever was asked: the query as used is bounded, and every hit is a whole one.
      assert.ok(r.query.length <= MAX_QUERY_CHARS, `${q.slice(0, 20)}: query kept to ${r.query.length} characters`);
      assert.equal(r.hits.length, Math.min(r.total, 300), q);
      for (const h of r.hits) assert.equal(h.title.map((s) => s.text).join(''), h.article.title, `${q}: article ${h.article.id}'s title`);
      return r;
    };
    // Nothing that is a word: an empty answer, not an error and not "everything".
    for (const q of ['"', '*', '- -', '%', '_', '\\', 'x'.repeat(400)]) {
      const r = await answer(q);
      assert.deepEqual({ terms: r.terms, hits: r.hits.length, total: r.total, pages: r.pages }, { terms: [], hits: 0, total: 0, pages: 1 }, q);
    }
    // FTS and LIKE syntax around a word is not syntax here: the word alone is searched for.
    const russia = await ids('روسيا');
    assert.ok(russia.length > 5);
    for (const q of ['"روسيا', 'روسيا*', 'روسيا%', 'روسيا -- ']) assert.deepEqual(await ids(q), russia, q);
    // An operator no article holds as a word: no article has both, so any of them, which is روسيا's.
    const near = await answer('NEAR(روسيا');
    assert.equal(near.relaxed, true);
    assert.deepEqual(new Set(near.hits.map((h) => h.article.id)), new Set(russia));
    // SQL in a query is words to look for: the same ranking as the JS reference, and an "OR 1=1"
    // never opens up the table: what it finds is among روسيا's results (the analysed query may
    // drop "OR" and "1" as words too general to search for, and so find all of them).
    for (const q of ['" OR 1=1', "روسيا' OR '1'='1"]) assert.deepEqual(await ids(q), reference(q), q);
    const injected = await ids("روسيا' OR '1'='1");
    assert.ok(injected.length > 0 && injected.length <= russia.length && injected.every((id) => russia.includes(id)), `${injected.length} of ${russia.length}`);
  });
});
