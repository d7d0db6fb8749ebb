import { type CompiledQuery, type Kysely, type QueryResult, sql } from 'kysely';
import { Unavailable } from '../domain/errors.ts';
import type { InvalidationKey } from '../domain/invalidation.ts';
import type { CommentRecord } from './comments.ts';
import type { DialectOps } from './dialects/dialect.ts';
import { prepared, preparedQuery } from './prepared.ts';
import { atCommit } from './riders.ts';
import type { Database } from './schema.ts';
import type { Tx, WritePath } from './write-path.ts';

/** Who posts what where: what the posting rules ask the stored comments about. */
export interface CommenterKey {
  ip: string;
  emailHash: string;
  articleId: number;
  bodyHash: string;
  authorName: string;
}

/**
 * What the posting rules need to know of a commenter (WordPress's checks): the newest comment
 * time from this IP or this e-mail (flood), the same text from them on this article not binned
 * (duplicate), and whether they have an approved comment under this name (known).
 */
export interface CommenterFacts {
  latest: string | null;
  duplicate: boolean;
  known: boolean;
}

/** A reader's post as storage takes it: what to ask, and the caller's decision given the answer. */
export interface CommentPosting<R extends CommentRecord> {
  about: CommenterKey;
  /**
   * The row to write, given the facts as of this post (the posts before it in the same commit
   * included), or a throw to refuse it (then nothing of it is written). It may be called again
   * when the post is retried alone, so it must only decide.
   */
  decide(facts: CommenterFacts): R;
  /** What readers see that the written comment changes (`[]` for a held one). */
  invalidates(record: R): readonly InvalidationKey[];
}

type Write = WritePath['write'];
type Outcome = { ok: true; value: { id: number; record: CommentRecord } } | { ok: false; error: unknown };

interface Pending {
  posting: CommentPosting<CommentRecord>;
  resolve: (value: { id: number; record: CommentRecord }) => void;
  reject: (reason: unknown) => void;
}

// SQLite allows 500 arms in a compound SELECT (the facts are one arm per post); a batch is
// usually the few posts of one moment, so this bound only splits a burst.
const MAX_BATCH = 100;

/**
 * Group commit for reader comments, on both databases: the posts that arrive while the previous
 * batch is being written (or in the same turn of the event loop) are written in ONE transaction
 * with a fixed number of statements, whatever their number — the commenters' locks in one
 * statement, every post's facts in one, one multi-row INSERT, at most one change-counter bump.
 * A post's cost was its round trips (PostgreSQL parses, plans and answers each statement; the
 * work inside is a fraction of it), so a batch of sixteen costs little more than one post. On
 * PostgreSQL the batch is two round trips (riders.ts): BEGIN, locks and facts; the INSERT and
 * the bump with COMMIT.
 *
 * Each post is decided in order, and sees the posts before it in the batch as if they were
 * already stored (the flood, duplicate and known-commenter rules hold exactly as one by one).
 * No caller hears anything before the COMMIT; when the batch fails (an INSERT refused) each of
 * its posts is tried again alone, so one bad post never fails the others.
 */
export class CommentPostBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly write: Write,
    private readonly dialect: Pick<DialectOps, 'lockKeys'>,
    /** Batches written at once; the next one gathers its posts meanwhile. */
    private readonly maxInFlight = 1,
  ) {}

  post<R extends CommentRecord>(posting: CommentPosting<R>): Promise<{ id: number; record: R }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ posting: posting as unknown as CommentPosting<CommentRecord>, resolve: resolve as Pending['resolve'], reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    // After the poll phase: the requests read in this turn are all queued by then.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    if (this.inFlight >= this.maxInFlight || !this.queue.length) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.inFlight++;
    try {
      await this.settle(batch);
    } finally {
      this.inFlight--;
      if (this.queue.length) this.schedule();
    }
  }

  private async settle(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.commit(batch);
    } catch (error) {
      // A lost database is not tried again: the COMMIT may have landed, and a retry would then
      // refuse as too quick a post that is stored. Every post hears «unavailable» (its reader's
      // text kept), as one posted alone would.
      if (batch.length === 1 || error instanceof Unavailable) {
        for (const p of batch) p.reject(error);
        return;
      }
      // Nothing of the batch was written: each post again, alone and in order, as if posted so.
      for (const p of batch) await this.settle([p]);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }

  private async commit(batch: Pending[]): Promise<Outcome[]> {
    const { outcomes, taken, inserted } = await this.write(async (tx, touch) => {
      // Two processes (or batches) checking the same commenter must not both pass the flood rule.
      await this.dialect.lockKeys(tx, batch.flatMap(({ posting: { about } }) => [`comment-ip:${about.ip}`, `comment-email:${about.emailHash}`]));
      const stored = await commenterFactsOf(tx, batch.map((p) => p.posting.about));
      const outcomes: Outcome[] = [];
      const taken: { at: number; record: CommentRecord }[] = [];
      batch.forEach(({ posting }, i) => {
        try {
          const record = posting.decide(withEarlier(stored[i]!, posting.about, taken.map((t) => t.record)));
          taken.push({ at: i, record });
        } catch (error) {
          outcomes[i] = { ok: false, error };
        }
      });
      const inserted = await insertCommentsAtCommit(tx, taken.map((t) => t.record));
      for (const { at, record } of taken) touch(...batch[at]!.posting.invalidates(record));
      return { outcomes, taken, inserted };
    }, { invalidates: [] });
    const ids = await inserted.ids;
    taken.forEach(({ at, record }, j) => {
      outcomes[at] = { ok: true, value: { id: ids[j]!, record } };
    });
    return outcomes;
  }
}

/** The stored facts, with the posts taken before this one in the same batch counted as stored. */
function withEarlier(f: CommenterFacts, k: CommenterKey, earlier: readonly CommentRecord[]): CommenterFacts {
  let { latest, duplicate, known } = f;
  for (const e of earlier) {
    if (e.emailHash === k.emailHash || (k.ip && e.ip === k.ip)) latest = latest && latest > e.createdAt ? latest : e.createdAt;
    if (e.emailHash === k.emailHash && e.articleId === k.articleId && e.bodyHash === k.bodyHash && e.status !== 'trash') duplicate = true;
    if (e.emailHash === k.emailHash && e.authorName === k.authorName && e.status === 'approved') known = true;
  }
  return { latest, duplicate, known };
}

type FactsRow = { k: number; by_ip: string | null; by_email: string | null; duplicate: number | null; known: number | null };
type Run<R> = (db: Kysely<Database>, ...args: unknown[]) => Promise<QueryResult<R>>;

/** One statement per batch size, compiled once (see prepared.ts); sizes are bounded by MAX_BATCH. */
function perSize<F>(cache: Map<number, F>, n: number, make: (n: number) => F): F {
  let run = cache.get(n);
  if (!run) cache.set(n, (run = make(n)));
  return run;
}

const factsQueries = new Map<number, Run<FactsRow>>();

/**
 * Everything the rules ask of `n` posts, one row each (`k` naming the post): the posts are a
 * VALUES list, and the questions subqueries over it. PostgreSQL plans the subqueries once,
 * whatever `n` — a UNION ALL of one arm per post took it about 1 ms of planning per post
 * (EXPLAIN: 9.6 ms to plan, 9 posts), more than the batch's execution.
 */
function factsQuery(db: Kysely<Database>, n: number, m: readonly unknown[]) {
  const rows = Array.from({ length: n }, (_, i) => {
    const [ip, emailHash, articleId, bodyHash, name] = m.slice(i * 5, i * 5 + 5);
    return sql`(${sql.lit(i)}, ${ip}, ${emailHash}, cast(${articleId} as integer), ${bodyHash}, ${name})`;
  });
  // On the commenter's own comments (comments_by_email): `+article_id` keeps SQLite from walking
  // the article's whole thread instead (the unary plus hides the column from indexes).
  // Yes-or-no questions are scalar subqueries (1 or null), not EXISTS: PostgreSQL may run an EXISTS
  // as a hashed subplan, a scan of every comment of that status per batch (profiled: a quarter
  // of its CPU under the comment-POST bench, growing with the table).
  return db.selectFrom(sql`(values ${sql.join(rows)})`.as('v')).select([
    sql<number>`v.column1`.as('k'),
    sql<string | null>`(select max(c.created_at) from comments as c where c.ip = v.column2)`.as('by_ip'),
    sql<string | null>`(select max(c.created_at) from comments as c where c.email_hash = v.column3)`.as('by_email'),
    sql<number | null>`(select 1 from comments as c where c.email_hash = v.column3 and +c.article_id = v.column4
      and c.body_hash = v.column5 and c.status <> 'trash' limit 1)`.as('duplicate'),
    sql<number | null>`(select 1 from comments as c where c.email_hash = v.column3 and c.author_name = v.column6
      and c.status = 'approved' limit 1)`.as('known'),
  ]);
}

/** The stored facts of each commenter, in one round trip. */
export async function commenterFactsOf(db: Kysely<Database>, keys: readonly CommenterKey[]): Promise<CommenterFacts[]> {
  if (!keys.length) return [];
  const run = perSize(factsQueries, keys.length, (n) =>
    // Right after the locks: on PostgreSQL it goes in their message (and the BEGIN's), as a
    // statement of its own, so its snapshot is taken once the locks are held.
    prepared<unknown[], FactsRow>((db, ...m) => factsQuery(db, n, m), n * 5, { inlinable: true }) as Run<FactsRow>,
  );
  const { rows } = await run(db, ...keys.flatMap((f) => [f.ip, f.emailHash, f.articleId, f.bodyHash, f.authorName]));
  const facts: CommenterFacts[] = [];
  for (const r of rows) {
    const f = keys[Number(r.k)]!;
    const times = [f.ip ? r.by_ip : null, r.by_email].filter((t): t is string => !!t).sort();
    facts[Number(r.k)] = { latest: times.at(-1) ?? null, duplicate: r.duplicate !== null, known: r.known !== null };
  }
  return facts;
}

type Insert = (db: Kysely<Database>, ...args: unknown[]) => CompiledQuery<{ id: number }>;
const insertQueries = new Map<number, Insert>();
const INSERT_ARITY = 12;

/** The rows in one statement, returning their ids. */
function insertStatement(tx: Tx, records: readonly CommentRecord[]): CompiledQuery<{ id: number }> {
  const compile = perSize(insertQueries, records.length, (n) =>
    preparedQuery<unknown[], { id: number }>((db, ...m) =>
      db.insertInto('comments').values(Array.from({ length: n }, (_, i) => {
        const [articleId, parentId, name, email, url, body, status, ip, userAgent, createdAt, emailHash, bodyHash] = m.slice(i * INSERT_ARITY, (i + 1) * INSERT_ARITY) as string[];
        return {
          article_id: articleId as unknown as number, parent_id: parentId as unknown as number | null, author_name: name!, author_email: email!, author_url: url!,
          body: body!, status: status!, ip: ip!, user_agent: userAgent!, created_at: createdAt!, email_hash: emailHash!, body_hash: bodyHash!,
        };
      })).returning('id'), n * INSERT_ARITY) as Insert,
  );
  return compile(tx, ...records.flatMap((r) => [
    r.articleId, r.parentId, r.authorName, r.authorEmail, r.authorUrl, r.body, r.status, r.ip, r.userAgent, r.createdAt, r.emailHash, r.bodyHash,
  ]));
}

// Ids are drawn in row order on both databases, while RETURNING's order is not promised.
const idsOf = ({ rows }: QueryResult<{ id: number }>) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

/** Writes the rows in one statement; their ids in the same order. */
export async function insertComments(tx: Tx, records: readonly CommentRecord[]): Promise<number[]> {
  if (!records.length) return [];
  return idsOf(await tx.executeQuery(insertStatement(tx, records)));
}

/**
 * `insertComments` sent with the transaction's COMMIT (riders.ts `atCommit`): on PostgreSQL the
 * batch saves a round trip. `ids` settles after the COMMIT; never wait for it inside the write.
 */
async function insertCommentsAtCommit(tx: Tx, records: readonly CommentRecord[]): Promise<{ ids: Promise<number[]> }> {
  if (!records.length) return { ids: Promise.resolve([]) };
  const ids = (await atCommit(tx, insertStatement(tx, records))).result.then(idsOf);
  ids.catch(() => {}); // a failed write is heard through the write itself
  return { ids };
}
