import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { CommentSubmission } from '../../domain/comment.ts';
import { Conflict } from '../../domain/errors.ts';
import { AR_ARTICLE_ID, commentSite, type CommentSite } from '../../../test/support/comments.ts';

// Posts sent in the same turn share one commit (storage/comment-posts.ts); the rules must come out
// exactly as if they had been sent one after another.

const submission = (n: number, o: Partial<CommentSubmission> = {}): CommentSubmission => ({
  authorName: `قارئ ${n}`, authorEmail: `reader${n}@example.org`, authorUrl: '', body: `تعليق رقم ${n} على الخبر`,
  ip: `10.9.0.${n}`, userAgent: 'UA', parentId: null, token: '', trap: '', ...o,
});

/** What a caller hears of each post: its id and status, or the code it was refused with. */
async function outcomes(site: CommentSite, subs: CommentSubmission[], together: boolean): Promise<string[]> {
  const target = (await site.comments.target(AR_ARTICLE_ID))!;
  // At a known version the settings are read once for all posts, so they reach storage in order.
  const version = await site.repos.changes.read();
  const one = (s: CommentSubmission) =>
    site.comments.post(target, s, { api: true, version }).then(
      (p) => `${p.id} ${p.status}`,
      (e: unknown) => (e instanceof Conflict ? e.problems[0]!.code : `${e}`),
    );
  if (together) return Promise.all(subs.map(one));
  const out: string[] = [];
  for (const s of subs) out.push(await one(s));
  return out;
}

describe('comments posted at the same moment', () => {
  const sites: CommentSite[] = [];
  const open = async () => {
    const s = await commentSite();
    sites.push(s);
    return s;
  };
  after(() => Promise.all(sites.map((s) => s.close())));

  it('refuses the second post of the same reader as too quick', async () => {
    const site = await open();
    const got = await outcomes(site, [submission(1), submission(1, { body: 'نص آخر' }), submission(2, { ip: submission(1).ip })], true);
    assert.match(got[0]!, /^\d+ pending$/);
    assert.deepEqual(got.slice(1), ['too_quick', 'too_quick']);
  });

  it('refuses the same text from the same e-mail on the same article as a duplicate', async () => {
    const site = await open();
    await site.comments.updatePolicy('ar', [['flood-seconds', '0']]);
    const got = await outcomes(site, [submission(3), submission(3, { ip: '10.9.1.1' }), submission(3, { body: 'نص مختلف', ip: '10.9.1.2' })], true);
    assert.match(got[0]!, /^\d+ pending$/);
    assert.equal(got[1], 'duplicate');
    assert.match(got[2]!, /^\d+ pending$/);
  });

  it('gives each post the id, status or refusal it gets when posted one by one', async () => {
    const subs = [
      submission(10), submission(11), submission(10, { body: 'ثانية' }), submission(12, { ip: '10.9.0.11' }),
      submission(13, { trap: 'bot' }), submission(14, { body: 'كازينو' }), submission(15),
    ];
    const [a, b] = [await open(), await open()];
    for (const s of [a, b]) await s.comments.updatePolicy('ar', [['block-words', 'كازينو']]);
    assert.deepEqual(await outcomes(a, subs, true), await outcomes(b, subs, false));
  });
});
