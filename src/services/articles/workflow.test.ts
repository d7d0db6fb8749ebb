import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stepFor } from './workflow.ts';

const NOW = '2026-01-10T12:00:00.000Z';
const a = (status: 'draft' | 'pending' | 'scheduled' | 'published' | 'trash', publishedAt: string | null = null) => ({ id: 1, status, publishedAt, authorIds: [1] });

describe('bulk action steps', () => {
  it('publishing a draft without a date publishes it now', () => {
    assert.deepEqual(stepFor('publish', a('draft'), NOW), { capability: 'article.publish', status: 'published', publishedAt: NOW });
  });
  it('publishing a draft dated in the future schedules it', () => {
    assert.equal(stepFor('publish', a('pending', '2026-02-01T00:00:00.000Z'), NOW)?.status, 'scheduled');
  });
  it('restoring from the trash gives a draft, as WordPress 5.6+ does', () => {
    assert.equal(stepFor('restore', a('trash', NOW), NOW)?.status, 'draft');
  });
  it('moving a published article to drafts needs the unpublish capability and keeps its date', () => {
    assert.deepEqual(stepFor('draft', a('published', NOW), NOW), { capability: 'article.unpublish', status: 'draft', publishedAt: NOW });
    assert.equal(stepFor('draft', a('pending'), NOW)?.capability, 'article.edit');
  });
  it('actions that change nothing are skipped', () => {
    assert.equal(stepFor('publish', a('published', NOW), NOW), null);
    assert.equal(stepFor('trash', a('trash'), NOW), null);
    assert.equal(stepFor('restore', a('draft'), NOW), null);
    assert.equal(stepFor('pending', a('published', NOW), NOW), null);
    assert.equal(stepFor('publish', a('trash'), NOW), null);
  });
});
