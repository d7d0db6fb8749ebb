import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMON_STRUCTURES, matchPermalink } from './permalinks.ts';

const segs = (path: string) => path.split('/').filter(Boolean);

describe('WordPress permalink structures', () => {
  it('read the slug under day-and-name, month-and-name, name and category-and-name', () => {
    assert.deepEqual(matchPermalink('/%year%/%monthnum%/%day%/%postname%/', segs('/2022/02/25/زيارة-وفد/')), { postname: 'زيارة-وفد' });
    assert.deepEqual(matchPermalink('/%year%/%monthnum%/%postname%/', segs('/2022/02/x/')), { postname: 'x' });
    assert.deepEqual(matchPermalink('/%postname%/', segs('/x/')), { postname: 'x' });
    // A nested section's address holds its parents.
    assert.deepEqual(matchPermalink('/%category%/%postname%/', segs('/news/local/x/')), { postname: 'x' });
  });

  it('read the id of the numeric structure, and refuse one past the id columns', () => {
    assert.deepEqual(matchPermalink('/archives/%post_id%', segs('/archives/123')), { postId: 123 });
    assert.equal(matchPermalink('/archives/%post_id%', segs('/archives/99999999999')), null);
    assert.equal(matchPermalink('/archives/%post_id%', segs('/archives/x')), null);
  });

  it('take literal text around tags (an old site’s .html addresses) and tags it does not know', () => {
    assert.deepEqual(matchPermalink('/news/%post_id%-%postname%.html', segs('/news/77-x.html')), { postId: 77, postname: 'x' });
    assert.deepEqual(matchPermalink('/%custom%/%postname%/', segs('/a/b/')), { postname: 'b' });
    assert.equal(matchPermalink('/news/%postname%.html', segs('/news/x/')), null);
  });

  it('refuse a path of another shape, and a structure that names no post', () => {
    assert.equal(matchPermalink('/%year%/%monthnum%/%day%/%postname%/', segs('/2022/02/x/')), null);
    assert.equal(matchPermalink('/%postname%/', segs('/a/b/')), null);
    assert.equal(matchPermalink('/%year%/%monthnum%/', segs('/2022/02/')), null);
    assert.equal(matchPermalink('not-a-structure', segs('/x/')), null);
  });

  it('offer the structures WordPress offers, the numeric one last', () => {
    assert.equal(COMMON_STRUCTURES.at(-1), '/archives/%post_id%');
    assert.ok(COMMON_STRUCTURES.includes('/%postname%/'));
  });
});
