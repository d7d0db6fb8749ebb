import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery } from 'kysely';
import type { Article, ArticleStatus } from '../domain/article.ts';
import { relatedQuery } from './articles.ts';
import { testDialect, testRuntime, type TestRuntime } from '../../test/support/runtime.ts';

/**
 * "Related" under an article (ArticleRepository.related): other published posts of its edition
 * added around it — the nearest `near` on each side in each of its tags' and sections' lists —
 * that share its tags (2 each) and sections (1 each), best score first, then the newest, then
 * the highest id. The work is bounded by `near`, not by the size of the archive.
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
  const related = async (key: string, limit: number, near?: number) => {
    const a = await rt.repos.articles.findById(ids[key]!);
    const list = await rt.repos.articles.related(a!, limit, near);
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

  it('weighs only the posts added near it in its lists: a better match further back is not among them', async () => {
    await save('farBest', { tags: ['أرشيف', 'ذاكرة'] });
    for (const k of ['a1', 'a2', 'a3']) await save(k, { tags: ['أرشيف'] });
    for (const k of ['m1', 'm2', 'm3']) await save(k, { tags: ['ذاكرة'] });
    await save('archiveSubject', { tags: ['أرشيف', 'ذاكرة'] });
    await save('later', { tags: ['أرشيف'] });
    // Two on each side in each list: a2 a3 | later in أرشيف, m2 m3 in ذاكرة; farBest is three back in both.
    assert.deepEqual(await related('archiveSubject', 10, 2), ['later', 'm3', 'm2', 'a3', 'a2']);
    // The default window reaches it, and its two shared tags put it first.
    assert.deepEqual(await related('archiveSubject', 3), ['farBest', 'later', 'm3']);
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
      // With a window of 2: only the two posts (of any status or kind) nearest by id on each side
      // in each of its tags' and sections' lists are candidates.
      const lists = [...a.tags.map((t) => (o: Article) => o.tags.some((x) => x.id === t.id)), ...a.categories.map((c) => (o: Article) => o.categories.some((x) => x.id === c.id))];
      const others = all.filter((o) => o.key !== key).sort((x, y) => x.a.id - y.a.id);
      const near = new Set(lists.flatMap((inList) => {
        const members = others.filter((o) => inList(o.a)).map((o) => o.a.id);
        return [...members.filter((id) => id < a.id).slice(-2), ...members.filter((id) => id > a.id).slice(0, 2)];
      }));
      const got = (await rt.repos.articles.related(a, 6, 2)).map((r) => r.id);
      assert.deepEqual(got, expected.filter((o) => near.has(o.id)).slice(0, 6).map((o) => o.id), `${key}, within 2`);
    }
  });

  // SQLite plans only (PostgreSQL plans by table size): not registered on PostgreSQL, so CI counts no skip.
  if (testDialect() === 'sqlite') it('SQLite: each list is read from its index around the article, the candidates looked up by id in the index holding their state (not the body-laden rows); the edition is not walked', async () => {
    const c = relatedQuery(rt.repos.db.dialect, { id: 1, edition: 'ar', tagIds: [1, 2], catIds: [1] }, 4).compile(rt.repos.db.kysely);
    const { rows } = await rt.repos.db.kysely.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
    const plan = rows.map((r) => r.detail).join('; ');
    assert.match(plan, /SEARCH a USING INDEX articles_search_state \(id=\?/, plan);
    assert.match(plan, /SEARCH article_tags USING COVERING INDEX \w+ \(tag_id=\? AND article_id<\?\)/, plan);
    assert.match(plan, /SEARCH article_categories USING COVERING INDEX \w+ \(category_id=\? AND article_id>\?\)/, plan);
    assert.doesNotMatch(plan, /articles_listing|SCAN a\b/, plan);
  });
});
