import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectPermalinks, isPermalinkStructure } from './permalinks.ts';

const post = (link: string, name: string, id = 7, date = '2022-02-25 18:50:00') => ({ link, id, type: 'post', name, date });

describe('the old site’s permalink structure', () => {
  it('is detected from the posts’ links, Arabic slugs and sites in a folder included', () => {
    assert.equal(detectPermalinks('https://x.example', [post('https://x.example/2022/02/25/%d8%ac%d8%b3%d8%b1/', '%d8%ac%d8%b3%d8%b1')]), '/%year%/%monthnum%/%day%/%postname%/');
    assert.equal(detectPermalinks('https://x.example/news', [post('https://x.example/news/2022/02/bridge/', 'bridge')]), '/%year%/%monthnum%/%postname%/');
    assert.equal(detectPermalinks('https://x.example', [post('https://x.example/archives/7', 'bridge')]), '/archives/%post_id%');
    assert.equal(detectPermalinks('https://x.example', [post('https://x.example/economy/bridge/', 'bridge')]), '/%category%/%postname%/');
    assert.equal(detectPermalinks('https://x.example', [post('https://x.example/bridge/', 'bridge')]), '/%postname%/');
    assert.equal(detectPermalinks('https://x.example', [post('https://x.example/?p=7', '')]), '/?p=%post_id%');
  });

  it('follows what most links do, and guesses nothing when no structure explains half of them', () => {
    const links = [post('https://x.example/a/', 'a'), post('https://x.example/b/', 'b'), post('https://x.example/2020/01/01/c/', 'c')];
    assert.equal(detectPermalinks('https://x.example', links), '/%postname%/');
    assert.equal(detectPermalinks('https://x.example', [post('https://x.example/x/y/z/q', 'a')]), null);
    assert.equal(detectPermalinks('https://x.example', []), null);
  });

  it('accepts only structures WordPress accepts', () => {
    assert.ok(isPermalinkStructure('/%year%/%postname%/'));
    assert.ok(!isPermalinkStructure('%postname%'));
    assert.ok(!isPermalinkStructure('/%year%/%slug%/'));
    assert.ok(!isPermalinkStructure('/%year%/'));
  });
});
