import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type KyselyPlugin } from 'kysely';
import { messagesSentBy } from '../../test/support/pg-messages.ts';
import { testDialect } from '../../test/support/runtime.ts';
import { commentSite, type CommentSite, AR_ARTICLE_ID, EN_ARTICLE_ID } from '../../test/support/comments.ts';
import { Unavailable } from '../domain/errors.ts';
import { CommentPostBatcher, type CommenterFacts, type CommentPosting } from './comment-posts.ts';
import type { CommentRecord } from './comments.ts';
import type { WritePath } from './write-path.ts';

/** A batcher over the site's write path that counts its transactions and the statements in them. */
function counted(site: CommentSite) {
  const seen = { transactions: 0, statements: [] as number[] };
  const counter: KyselyPlugin = {
    transformQuery: (a) => a.node,
    transformResult: async (a) => {
      seen.statements[seen.statements.length - 1]! += 1;
      return a.result;
    },
  };
  const write: WritePath['write'] = (fn, o) =>
    site.repos.write((tx, touch) => {
      seen.transactions += 1;
      seen.statements.push(0);
      return fn(tx.withPlugin(counter), touch);
    }, o);
  return { batcher: new CommentPostBatcher(write, site.repos.db.dialect), seen };
}

let n = 0;
/** A post of its own reader (new IP and e-mail) unless told otherwise; `decide` keeps what it saw. */
function posting(o: Partial<CommentRecord> = {}, refuse?: (f: CommenterFacts) => boolean) {
  const i = ++n;
  const record: CommentRecord = {
    articleId: AR_ARTICLE_ID, parentId: null, authorName: `قارئ ${i}`, authorEmail: `r${i}@example.org`, authorUrl: '', body: `تعليق ${i}`,
    status: 'approved', ip: `10.${i >> 8 & 255}.${i & 255}.9`, userAgent: 'UA', createdAt: new Date(Date.UTC(2024, 4, 1, 9, 0, i)).toISOString(),
    emailHash: `email-${i}`, bodyHash: `body-${i}`, ...o,
  };
  const saw: CommenterFacts[] = [];
  const p: CommentPosting<CommentRecord> = {
    about: { ip: record.ip, emailHash: record.emailHash, articleId: record.articleId, bodyHash: record.bodyHash, authorName: record.authorName },
    decide: (f) => {
      saw.push(f);
      if (refuse?.(f)) throw new Error(`refused ${i}`);
      return record;
    },
    invalidates: (r) => (r.status === 'approved' ? [`article:${r.articleId}`] : []),
  };
  return { p, saw, record };
}

describe('comment posts of the same moment: one transaction, a fixed number of statements', () => {
  let site: CommentSite;
  before(async () => {
    site = await commentSite();
  });
  after(() => site.close());

  const stored = (id: number) => site.repos.comments.find(id);

  it('writes sixteen posts in one transaction of three statements (locks, facts, one INSERT) and one counter bump', async () => {
    // SQLite takes no locks (one writer). PostgreSQL gets them, with BEGIN, the bump and COMMIT, in
    // three messages (below).
    const { batcher, seen } = counted(site);
    const version = await site.repos.changes.read();
    const heard: string[][] = [];
    const stop = site.repos.onWrite((k) => heard.push([...k]));
    const posts = Array.from({ length: 16 }, (_, i) => posting({ status: i % 2 ? 'approved' : 'pending' }));
    const done = await Promise.all(posts.map(({ p }) => batcher.post(p)));
    stop();
    assert.equal(seen.transactions, 1);
    assert.deepEqual(seen.statements, [site.repos.db.dialect.name === 'postgres' ? 3 : 2]);
    assert.equal(await site.repos.changes.read(), version + 1);
    assert.deepEqual(heard, [[`article:${AR_ARTICLE_ID}`]]);
    // Ids in the order posted, each row as decided.
    assert.deepEqual(done.map((d) => d.id), [...done.map((d) => d.id)].sort((a, b) => a - b));
    for (const [i, d] of done.entries()) {
      const c = await stored(d.id);
      assert.equal(c?.body, posts[i]!.record.body);
      assert.equal(c?.status, posts[i]!.record.status);
    }
  });

  it('reads the facts of a name as typed, quotes, backslashes and all (PostgreSQL writes them into the SQL)', async () => {
    const { batcher } = counted(site);
    const name = `O'Brien \\' \\\\"; -- $1 أمين`;
    const first = posting({ emailHash: 'quoted-reader', authorName: name, status: 'approved' });
    await batcher.post(first.p);
    const again = posting({ emailHash: 'quoted-reader', authorName: name, bodyHash: first.record.bodyHash, ip: first.record.ip });
    await batcher.post(again.p);
    assert.deepEqual(again.saw, [{ latest: first.record.createdAt, duplicate: true, known: true }]);
  });

  if (testDialect() === 'postgres') {
    it('costs PostgreSQL two round trips a batch: BEGIN, locks and facts in one message; the INSERT and the bump with COMMIT', async () => {
      const sent = await messagesSentBy(() => Promise.all(Array.from({ length: 4 }, () => posting()).map(({ p }) => site.repos.comments.post(p))));
      assert.equal(sent.length, 2, sent.join('\n'));
      assert.match(sent[0]!, /^start transaction; set local statement_timeout = \d+; SELECT pg_advisory_xact_lock\(-?\d+\)(, pg_advisory_xact_lock\(-?\d+\))+; select v\.column1 as "k"/);
      assert.match(sent[1]!, /^insert into "comments" .* returning "id"; update change_counter set value = value \+ 1 where id = 1; commit$/s);
    });
  }

  it('moves nothing when every post of the batch is held', async () => {
    const { batcher } = counted(site);
    const version = await site.repos.changes.read();
    await Promise.all([posting({ status: 'pending' }), posting({ status: 'spam' })].map(({ p }) => batcher.post(p)));
    assert.equal(await site.repos.changes.read(), version);
  });

  it('shows each post the ones before it in the batch as stored: flood, duplicate, known', async () => {
    const { batcher, seen } = counted(site);
    const first = posting({ emailHash: 'same-reader', authorName: 'سارة', bodyHash: 'same-text', status: 'approved' });
    const sameIp = posting({ ip: first.record.ip });
    const again = posting({ emailHash: 'same-reader', authorName: 'سارة', bodyHash: 'same-text', createdAt: first.record.createdAt });
    const otherArticle = posting({ emailHash: 'same-reader', authorName: 'سارة', bodyHash: 'same-text', articleId: EN_ARTICLE_ID });
    const stranger = posting();
    await Promise.all([first, sameIp, again, otherArticle, stranger].map(({ p }) => batcher.post(p)));
    assert.equal(seen.transactions, 1);
    assert.deepEqual(first.saw, [{ latest: null, duplicate: false, known: false }]);
    assert.deepEqual(sameIp.saw, [{ latest: first.record.createdAt, duplicate: false, known: false }]);
    assert.deepEqual(again.saw, [{ latest: first.record.createdAt, duplicate: true, known: true }]);
    // The same text on another article is no duplicate; the reader is still known and recent.
    assert.equal(otherArticle.saw[0]!.duplicate, false);
    assert.equal(otherArticle.saw[0]!.known, true);
    assert.deepEqual(stranger.saw, [{ latest: null, duplicate: false, known: false }]);
  });

  it('writes nothing of a refused post, and the posts after it do not see it', async () => {
    const { batcher } = counted(site);
    const refused = posting({ emailHash: 'refused-reader' }, () => true);
    const next = posting({ emailHash: 'refused-reader' });
    const [r, ok] = await Promise.allSettled([batcher.post(refused.p), batcher.post(next.p)]);
    assert.match(String((r as PromiseRejectedResult).reason), /refused/);
    assert.equal(ok.status, 'fulfilled');
    assert.deepEqual(next.saw, [{ latest: null, duplicate: false, known: false }]);
  });

  it('tries each post of a failed batch again alone: the others land, the failing one hears its error', async () => {
    const { batcher, seen } = counted(site);
    const before = posting();
    const gone = posting({ articleId: 987_654 }); // no such article: the INSERT breaks its foreign key
    const behind = posting({ ip: before.record.ip }); // too quick after `before`, in the batch as alone
    const results = await Promise.allSettled([before, gone, behind].map(({ p }) => batcher.post(p)));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(seen.transactions, 4); // the batch, then each post alone
    const [a, , c] = results as PromiseFulfilledResult<{ id: number }>[];
    assert.equal((await stored(a!.value.id))?.body, before.record.body);
    assert.equal((await stored(c!.value.id))?.body, behind.record.body);
    assert.ok(c!.value.id > a!.value.id);
    // Alone, `behind` saw `before` as stored, exactly as in the batch.
    assert.deepEqual(behind.saw.map((f) => f.latest), [before.record.createdAt, before.record.createdAt]);
  });
  it('does not try a batch that lost its database again: every post hears «unavailable», as one alone would', async () => {
    let transactions = 0;
    const lost: WritePath['write'] = async () => {
      transactions++;
      throw new Unavailable('database');
    };
    const batcher = new CommentPostBatcher(lost, site.repos.db.dialect);
    const results = await Promise.allSettled([posting(), posting()].map(({ p }) => batcher.post(p)));
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.ok(results.every((r) => (r as PromiseRejectedResult).reason instanceof Unavailable));
    assert.equal(transactions, 1, 'not tried again post by post');
  });
});

if (testDialect() === 'postgres') {
  describe('the facts of a batch on a site with many comments', () => {
    let site: CommentSite;
    before(async () => {
      site = await commentSite();
      // Thousands of comments, a third of them approved, none by the batch's readers.
      await sql`insert into comments (article_id, author_name, author_email, author_url, body, status, ip,
        user_agent, created_at, email_hash, body_hash)
        select ${AR_ARTICLE_ID}, 'قارئ ' || g, 'old' || g || '@example.org', '', 'تعليق قديم ' || g,
          case when g % 3 = 0 then 'approved' else 'pending' end, '10.200.' || (g % 250) || '.' || (g % 7),
          'UA', '2024-01-01T00:00:00.000Z', 'old-email-' || g, 'old-body-' || g
        from generate_series(1, 4000) as g`.execute(site.repos.db.kysely);
    });
    after(() => site.close());

    it('reads each commenter\'s own comments through an index, never a scan of them all', async () => {
      const sent = await messagesSentBy(() => Promise.all(Array.from({ length: 16 }, () => posting()).map(({ p }) => site.repos.comments.post(p))));
      const facts = sent[0]!.slice(sent[0]!.indexOf('select v.column1'));
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(facts)}`.execute(site.repos.db.kysely);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.doesNotMatch(plan, /Seq Scan on comments|hashed SubPlan/, plan);
    });
  });
}
