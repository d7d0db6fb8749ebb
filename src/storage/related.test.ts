import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery } from 'kysely';
import type { ArticleStatus } from '../domain/article.ts';
import { relatedQuery } from './articles.ts';
import { testDialect, testRuntime, type TestRuntime } from '../../test/support/runtime.ts';

/**
 * "Related" under an article (ArticleRepository.related): other published posts of its edition
 * that share its tags (2 each) and sections (1 each), best score first, then the newest, then
 * the highest id. Only the posts that can still make the list are looked up; when those are not
 * enough (drafts, pages among the best scores), the rest are.
 */
describe(`related articles (${testDialect()})`, () => {
  let rt: TestRuntime;
  const ids: Record<string, number> = {};
  let day = 0;
  const save = (key: string, o: { tags?: string[]; sections?: string[]; status?: ArticleStatus; kind?: 'post' | 'page'; at?: string }) =>
    rt.articles
      .save({
        edition: 'ar', title: `خبر ${key}`, bodyHtml: '<p>نص الخبر.</p>', commentStatus: 'open',
        status: o.status ?? 'published', ...(o.kind && { kind: o.kind }),
        // Each article a day newer than the one before, unless told.
        publishedAt: o.at ?? new Date(Date.UTC(2025, 0, 1 + day++)).toISOString(),
        tagNames: o.tags ?? [], categorySlugs: o.sections ?? [],
      })
      .then((id) => (ids[key] = id));
  const related = async (key: string, limit: number) => {
    const a = await rt.repos.articles.findById(ids[key]!);
    const list = await rt.repos.articles.related(a!, limit);
    return list.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0]);
  };

  before(async () => {
    rt = await testRuntime();
    await rt.repos.write(async (tx) => {
      for (const [position, slug] of ['rel-a', 'rel-b', 'rel-c', 'rnd-a', 'rnd-b', 'rnd-c'].entries()) {
        await rt.repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug, name: slug, description: '', position });
      }
    }, { invalidates: ['edition:ar'] });
    await save('subject', { tags: ['ماء', 'طاقة'], sections: ['rel-a', 'rel-b'] });
    // Scores against the subject: 2 a shared tag, 1 a shared section.
    await save('draft6', { tags: ['ماء', 'طاقة'], sections: ['rel-a', 'rel-b'], status: 'draft' });
    await save('page6', { tags: ['ماء', 'طاقة'], sections: ['rel-a', 'rel-b'], kind: 'page' });
    await save('five', { tags: ['ماء', 'طاقة'], sections: ['rel-a'] });
    await save('threeOld', { tags: ['ماء'], sections: ['rel-b'] });
    await save('threeNew', { tags: ['طاقة'], sections: ['rel-a'] });
    await save('twoSections', { sections: ['rel-a', 'rel-b'] });
    await save('oneTag', { tags: ['ماء'], sections: ['rel-c'] });
    await save('oneSection', { sections: ['rel-b'] });
    await save('nothingShared', { tags: ['كتب'], sections: ['rel-c'] });
    await save('lone', { tags: ['فضاء'] });
  });
  after(() => rt.close());

  it('best score first, the newest first among equals; drafts, pages and the article itself left out', async () => {
    assert.deepEqual(await related('subject', 10), ['five', 'threeNew', 'threeOld', 'oneTag', 'twoSections', 'oneSection']);
  });

  it('the first `limit` of that order, also when drafts and pages hold the best scores (looked for below them)', async () => {
    assert.deepEqual(await related('subject', 1), ['five']);
    assert.deepEqual(await related('subject', 2), ['five', 'threeNew']);
    assert.deepEqual(await related('subject', 4), ['five', 'threeNew', 'threeOld', 'oneTag']);
    assert.deepEqual(await related('subject', 5), ['five', 'threeNew', 'threeOld', 'oneTag', 'twoSections']);
  });

  it('ties on score and date go to the highest id', async () => {
    const at = '2024-06-01T10:00:00.000Z';
    await save('tieFirst', { tags: ['تراث'], at });
    await save('tieSecond', { tags: ['تراث'], at });
    await save('tieSubject', { tags: ['تراث'] });
    assert.deepEqual(await related('tieSubject', 1), ['tieSecond']);
    assert.deepEqual(await related('tieSubject', 3), ['tieSecond', 'tieFirst']);
  });

  it('nothing shared, or no tags and sections at all: none', async () => {
    assert.deepEqual(await related('lone', 4), []);
    await save('bare', {});
    assert.deepEqual(await related('bare', 4), []);
  });

  it('agrees with scoring every post by hand, for every article and limit (a seeded random site)', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const tags = ['زراعة', 'سياحة', 'شباب', 'أسواق', 'سينما'];
    // Tags and sections of their own: the articles above share none of them.
    const sections = ['rnd-a', 'rnd-b', 'rnd-c'];
    const made: string[] = [];
    for (let i = 0; i < 40; i++) {
      const pick = (xs: string[]) => xs.filter(() => random() < 0.35);
      const status: ArticleStatus = random() < 0.15 ? 'draft' : 'published';
      const key = `r${i}`;
      // A few share a date, so the tie on id is tried too.
      await save(key, { tags: pick(tags), sections: pick(sections), status, ...(random() < 0.2 && { kind: 'page' as const }), ...(random() < 0.3 && { at: '2023-05-05T05:05:00.000Z' }) });
      made.push(key);
    }
    const all = await Promise.all(made.map(async (k) => ({ key: k, a: (await rt.repos.articles.findById(ids[k]!))!, kind: (await rt.repos.articles.locate(ids[k]!))!.kind })));
    for (const { key, a } of all) {
      const expected = all
        .filter((o) => o.key !== key && o.a.status === 'published' && o.kind === 'post')
        .map((o) => ({
          key: o.key, id: o.a.id, at: o.a.publishedAt ?? '',
          score: 2 * o.a.tags.filter((t) => a.tags.some((x) => x.id === t.id)).length + o.a.categories.filter((c) => a.categories.some((x) => x.id === c.id)).length,
        }))
        .filter((o) => o.score > 0)
        .sort((x, y) => y.score - x.score || (x.at < y.at ? 1 : x.at > y.at ? -1 : 0) || y.id - x.id);
      for (const limit of [1, 3, 6]) {
        const got = (await rt.repos.articles.related(a, limit)).map((r) => r.id);
        assert.deepEqual(got, expected.slice(0, limit).map((o) => o.id), `${key}, limit ${limit}`);
      }
    }
  });

  // SQLite plans only (PostgreSQL plans by table size): not registered on PostgreSQL, so CI counts no skip.
  if (testDialect() === 'sqlite') it('SQLite: the scored posts are looked up by id in the index holding their state, not the body-laden rows; the edition is not walked', async () => {
    const c = relatedQuery(rt.repos.db.dialect, { id: 1, edition: 'ar', tagIds: [1, 2], catIds: [1] }, 4, true).compile(rt.repos.db.kysely);
    const { rows } = await rt.repos.db.kysely.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
    const plan = rows.map((r) => r.detail).join('; ');
    assert.match(plan, /SEARCH a USING INDEX articles_search_state \(id=\?/, plan);
    assert.doesNotMatch(plan, /articles_listing|SCAN a\b/, plan);
  });
});
