import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { OldAddresses } from './old-addresses.ts';
import { permalinksSettingKey } from './permalinks.ts';
import { WordpressIds } from './wordpress-ids.ts';

describe('what an old WordPress address names', () => {
  let rt: TestRuntime;
  let old: OldAddresses;
  const ids: Record<string, number> = {};
  const post = (slug: string) => rt.articles.save({ edition: 'ar', title: slug, slug, bodyHtml: '<p>x</p>', status: 'published', publishedAt: '2024-01-02T10:00:00Z', commentStatus: 'open' });
  const slugOf = async (segments: string[]) => {
    const t = await old.resolve('ar', { kind: 'post', ref: { segments } });
    return t?.kind === 'article' ? t.article.slug : null;
  };

  before(async () => {
    rt = await testRuntime();
    old = new OldAddresses({ repos: rt.repos, wordpressIds: new WordpressIds({ repos: rt.repos }) });
    for (const s of ['story', '77', 'other']) ids[s] = await post(s);
    ids.draft = await rt.articles.save({ edition: 'ar', title: 'draft', slug: 'draft', bodyHtml: '<p>x</p>', status: 'draft', publishedAt: null, commentStatus: 'open' });
    await rt.repos.write(async (tx) => {
      await rt.repos.wordpressIds.set(tx, 'ar', 'post', 77, ids.other!);
      await rt.repos.wordpressIds.set(tx, 'ar', 'post', 78, ids.draft!);
    }, { invalidates: [] });
  });
  after(() => rt.close());

  it('the stored structure is read first: /%postname%/%post_id%/ takes /story/77/ as «story», not as a post named «77»', async () => {
    assert.equal(await slugOf(['story', '77']), '77', 'with no stored structure, /%category%/%postname%/ reads the last part');
    await rt.repos.write((tx) => rt.repos.settings.set(permalinksSettingKey('ar'), '/%postname%/%post_id%/', tx), { invalidates: [] });
    assert.equal(await slugOf(['story', '77']), 'story');
    await rt.repos.write((tx) => rt.repos.settings.delete(permalinksSettingKey('ar'), tx), { invalidates: [] });
  });

  it('an id is the edition’s WordPress id before it is Khabar’s own, and only a published article answers', async () => {
    const byId = async (id: number) => {
      const t = await old.resolve('ar', { kind: 'post', ref: { id, type: 'post' } });
      return t?.kind === 'article' ? t.article.slug : null;
    };
    assert.equal(await byId(77), 'other');
    assert.equal(await byId(ids.story!), 'story');
    assert.equal(await byId(78), null, 'a WordPress id of a draft');
    assert.equal(await byId(ids.draft!), null);
    assert.equal(await byId(2 ** 31), null);
  });

  it('an unknown slug, section or author names nothing', async () => {
    assert.equal(await slugOf(['nothing-here']), null);
    assert.equal(await old.resolve('ar', { kind: 'archive', ref: { archive: 'category', slug: 'nope' }, page: 1 }), null);
    assert.equal(await old.resolve('ar', { kind: 'archive', ref: { archive: 'author', id: 999 }, page: 1 }), null);
    assert.equal(await old.resolve('ar', { kind: 'attachment', id: 999 }), null);
  });
});
