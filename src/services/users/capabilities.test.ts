import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleStatus } from '../../domain/article.ts';
import { ROLES, type Role } from '../../domain/user.ts';
import { ARTICLE_ACTIONS, type ArticleAction, canDo, canDoTo, SITE_ACTIONS, type SiteAction } from './capabilities.ts';

const ME = 7;
const OTHER = 8;

// Expected answers, written out by hand from WordPress's role definitions. Columns: own draft,
// own published, someone else's draft, someone else's published.
type Row = [boolean, boolean, boolean, boolean];
const ARTICLE_TABLE: Record<Role, Record<ArticleAction, Row>> = {
  administrator: {
    'article.edit': [true, true, true, true],
    'article.submit': [true, true, true, true],
    'article.publish': [true, true, true, true],
    'article.unpublish': [true, true, true, true],
    'article.trash': [true, true, true, true],
    'article.restore': [true, true, true, true],
  },
  editor: {
    'article.edit': [true, true, true, true],
    'article.submit': [true, true, true, true],
    'article.publish': [true, true, true, true],
    'article.unpublish': [true, true, true, true],
    'article.trash': [true, true, true, true],
    'article.restore': [true, true, true, true],
  },
  author: {
    'article.edit': [true, true, false, false],
    'article.submit': [true, true, false, false],
    'article.publish': [true, true, false, false],
    'article.unpublish': [true, true, false, false],
    'article.trash': [true, true, false, false],
    'article.restore': [true, true, false, false],
  },
  contributor: {
    'article.edit': [true, false, false, false],
    'article.submit': [true, false, false, false],
    'article.publish': [false, false, false, false],
    'article.unpublish': [false, false, false, false],
    'article.trash': [true, false, false, false],
    'article.restore': [true, false, false, false],
  },
};

const SITE_TABLE: Record<Role, Record<SiteAction, boolean>> = {
  administrator: { 'admin.access': true, 'article.create': true, 'media.upload': true, 'taxonomy.manage': true, 'comment.moderate': true, 'user.manage': true, 'settings.manage': true, 'home.lead': true, 'menu.manage': true, 'page.manage': true, 'audit.view': true },
  editor: { 'admin.access': true, 'article.create': true, 'media.upload': true, 'taxonomy.manage': true, 'comment.moderate': true, 'user.manage': false, 'settings.manage': false, 'home.lead': true, 'menu.manage': true, 'page.manage': true, 'audit.view': false },
  author: { 'admin.access': true, 'article.create': true, 'media.upload': true, 'taxonomy.manage': false, 'comment.moderate': false, 'user.manage': false, 'settings.manage': false, 'home.lead': false, 'menu.manage': false, 'page.manage': false, 'audit.view': false },
  contributor: { 'admin.access': true, 'article.create': true, 'media.upload': false, 'taxonomy.manage': false, 'comment.moderate': false, 'user.manage': false, 'settings.manage': false, 'home.lead': false, 'menu.manage': false, 'page.manage': false, 'audit.view': false },
};

const CASES: { label: string; status: ArticleStatus; authorIds: number[] }[] = [
  { label: 'own draft', status: 'draft', authorIds: [ME] },
  { label: 'own published', status: 'published', authorIds: [OTHER, ME] },
  { label: "another's draft", status: 'draft', authorIds: [OTHER] },
  { label: "another's published", status: 'published', authorIds: [OTHER] },
];

describe('capabilities: each role × each action', () => {
  for (const role of ROLES) {
    it(`${role}: article actions`, () => {
      for (const action of ARTICLE_ACTIONS) {
        CASES.forEach((c, i) => {
          assert.equal(canDoTo({ id: ME, role }, action, c), ARTICLE_TABLE[role][action][i], `${role} ${action} on ${c.label}`);
        });
      }
    });
    it(`${role}: site actions`, () => {
      for (const action of SITE_ACTIONS) assert.equal(canDo({ id: ME, role }, action), SITE_TABLE[role][action], `${role} ${action}`);
    });
  }

  it('a contributor may not touch their own scheduled article (it is live-bound)', () => {
    const scheduled = { status: 'scheduled' as const, authorIds: [ME] };
    assert.equal(canDoTo({ id: ME, role: 'contributor' }, 'article.edit', scheduled), false);
    assert.equal(canDoTo({ id: ME, role: 'contributor' }, 'article.trash', scheduled), false);
    assert.equal(canDoTo({ id: ME, role: 'contributor' }, 'article.edit', { status: 'pending', authorIds: [ME] }), true);
  });
});
