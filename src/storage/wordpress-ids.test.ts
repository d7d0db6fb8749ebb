import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';

describe('WordPress ids are kept per edition', () => {
  let rt: TestRuntime;
  before(async () => {
    rt = await testRuntime();
  });
  after(() => rt.close());

  it('the same WordPress id in two editions names two different things', async () => {
    const editions = (await rt.repos.editions.all()).map((e) => e.code);
    assert.ok(editions.length >= 2, 'the test site has two editions');
    const [a, b] = editions as [string, string];
    await rt.repos.write(async (tx) => {
      await rt.repos.wordpressIds.set(tx, a, 'post', 14525, 1);
      await rt.repos.wordpressIds.set(tx, b, 'post', 14525, 2);
    }, { invalidates: [] });
    assert.equal(await rt.repos.wordpressIds.find(a, 'post', 14525), 1);
    assert.equal(await rt.repos.wordpressIds.find(b, 'post', 14525), 2);
    assert.equal(await rt.repos.wordpressIds.find(a, 'page', 14525), null, 'a page id is not a post id');
  });

  it('setting an id again moves it (a re-import), and the reverse lookup follows', async () => {
    const [a] = (await rt.repos.editions.all()).map((e) => e.code) as [string];
    await rt.repos.write((tx) => rt.repos.wordpressIds.set(tx, a, 'category', 7, 30), { invalidates: [] });
    await rt.repos.write((tx) => rt.repos.wordpressIds.set(tx, a, 'category', 7, 31), { invalidates: [] });
    assert.deepEqual([...(await rt.repos.wordpressIds.all(a, 'category'))], [[7, 31]]);
    assert.deepEqual([...(await rt.repos.wordpressIds.wordpressIdsIn(a, 'category', [31, 99]))], [[31, 7]]);
  });
});
